/**
 * Materials handed in as files (POST/GET /api/projects/{id}/materials, GET …/{fileId}) on the
 * engine in memory and a temporary data directory: stored and listed with their sha256,
 * downloaded byte for byte under their original (Chinese) name; too big is 413, a type the bytes
 * do not bear out is 415 (a ZIP without OFD.xml at its root is no OFD), another
 * enterprise gets 404 and a department 403 on upload; a department lists only the files of
 * its own items' materials.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseContentDisposition } from 'content-disposition';
import { strToU8, zipSync } from 'fflate';
import { getDefinition } from '../../../definitions/process';
import { MaterialStore, MAX_MATERIAL_BYTES, sniffType } from '../../../service/materials/store';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const materialOf = (itemId: string) => stage.items.find((i) => i.id === itemId)!.materials.find((m) => !m.providedByResult)!.id;
/** EIA category `form`: the form is asked for (ecology-environment), the report not. */
const ECO = materialOf('eia-form-approval');
const LAND = materialOf('land-pre-review');
const NOT_ASKED = materialOf('eia-report-approval');

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A real 1×1 PNG (file-type reads past the signature into the chunks). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64)]);
/** A minimal OFD package (GB/T 33190): the entry point OFD.xml at the root, one document beside it. */
const OFD = Buffer.from(
  zipSync({
    'OFD.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
    ),
    'Doc_0/Document.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>'),
  }),
);
/** A plain ZIP, and one with OFD.xml only in a folder: neither is an OFD. */
const PLAIN_ZIP = Buffer.from(zipSync({ 'readme.txt': strToU8('not a document') }));
const NESTED_OFD_ZIP = Buffer.from(zipSync({ 'scans/OFD.xml': strToU8('<ofd:OFD/>') }));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const dataDir = mkdtempSync(join(tmpdir(), 'materials-'));
const uploads = join(dataDir, 'uploads');
let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};
let id: string;
let other: string;

beforeAll(async () => {
  app = await testApp({ projects: new MemoryGateway().asGateway(), materials: new MaterialStore(await testDb(), uploads) });
  for (const u of ['coordinator', 'dept-ecology-environment', 'dept-natural-resources-planning', 'ent-a', 'ent-b']) tokens[u] = await login(app, u);
  const register = async (enterpriseId: string) => {
    const res = await call(app, 'POST', '/api/projects', {
      token: tokens.coordinator,
      body: { title: '材料上传', definitionId: 'wuhan-industrial', enterpriseId, attributes: ATTRIBUTES },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  id = await register('ent-a');
  other = await register('ent-b');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function form(fields: { stageId?: string; materialId?: string; file?: Uint8Array; name?: string; type?: string }): FormData {
  const f = new FormData();
  if (fields.stageId !== undefined) f.set('stageId', fields.stageId);
  if (fields.materialId !== undefined) f.set('materialId', fields.materialId);
  if (fields.file) f.set('file', new File([new Uint8Array(fields.file)], fields.name ?? 'a.pdf', { type: fields.type ?? 'application/pdf' }));
  return f;
}

async function upload(as: string, project: string, body: FormData | string, headers: Record<string, string> = {}) {
  const res = await app.request(`/api/projects/${project}/materials`, { method: 'POST', headers: { Authorization: `Bearer ${tokens[as]}`, ...headers }, body });
  const text = await res.text();
  if (process.env.DEBUG_UPLOAD) console.log(text);
  return { status: res.status, body: JSON.parse(text), headers: res.headers };
}

const ok = (materialId = ECO, file: Uint8Array = PDF, name = '环评报告表.pdf', type = 'application/pdf') =>
  form({ stageId: stage.id, materialId, file, name, type });
const fileCount = () => (existsSync(join(uploads, id)) ? readdirSync(join(uploads, id)).length : 0);

test('an upload is stored with its record in PostgreSQL, listed with its sha256 and downloaded byte for byte', async () => {
  const res = await upload('ent-a', id, ok());
  expect(res.status).toBe(201);
  expect(res.body).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    projectId: id,
    stageId: stage.id,
    materialId: ECO,
    name: '环评报告表.pdf',
    size: PDF.length,
    sha256: sha256(PDF),
    type: 'application/pdf',
    uploadedBy: 'ent-a',
    uploadedAt: expect.any(String),
  });
  expect(res.headers.get('location')).toBe(`/api/projects/${id}/materials/${res.body.id}`);
  expect(readFileSync(join(uploads, id, res.body.id))).toEqual(PDF);
  // Another replica (a second store on the same database) finds the record.
  expect(await new MaterialStore(await testDb(), uploads).meta(id, res.body.id)).toEqual(res.body);
  expect(readdirSync(join(uploads, id)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

  for (const as of ['ent-a', 'coordinator', 'dept-ecology-environment']) {
    const listed = await call(app, 'GET', `/api/projects/${id}/materials`, { token: tokens[as] });
    expect([as, listed.status, listed.body.files]).toEqual([as, 200, [res.body]]);
    const got = await app.request(`/api/projects/${id}/materials/${res.body.id}`, { headers: { Authorization: `Bearer ${tokens[as]}` } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(parseContentDisposition(got.headers.get('content-disposition')!)).toEqual({ type: 'attachment', parameters: { filename: '环评报告表.pdf' } });
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(PDF));
  }
});

test("a department lists and downloads only the files of its own items' materials", async () => {
  const land = await upload('ent-a', id, ok(LAND, PNG, 'C:\\scans\\用地红线图.png', 'image/png'));
  expect([land.status, land.body.type, land.body.name]).toEqual([201, 'image/png', '用地红线图.png']);
  const eco = await call(app, 'GET', `/api/projects/${id}/materials`, { token: tokens['dept-ecology-environment'] });
  expect(eco.body.files.map((f: { materialId: string }) => f.materialId)).toEqual([ECO]);
  const nrp = await call(app, 'GET', `/api/projects/${id}/materials`, { token: tokens['dept-natural-resources-planning'] });
  expect(nrp.body.files.map((f: { materialId: string }) => f.materialId)).toEqual([LAND]);
  const hidden = await call(app, 'GET', `/api/projects/${id}/materials/${land.body.id}`, { token: tokens['dept-ecology-environment'] });
  expect([hidden.status, hidden.body.error.code]).toEqual([404, 'NOT_FOUND']);
  expect((await call(app, 'GET', `/api/projects/${id}/materials`, { token: tokens.coordinator })).body.files).toHaveLength(2);
});

test.each([
  ['too big: 413', 'ent-a', () => ok(ECO, Buffer.concat([PDF, Buffer.alloc(MAX_MATERIAL_BYTES)])), 413, 'PAYLOAD_TOO_LARGE'],
  ['an ELF executable named .pdf and declared a PDF: 415', 'ent-a', () => ok(ECO, ELF, 'report.pdf', 'application/pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a PDF declared as an executable: 415', 'ent-a', () => ok(ECO, PDF, 'a.exe', 'application/x-msdownload'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a department: 403', 'dept-ecology-environment', () => ok(), 403, 'FORBIDDEN'],
  ['the coordinator: 403', 'coordinator', () => ok(), 403, 'FORBIDDEN'],
  ['another enterprise: 404', 'ent-b', () => ok(), 404, 'NOT_FOUND'],
  ['a material the stage does not ask for: 400', 'ent-a', () => ok(NOT_ASKED), 400, 'VALIDATION'],
] as const)('%s, and nothing is stored', async (_, as, body, status, code) => {
  const before = fileCount();
  const res = await upload(as, id, body());
  expect([res.status, res.body.error.code]).toEqual([status, code]);
  expect(fileCount()).toBe(before);
});

test("another enterprise's project answers like one that does not exist, on every route", async () => {
  const mine = await upload('ent-b', other, ok());
  expect(mine.status).toBe(201);
  for (const path of [`/api/projects/${other}/materials`, `/api/projects/${other}/materials/${mine.body.id}`]) {
    const res = await call(app, 'GET', path, { token: tokens['ent-a'] });
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
  }
  const wrongProject = await call(app, 'GET', `/api/projects/${id}/materials/${mine.body.id}`, { token: tokens['ent-a'] });
  expect(wrongProject.status).toBe(404);
});

test('an OFD is taken; a ZIP without OFD.xml at its root is refused on `file`, saying why, and nothing is stored', async () => {
  const ofd = await upload('ent-a', id, ok(ECO, OFD, '环评报告表.ofd', 'application/ofd'));
  expect([ofd.status, ofd.body.type]).toEqual([201, 'application/ofd']);
  for (const zip of [PLAIN_ZIP, NESTED_OFD_ZIP]) {
    const before = fileCount();
    const res = await upload('ent-a', id, ok(ECO, zip, '环评报告表.ofd', 'application/ofd'));
    expect([res.status, res.body.error.code, res.body.error.issues]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      [{ path: 'file', message: expect.stringMatching(/ZIP archive without OFD\.xml at its root/) }],
    ]);
    expect(fileCount()).toBe(before);
  }
});

test('a download names the file in Content-Disposition so that a Chinese name, spaces, brackets and a percent sign come back as handed in (RFC 6266, RFC 5987)', async () => {
  const name = '环评报告表 (终稿) 100%.pdf';
  const res = await upload('ent-a', id, ok(ECO, PDF, name));
  const got = await app.request(`/api/projects/${id}/materials/${res.body.id}`, { headers: { Authorization: `Bearer ${tokens['ent-a']}` } });
  const header = got.headers.get('content-disposition')!;
  expect(parseContentDisposition(header).parameters.filename).toBe(name);
  // The UTF-8 name travels percent-encoded, beside a plain fallback for clients without RFC 5987.
  expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[\x21-\x7e]+$/);
});

test('types are told by the bytes', async () => {
  expect(await sniffType(PDF)).toEqual({ type: 'application/pdf' });
  expect(await sniffType(PNG)).toEqual({ type: 'image/png' });
  expect(await sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]))).toEqual({ type: 'image/jpeg' });
  expect(await sniffType(OFD)).toEqual({ type: 'application/ofd' });
  // Zip magic and the name OFD.xml somewhere in the bytes is not an OFD: the archive must hold it at its root.
  expect(await sniffType(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('OFD.xml')]))).toEqual({
    why: expect.stringMatching(/cannot be read/),
  });
  expect(await sniffType(PLAIN_ZIP)).toEqual({ why: expect.stringMatching(/without OFD\.xml/) });
  expect(await sniffType(NESTED_OFD_ZIP)).toEqual({ why: expect.stringMatching(/without OFD\.xml/) });
  expect(await sniffType(ELF)).toEqual({ why: expect.stringMatching(/not a PDF, JPEG, PNG or OFD/) });
});
