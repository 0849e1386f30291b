/** TCP port checks for the start scripts and the cluster: is it taken, wait until something listens, find free ones. */
import { connect, createServer } from 'node:net';

export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

/** Resolves once `port` accepts connections; rejects after `timeoutMs` or when `alive()` turns false (the process died). */
export async function waitForPort(port: number, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await portInUse(port)) return;
    if (!alive()) throw new Error(`the process that should listen on port ${port} exited`);
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` free ports, all below 32768: Temporal keeps membership ports in a smallint column
 * (TOOLCHAIN.md), and the kernel's ephemeral range (where port 0 lands) starts above it.
 * Ports are taken at random from [10000, 32000) so parallel runs rarely collide.
 */
export async function freeLowPorts(count: number): Promise<number[]> {
  const found = new Set<number>();
  for (let attempt = 0; found.size < count && attempt < 1000; attempt++) {
    const port = 10000 + Math.floor(Math.random() * 22000);
    if (!found.has(port) && (await canBind(port))) found.add(port);
  }
  if (found.size < count) throw new Error(`found only ${found.size} of ${count} free ports below 32000`);
  return [...found];
}
