/**
 * Material file records in PostgreSQL: what one replica stores another lists, and the files of
 * an install from before PostgreSQL (a JSON sidecar beside each file) stay listed after upgrading.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MaterialStore } from '../../../service/materials/store';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';

let t: TestDatabase;
let uploads: string;
beforeAll(async () => {
  t = await testDatabase('materials');
  uploads = mkdtempSync(join(tmpdir(), 'material-records-'));
});
afterAll(async () => {
  await t.drop();
  rmSync(uploads, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

test('a file saved on one replica is listed and read on another, oldest first', async () => {
  const a = new MaterialStore(t.db, uploads);
  const b = new MaterialStore(t.db, uploads);
  const meta = {
    projectId: 'p-records',
    stageId: 'preparation',
    materialId: 'site-plan',
    name: '总平面图.pdf',
    type: 'application/pdf' as const,
    uploadedBy: 'ent-a',
  };
  const first = await a.save({ ...meta, uploadedAt: '2026-03-02T01:00:00.000Z' }, PDF);
  const second = await a.save({ ...meta, uploadedAt: '2026-03-02T02:00:00.000Z' }, PDF);
  expect(await b.list('p-records')).toEqual([first, second]);
  expect(await b.meta('p-records', first.id)).toEqual(first);
  expect(await b.meta('another-project', first.id)).toBeUndefined();
  expect(await b.bytes(first)).toEqual(PDF);
});

test('sidecars of an older install are imported once; a second start adds nothing', async () => {
  const id = randomUUID();
  const file = {
    id,
    projectId: 'p-old',
    stageId: 'preparation',
    materialId: 'site-plan',
    name: 'old.pdf',
    size: PDF.length,
    sha256: 'ab'.repeat(32),
    type: 'application/pdf',
    uploadedBy: 'ent-a',
    uploadedAt: '2025-12-01T08:00:00.000Z',
  };
  mkdirSync(join(uploads, 'p-old'), { recursive: true });
  writeFileSync(join(uploads, 'p-old', id), PDF);
  writeFileSync(join(uploads, 'p-old', `${id}.json`), JSON.stringify(file));
  const store = new MaterialStore(t.db, uploads);
  expect(await store.importSidecars()).toBe(1);
  expect(await store.importSidecars()).toBe(0);
  expect(await store.list('p-old')).toEqual([file]);
});
