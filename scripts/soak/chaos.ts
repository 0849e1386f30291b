/**
 * The soak's chaos: at random moments one process of the topology — a worker, a service
 * replica or Temporal's server — is killed with SIGKILL and started again after a short
 * while, as an orchestrator would. At least one replica and one worker keep running while
 * another is down, so the load balancer always has somewhere to send a request.
 */
import type { Child, ProcessGroup } from '../cluster/processes';
import { waitForPort } from '../cluster/ports';
import { startTemporalServer, type TemporalPorts } from '../cluster/temporal-server';

export type TKillKind = 'worker' | 'service' | 'temporal';

export interface ChaosTargets {
  group: ProcessGroup;
  workers: Child[];
  services: Child[];
  /** Ports of the replicas, in the order of `services`. */
  httpPorts: number[];
  server: Child;
  temporalRoot: string;
  temporalPorts: TemporalPorts;
}

export class Chaos {
  readonly kills: Record<TKillKind, number> = { worker: 0, service: 0, temporal: 0 };
  /** Replicas a client may use now (a killed one leaves until it answers again). */
  readonly liveReplicas = new Set<number>();
  private stopped = false;
  private readonly restarting = new Set<Promise<void>>();

  constructor(
    private readonly t: ChaosTargets,
    private readonly random: () => number,
    private readonly say: (line: string) => void,
  ) {
    t.httpPorts.forEach((_, i) => this.liveReplicas.add(i));
  }

  get total(): number {
    return this.kills.worker + this.kills.service + this.kills.temporal;
  }

  /** Kills one process at a random moment `minMs`–`maxMs` apart until `stop()`; resolves then. */
  async run(minMs: number, maxMs: number): Promise<void> {
    while (!this.stopped) {
      await new Promise((r) => setTimeout(r, minMs + this.random() * (maxMs - minMs)));
      if (this.stopped) break;
      await this.killOne();
    }
    await Promise.all(this.restarting);
  }

  stop(): void {
    this.stopped = true;
  }

  private async killOne(): Promise<void> {
    const candidates: TKillKind[] = [];
    if (this.t.workers.filter((w) => w.alive()).length > 1) candidates.push('worker');
    if (this.t.services.filter((s) => s.alive()).length > 1) candidates.push('service');
    if (this.t.server.alive()) candidates.push('temporal');
    if (candidates.length === 0) return;
    const kind = candidates[Math.floor(this.random() * candidates.length)]!;
    this.kills[kind] += 1;
    const restart = (async () => {
      if (kind === 'temporal') {
        this.t.server.kill('SIGKILL');
        await this.t.server.exited;
        await new Promise((r) => setTimeout(r, 300 + this.random() * 1500));
        this.t.server = await startTemporalServer(this.t.group, this.t.temporalRoot, this.t.temporalPorts);
      } else if (kind === 'worker') {
        const i = this.t.workers.findIndex((w) => w.alive());
        const victim = this.t.workers[i]!;
        victim.kill('SIGKILL');
        await victim.exited;
        await new Promise((r) => setTimeout(r, 200 + this.random() * 1000));
        this.t.workers[i] = this.t.group.spawn(victim.spec);
      } else {
        const alive = this.t.services.map((s, i) => [s, i] as const).filter(([s]) => s.alive());
        const [victim, i] = alive[Math.floor(this.random() * alive.length)]!;
        this.liveReplicas.delete(i);
        victim.kill('SIGKILL');
        await victim.exited;
        await new Promise((r) => setTimeout(r, 200 + this.random() * 1000));
        const again = this.t.group.spawn(victim.spec);
        this.t.services[i] = again;
        await waitForPort(this.t.httpPorts[i]!, 60_000, again.alive);
        this.liveReplicas.add(i);
      }
    })().catch((err: unknown) => this.say(`restart after killing the ${kind} failed: ${err instanceof Error ? err.message : String(err)}`));
    this.say(`kill #${this.total}: ${kind}`);
    const tracked: Promise<void> = restart.finally(() => this.restarting.delete(tracked));
    this.restarting.add(tracked);
    // One outage at a time: the next kill waits until this one is back.
    await tracked;
  }
}
