/**
 * First start of the embedded default: one coordinator, one account per department of the
 * built-in definitions and two demo enterprises, each with a random password, created in
 * PostgreSQL when the user directory is empty; the demo enterprises are listed, confirmed, in the
 * enterprise directory (also on a later start of an install whose accounts predate the directory). The passwords go once to `dev-credentials.json`
 * (mode 0600). An install from before PostgreSQL has its `users.json` imported instead.
 * Safe to run from several processes at once: one transaction-scoped advisory lock decides.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { TRole } from '../../workflows/model/actor';
import { DEFAULT_COST, hashPassword, randomPassword, type TScryptCost } from './passwords';
import type { TSignoffStep } from '../../definitions/process/signoff';
import { type TUser, userRow, ZUsersFile } from './store';
import type { TContact } from '../enterprises/enterprise';
import { EnterpriseDirectory } from '../enterprises/store';

/** An enterprise's account and its directory entry. */
export interface TSeedEnterprise {
  id: string;
  name: string;
  creditCode: string;
  address: string;
  contacts: readonly TContact[];
}

/**
 * Fictional enterprises for the demo (企业); real ones are added to the directory by coordinators. Their credit codes
 * are made up but valid (GB 32100-2015: 9 工商, 1 企业, the districts' region codes 420105 汉阳区 and 420111 洪山区).
 */
export const DEMO_ENTERPRISES = [
  {
    id: 'ent-hanyang-auto-parts',
    name: '武汉汉阳汽车零部件有限公司',
    creditCode: '91420105MA4K000014',
    address: '湖北省武汉市汉阳区汉阳大道 100 号',
    contacts: [{ name: '李明', phone: '027-8456 1234', email: 'liming@hanyang-auto.example.cn' }],
  },
  {
    id: 'ent-donghu-optics',
    name: '武汉东湖光电材料有限公司',
    creditCode: '91420111MA4K00002W',
    address: '湖北省武汉市洪山区光谷大道 77 号',
    contacts: [{ name: '王芳', phone: '138 0000 1234' }],
  },
] as const satisfies readonly TSeedEnterprise[];

/** Names the advisory lock that serialises concurrent provisioning. */
const PROVISION_LOCK = 'approvals.provision-users';

export interface TDevAccount {
  username: string;
  password: string;
  role: TRole;
  displayName: string;
  departmentId?: string;
  enterpriseId?: string;
  leader?: true;
  governmentHead?: true;
  signoffRoles?: TSignoffStep[];
}

export interface TProvisionOptions {
  db: Db;
  credentialsFile: string;
  departments: readonly { id: string; name: string }[];
  enterprises?: readonly TSeedEnterprise[];
  /** The user directory of an install from before PostgreSQL: imported (hashes as they are) instead of creating accounts. */
  legacyUsersFile?: string;
  cost?: TScryptCost;
}

export type TProvisionResult =
  | { created: TDevAccount[] }
  | { imported: number; from: string }
  /** The directory had users already: nothing changed. */
  | undefined;

export function devAccounts(departments: TProvisionOptions['departments'], enterprises: TProvisionOptions['enterprises'] = DEMO_ENTERPRISES): TDevAccount[] {
  return [
    { username: 'coordinator', password: randomPassword(), role: 'coordinator', displayName: '帮办中心 coordinator' },
    // 行政许可法 art. 42(2): joint-handling extensions are approved for the local government head.
    { username: 'government-head', password: randomPassword(), role: 'coordinator', displayName: '人民政府负责人', governmentHead: true },
    // Issue 15: a department's sign-off chain (承办 → 审核 → 批准) needs three people: its case handler, a reviewer and its head.
    ...departments.map((d) => departmentAccount(d, 'dept', '', 'handler')),
    ...departments.map((d) => departmentAccount(d, 'reviewer', '审核人', 'reviewer')),
    // Art. 42(1): each department's head approves its items' extensions; it signs a chain's approver step.
    ...departments.map((d) => ({ ...departmentAccount(d, 'head', '负责人', 'approver'), leader: true as const })),
    ...enterprises.map((e) => ({ username: e.id, password: randomPassword(), role: 'enterprise' as const, displayName: e.name, enterpriseId: e.id })),
  ];
}

/** A department's account `<prefix>-<department id>`, named after the department, taking one sign-off step. */
function departmentAccount(d: { id: string; name: string }, prefix: string, title: string, step: TSignoffStep): TDevAccount {
  return {
    username: `${prefix}-${d.id}`,
    password: randomPassword(),
    role: 'department',
    displayName: `${d.name}${title}`,
    departmentId: d.id,
    signoffRoles: [step],
  };
}

/** Written readable by the owner only. */
function writePrivate(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // `mode` applies only when the file is created
}

/** @throws Error naming the file and each bad entry */
export function readLegacyUsersFile(path: string): TUser[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the user directory ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = ZUsersFile.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`invalid user directory ${path}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data.users;
}

const isEmpty = async (db: Pick<Db, 'selectFrom'>) => (await db.selectFrom('users').select('username').limit(1).execute()).length === 0;

/**
 * Inserts `users` when the directory is still empty, under a lock, so that of several
 * processes starting at once exactly one does. `beforeCommit` runs inside the transaction.
 * @returns whether they were inserted
 */
async function insertWhileEmpty(
  db: Db,
  users: TUser[],
  beforeCommit: () => void = () => undefined,
  enterprises: readonly TSeedEnterprise[] = [],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${PROVISION_LOCK}))`.execute(trx);
    if (!(await isEmpty(trx))) return false; // another process provisioned meanwhile
    await listEnterprises(trx, enterprises);
    if (users.length > 0) await trx.insertInto('users').values(users.map(userRow)).execute();
    beforeCommit();
    return true;
  });
}

/** Confirmed directory entries for `enterprises`; one already listed (by id or credit code) is left as it is. */
async function listEnterprises(db: Db, enterprises: readonly TSeedEnterprise[]): Promise<void> {
  const entries = enterprises.map(({ id, ...e }) => ({ id, draft: { ...e, contacts: [...e.contacts] } }));
  await new EnterpriseDirectory(db).listIfAbsent(entries, 'provisioning', new Date());
}

/**
 * Lists those of `enterprises` that have an account but no directory entry: an install provisioned before the
 * directory existed gets its demo enterprises' names and may register projects for them again.
 */
async function listEnterprisesWithAccounts(db: Db, enterprises: readonly TSeedEnterprise[]): Promise<void> {
  if (enterprises.length === 0) return;
  const ids = enterprises.map((e) => e.id);
  const withAccounts = new Set((await db.selectFrom('users').select('enterprise_id').where('enterprise_id', 'in', ids).execute()).map((r) => r.enterprise_id));
  await listEnterprises(
    db,
    enterprises.filter((e) => withAccounts.has(e.id)),
  );
}

/**
 * Imports the user directory file of an install from before PostgreSQL (hashes as they are)
 * while the users table is empty.
 * @returns how many users were imported; undefined when there was nothing to do
 * @throws Error naming the file and each bad entry
 */
export async function importUsersFile(db: Db, path: string): Promise<number | undefined> {
  if (!existsSync(path) || !(await isEmpty(db))) return undefined;
  const users = readLegacyUsersFile(path);
  return (await insertWhileEmpty(db, users)) ? users.length : undefined;
}

/**
 * Creates the users (or imports `legacyUsersFile`) when the user directory is empty.
 * @returns the new accounts with their passwords (to print once), the number imported, or
 *   undefined when the directory already had users
 * @throws Error naming the legacy file and field when it is malformed
 */
export async function provisionUsers(opts: TProvisionOptions): Promise<TProvisionResult> {
  if (!(await isEmpty(opts.db))) {
    await listEnterprisesWithAccounts(opts.db, opts.enterprises ?? DEMO_ENTERPRISES);
    return undefined;
  }
  if (opts.legacyUsersFile && existsSync(opts.legacyUsersFile)) {
    const imported = await importUsersFile(opts.db, opts.legacyUsersFile);
    return imported === undefined ? undefined : { imported, from: opts.legacyUsersFile };
  }
  // Hashing is slow (DEFAULT_COST): done before the transaction, so the lock is held briefly.
  const accounts = devAccounts(opts.departments, opts.enterprises);
  const users: TUser[] = [];
  for (const { password, ...account } of accounts) users.push({ ...account, passwordHash: await hashPassword(password, opts.cost ?? DEFAULT_COST) });
  // Written before the commit: should writing fail, no account exists whose password nobody has.
  const created = await insertWhileEmpty(
    opts.db,
    users,
    () => writePrivate(opts.credentialsFile, { note: 'Created on first start; shown once. Manage users with `approvals users`.', accounts }),
    opts.enterprises ?? DEMO_ENTERPRISES,
  );
  return created ? { created: accounts } : undefined;
}
