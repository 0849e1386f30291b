/** The worker refuses a bad environment before connecting, naming each bad variable. */
import { parseWorkerConfig } from '../../worker/config';
import { tlsFromConfig } from '../../worker/connection';

const DB = { DATABASE_URL: 'postgres://approvals@localhost:5432/approvals' };

test('defaults point at the embedded dev server', () => {
  const c = parseWorkerConfig({ ...DB });
  expect(c).toMatchObject({ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'parallel-approvals' });
  expect(tlsFromConfig(c)).toBeUndefined();
});

test('a malformed address and a half TLS pair are both reported', () => {
  expect(() => parseWorkerConfig({ ...DB, TEMPORAL_ADDRESS: 'no port here', TEMPORAL_TLS_CERT_PATH: '/x.pem' })).toThrow(
    /TEMPORAL_ADDRESS: expected host:port[\s\S]*TEMPORAL_TLS_KEY_PATH: .*given together/,
  );
});

test('an API key alone turns TLS on for a cloud cluster', () => {
  const c = parseWorkerConfig({ ...DB, TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k' });
  expect(tlsFromConfig(c)).toBe(true);
});

test('the database is required and must be a postgres:// URL', () => {
  expect(() => parseWorkerConfig({})).toThrow(/DATABASE_URL/);
  expect(() => parseWorkerConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL: a postgres:\/\/ URL/);
});

test('workflow threads: one per 3,000 cached projects unless set (1 for the default cache), a whole number from 1 to 16', () => {
  expect(parseWorkerConfig({ ...DB }).APPROVALS_WORKER_WORKFLOW_THREADS).toBe(1);
  expect(parseWorkerConfig({ ...DB, APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: '0' }).APPROVALS_WORKER_WORKFLOW_THREADS).toBe(1);
  expect(parseWorkerConfig({ ...DB, APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: '3000' }).APPROVALS_WORKER_WORKFLOW_THREADS).toBe(1);
  expect(parseWorkerConfig({ ...DB, APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: '10100' }).APPROVALS_WORKER_WORKFLOW_THREADS).toBe(4);
  expect(parseWorkerConfig({ ...DB, APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: '999999' }).APPROVALS_WORKER_WORKFLOW_THREADS).toBe(16);
  expect(
    parseWorkerConfig({ ...DB, APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: '10100', APPROVALS_WORKER_WORKFLOW_THREADS: '2' }).APPROVALS_WORKER_WORKFLOW_THREADS,
  ).toBe(2);
  expect(parseWorkerConfig({ ...DB, APPROVALS_WORKER_WORKFLOW_THREADS: '4' }).APPROVALS_WORKER_WORKFLOW_THREADS).toBe(4);
  for (const bad of ['0', '17', 'two'])
    expect(() => parseWorkerConfig({ ...DB, APPROVALS_WORKER_WORKFLOW_THREADS: bad })).toThrow(/APPROVALS_WORKER_WORKFLOW_THREADS: a whole number of threads/);
});
