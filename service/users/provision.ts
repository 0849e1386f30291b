/**
 * First start of the embedded default: one coordinator, one account per department of the
 * built-in definitions and two demo enterprises, each with a random password. The hashes go
 * to the user directory, the passwords once to `dev-credentials.json` (mode 0600).
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TRole } from '../../workflows/model/actor';
import { DEFAULT_COST, hashPassword, randomPassword, type TScryptCost } from './passwords';
import type { TUser, TUsersFile } from './store';

/** Fictional enterprises for the demo (企业); real ones come from the city's user directory. */
export const DEMO_ENTERPRISES = [
  { id: 'ent-hanyang-auto-parts', name: '武汉汉阳汽车零部件有限公司' },
  { id: 'ent-donghu-optics', name: '武汉东湖光电材料有限公司' },
] as const;

export interface TDevAccount {
  username: string;
  password: string;
  role: TRole;
  displayName: string;
  departmentId?: string;
  enterpriseId?: string;
}

export interface TProvisionOptions {
  usersFile: string;
  credentialsFile: string;
  departments: readonly { id: string; name: string }[];
  enterprises?: readonly { id: string; name: string }[];
  cost?: TScryptCost;
}

export function devAccounts(departments: TProvisionOptions['departments'], enterprises: TProvisionOptions['enterprises'] = DEMO_ENTERPRISES): TDevAccount[] {
  return [
    { username: 'coordinator', password: randomPassword(), role: 'coordinator', displayName: '帮办中心 coordinator' },
    ...departments.map((d) => ({ username: `dept-${d.id}`, password: randomPassword(), role: 'department' as const, displayName: d.name, departmentId: d.id })),
    ...enterprises.map((e) => ({ username: e.id, password: randomPassword(), role: 'enterprise' as const, displayName: e.name, enterpriseId: e.id })),
  ];
}

/** Written readable by the owner only; `wx` refuses to overwrite (the user directory). */
function writePrivate(path: string, value: unknown, flag: 'w' | 'wx'): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag });
  chmodSync(path, 0o600); // `mode` applies only when the file is created
}

/**
 * Creates the users when the user directory does not exist yet.
 * @returns the new accounts with their passwords (to print once), or undefined when the directory already existed
 */
export async function provisionUsers(opts: TProvisionOptions): Promise<TDevAccount[] | undefined> {
  if (existsSync(opts.usersFile)) return undefined;
  const accounts = devAccounts(opts.departments, opts.enterprises);
  const users: TUser[] = [];
  for (const { password, ...account } of accounts) users.push({ ...account, passwordHash: await hashPassword(password, opts.cost ?? DEFAULT_COST) });
  writePrivate(opts.credentialsFile, { note: 'Created on first start; delete users.json to start over.', accounts }, 'w');
  writePrivate(opts.usersFile, { users } satisfies TUsersFile, 'wx');
  return accounts;
}
