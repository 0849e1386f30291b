/**
 * Countersign: departments sign off in parallel until all have signed or the deadline
 * passes, whichever comes first. The smallest real use of the parallel-review idiom, kept
 * as the foundation's proof that timers, signals and activities work on both servers.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { Activities } from '../activities';
import { countersignStatusQuery, signOffSignal } from './shared';

export interface CountersignInput {
  subject: string;
  departments: string[];
  /** How long the round may stay open, e.g. '30 days'. */
  deadline: Duration;
}

export interface CountersignOutcome {
  outcome: 'all-signed' | 'deadline-passed';
  signed: string[];
  missing: string[];
}

const { recordNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
});

export async function countersignWorkflow(input: CountersignInput): Promise<CountersignOutcome> {
  const signed = new Set<string>();
  const pending = () => input.departments.filter((d) => !signed.has(d));

  setHandler(signOffSignal, ({ department }) => {
    if (input.departments.includes(department)) signed.add(department);
  });
  setHandler(countersignStatusQuery, () => ({ signed: [...signed], pending: pending() }));

  const allSigned = await condition(() => pending().length === 0, input.deadline);
  const result: CountersignOutcome = {
    outcome: allSigned ? 'all-signed' : 'deadline-passed',
    signed: input.departments.filter((d) => signed.has(d)),
    missing: pending(),
  };
  await recordNotification({
    key: `countersign:${input.subject}`,
    audience: 'coordinator',
    message: allSigned ? `${input.subject}: all departments signed` : `${input.subject}: missing ${result.missing.join(', ')}`,
  });
  return result;
}
