/**
 * Files the enterprise hands in for a stage's materials: the bytes under
 * `<APPROVALS_DATA_DIR>/uploads/<projectId>/<fileId>` (written to a temporary name and
 * renamed), the record (original name, size, sha256, type, material, stage, who, when) in
 * PostgreSQL (table `material_files`), inserted after the file is complete, so a file is
 * listed only once it can be read. Every replica sees the same records; the upload folder
 * must be shared by them (a network volume) or the bytes live on the replica that took them.
 * Types are told by the bytes (file-type; an OFD's ZIP must hold OFD.xml), not by the name or the declared type.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
// The platform-neutral entry: buffers are all we sniff, and jest's resolver cannot pick the package root's import-only Node entry.
import { fileTypeFromBuffer } from 'file-type/core';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect';
import type { MaterialFilesTable } from '../../db/tables/service-state';
import { MATERIAL_TYPES, type TMaterialType } from './types';

export { MATERIAL_TYPES, MAX_MATERIAL_BYTES, type TMaterialType } from './types';

/** Declared types a browser may send for an allowed file (the bytes decide in the end). */
export const DECLARABLE_TYPES = new Set<string>([
  '',
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
  'application/pdf',
  'image/jpeg',
  'image/pjpeg',
  'image/png',
  'application/ofd',
]);

/** The allowed types by the MIME type file-type tells from the bytes (an OFD is told apart from other ZIPs below). */
const BY_SNIFFED_MIME = new Map<string, TMaterialType>([
  ['application/pdf', MATERIAL_TYPES.pdf],
  ['image/jpeg', MATERIAL_TYPES.jpeg],
  ['image/png', MATERIAL_TYPES.png],
]);

/** What the bytes are: an allowed type, or why they are refused (the detail a 415 gives on `file`). */
export type TSniffed = { type: TMaterialType } | { type?: undefined; why: string };

/** The allowed type the bytes are (file-type reads their signature), or why not. */
export async function sniffType(bytes: Uint8Array): Promise<TSniffed> {
  const found = await fileTypeFromBuffer(bytes);
  if (found?.ext === 'zip') return ofdProblem(bytes) ?? { type: MATERIAL_TYPES.ofd };
  const type = found && BY_SNIFFED_MIME.get(found.mime);
  if (type) return { type };
  return { why: `the content is ${found ? `${found.mime}, ` : ''}not a PDF, JPEG, PNG or OFD file` };
}

/**
 * An OFD (GB/T 33190) is a ZIP package whose entry point is `OFD.xml` at its root: a ZIP
 * without one is some other archive. Only the central directory is read (nothing is inflated).
 */
function ofdProblem(bytes: Uint8Array): { why: string } | undefined {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        names.push(entry.name);
        return false;
      },
    });
  } catch {
    return { why: 'the content is a ZIP archive that cannot be read, not an OFD document' };
  }
  return names.includes('OFD.xml') ? undefined : { why: 'the content is a ZIP archive without OFD.xml at its root, not an OFD document' };
}

export interface TMaterialFile {
  id: string;
  projectId: string;
  stageId: string;
  materialId: string;
  /** The name the enterprise's file had (no directories, no control characters). */
  name: string;
  size: number;
  sha256: string;
  type: TMaterialType;
  uploadedBy: string;
  uploadedAt: string;
}

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The last path component, without control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'file').slice(0, 200);
}

function fileOf(row: Selectable<MaterialFilesTable>): TMaterialFile {
  return {
    id: row.id,
    projectId: row.project_id,
    stageId: row.stage_id,
    materialId: row.material_id,
    name: row.name,
    size: row.size,
    sha256: row.sha256,
    type: row.type as TMaterialType,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

export class MaterialStore {
  /** @param root `<APPROVALS_DATA_DIR>/uploads` */
  constructor(
    private readonly db: Db,
    readonly root: string,
  ) {}

  private dir(projectId: string): string {
    if (!PROJECT_ID.test(projectId)) throw new Error(`bad project id ${JSON.stringify(projectId)}`);
    return join(this.root, projectId);
  }

  async save(meta: Omit<TMaterialFile, 'id' | 'size' | 'sha256'>, bytes: Uint8Array): Promise<TMaterialFile> {
    const dir = this.dir(meta.projectId);
    await mkdir(dir, { recursive: true });
    const id = randomUUID();
    const file: TMaterialFile = { id, ...meta, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    const data = join(dir, `.${id}.${randomUUID()}.tmp`);
    try {
      await writeFile(data, bytes, { flag: 'wx', mode: 0o600 });
      await rename(data, join(dir, id));
      await this.db.insertInto('material_files').values(rowOf(file)).execute();
    } catch (err) {
      await Promise.all([rm(data, { force: true }), rm(join(dir, id), { force: true })]);
      throw err;
    }
    return file;
  }

  /** The project's files, oldest first. */
  async list(projectId: string): Promise<TMaterialFile[]> {
    const rows = await this.db.selectFrom('material_files').selectAll().where('project_id', '=', projectId).orderBy('uploaded_at').orderBy('id').execute();
    return rows.map(fileOf);
  }

  /** The file's record, or undefined when the project has no such file. */
  async meta(projectId: string, fileId: string): Promise<TMaterialFile | undefined> {
    if (!FILE_ID.test(fileId)) return undefined;
    const row = await this.db.selectFrom('material_files').selectAll().where('project_id', '=', projectId).where('id', '=', fileId).executeTakeFirst();
    return row ? fileOf(row) : undefined;
  }

  /** A department user opened (downloaded) the file: kept for back-fill detection (material_opens, migration 0009). */
  async recordOpen(file: TMaterialFile, departmentId: string, username: string, at: string): Promise<void> {
    await this.db
      .insertInto('material_opens')
      .values({ project_id: file.projectId, file_id: file.id, department_id: departmentId, opened_by: username, opened_at: at })
      .execute();
  }

  async bytes(file: TMaterialFile): Promise<Buffer> {
    return readFile(join(this.dir(file.projectId), file.id));
  }

  /**
   * Records the files of an install from before PostgreSQL (a `<fileId>.json` sidecar beside
   * each file, left in place); records that exist already are kept. Run at start-up.
   * @returns how many records were added
   */
  async importSidecars(): Promise<number> {
    let added = 0;
    const projects = await readdir(this.root).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    for (const projectId of projects.filter((p) => PROJECT_ID.test(p))) {
      const names = await readdir(this.dir(projectId)).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith('.json') && FILE_ID.test(n.slice(0, -5)))) {
        const file = JSON.parse(await readFile(join(this.dir(projectId), name), 'utf8')) as TMaterialFile;
        if (file.projectId !== projectId || `${file.id}.json` !== name) continue;
        const inserted = await this.db
          .insertInto('material_files')
          .values(rowOf(file))
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        added += Number(inserted.numInsertedOrUpdatedRows ?? 0n);
      }
    }
    return added;
  }
}

function rowOf(file: TMaterialFile) {
  return {
    id: file.id,
    project_id: file.projectId,
    stage_id: file.stageId,
    material_id: file.materialId,
    name: file.name,
    size: file.size,
    sha256: file.sha256,
    type: file.type,
    uploaded_by: file.uploadedBy,
    uploaded_at: file.uploadedAt,
  };
}
