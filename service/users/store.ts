/**
 * The user directory in PostgreSQL (table `users`): accounts with scrypt password hashes,
 * shared by every service replica. Nothing is cached: the auth middleware reads the user on
 * every request, so a disabled account is refused at once everywhere. Accounts are added by
 * first-start provisioning (provision.ts) and the `approvals users` command (cli/users.ts).
 */
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connect';
import type { UsersTable } from '../../db/tables/service-state';
import { ZRole, type TActor } from '../../workflows/model/actor';
import { SIGNOFF_STEPS, ZSignoffStep } from '../../definitions/process/signoff';
import { DEFAULT_COST, verifyPassword } from './passwords';

export const ZUserId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, ., - and _ (at most 64)');

/**
 * The roles of accounts: the workflow's three, and `agent` (代办), who acts only under a delegation
 * (service/agents/) and reaches a project as the enterprise it acts for, never as itself.
 */
export const ZUserRole = z.enum([...ZRole.options, 'agent']);
export type TUserRole = z.infer<typeof ZUserRole>;

export const ZUser = z
  .object({
    username: ZUserId,
    displayName: z.string().trim().min(1).max(200),
    role: ZUserRole,
    departmentId: ZUserId.optional(),
    enterpriseId: ZUserId.optional(),
    /** Heads its department: approves its items' extensions (行政许可法 art. 42(1)). */
    leader: z.literal(true).optional(),
    /** Approves joint-handling extensions for the local government head (art. 42(2)). */
    governmentHead: z.literal(true).optional(),
    /** The sign-off steps (承办/审核/批准) this department user may take on items with a chain (issue 15). */
    signoffRoles: z.array(ZSignoffStep).min(1).max(SIGNOFF_STEPS.length).optional(),
    passwordHash: z.string().startsWith('scrypt$'),
  })
  .strict()
  .refine((u) => (u.role === 'department') === (u.departmentId !== undefined), {
    message: 'departmentId is set exactly for department users',
    path: ['departmentId'],
  })
  .refine((u) => (u.role === 'enterprise') === (u.enterpriseId !== undefined), {
    message: 'enterpriseId is set exactly for enterprise users',
    path: ['enterpriseId'],
  })
  .refine((u) => !u.leader || u.role === 'department', { message: 'only a department user can be its leader', path: ['leader'] })
  .refine((u) => !u.signoffRoles || u.role === 'department', { message: 'only a department user takes sign-off steps', path: ['signoffRoles'] })
  .refine((u) => !u.governmentHead || u.role === 'coordinator', {
    message: 'only a coordinator can approve for the government head',
    path: ['governmentHead'],
  });
export type TUser = z.infer<typeof ZUser>;

/** The file format of the user directory before PostgreSQL (`data/users.json`), read once by provisioning. */
export const ZUsersFile = z.object({ users: z.array(ZUser) }).strict();
export type TUsersFile = z.infer<typeof ZUsersFile>;

/**
 * A user as the API shows it: no hash. `onBehalfOf` is never stored: the agent gate
 * (service/agents/gate.ts) sets it on the user it hands a project route, an agent as the enterprise it acts for.
 */
export type TPublicUser = Omit<TUser, 'passwordHash'> & {
  onBehalfOf?: string;
  /** Set with `onBehalfOf` when the delegations list projects: the lists show only these. */
  delegatedProjectIds?: string[];
};

/** A user as an administrator lists them. */
export type TUserEntry = TPublicUser & { disabledAt?: string; createdAt: string };

export function publicUser({ passwordHash: _hash, ...user }: TUser): TPublicUser {
  return user;
}

/**
 * The actor a user's decisions carry into the workflow.
 * @throws AgentWithoutDelegation for an agent that did not pass the agent gate (a bug: the gate maps every agent request)
 */
export function actorOf(user: TPublicUser): TActor {
  if (user.role === 'agent') throw new AgentWithoutDelegation(user.username);
  return {
    userId: user.username,
    role: user.role,
    ...(user.departmentId ? { departmentId: user.departmentId } : {}),
    ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
    ...(user.leader ? { leader: true as const } : {}),
    ...(user.governmentHead ? { governmentHead: true as const } : {}),
    ...(user.onBehalfOf !== undefined ? { onBehalfOf: user.onBehalfOf } : {}),
    ...(user.signoffRoles ? { signoffRoles: user.signoffRoles } : {}),
  };
}

/** An agent reached a decision without a delegation's enterprise to act as. */
export class AgentWithoutDelegation extends Error {
  constructor(readonly username: string) {
    super(`agent '${username}' acts only as an enterprise under a delegation`);
  }
}

/** Refused by `add`: an enterprise account links to the enterprise directory, and its enterprise is not in it. */
export class UnknownEnterprise extends Error {
  constructor(readonly enterpriseId: string) {
    super(`enterprise '${enterpriseId}' is not in the enterprise directory: a coordinator adds it there first`);
  }
}

/** Refused by `add`: the username is taken (without regard to case). */
export class UsernameTaken extends Error {
  constructor(readonly username: string) {
    super(`username '${username}' is already taken`);
  }
}

// Verified against when the username is unknown or disabled, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = `scrypt$${DEFAULT_COST.N}$${DEFAULT_COST.r}$${DEFAULT_COST.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

type Row = Selectable<UsersTable>;

function userOf(row: Row): TPublicUser {
  return {
    username: row.username,
    displayName: row.display_name,
    role: ZUserRole.parse(row.role),
    ...(row.department_id !== null ? { departmentId: row.department_id } : {}),
    ...(row.enterprise_id !== null ? { enterpriseId: row.enterprise_id } : {}),
    ...(row.leader ? { leader: true as const } : {}),
    ...(row.government_head ? { governmentHead: true as const } : {}),
    ...(row.signoff_roles.length > 0 ? { signoffRoles: row.signoff_roles.map((r) => ZSignoffStep.parse(r)) } : {}),
  };
}

export function userRow(user: TUser) {
  return {
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    department_id: user.departmentId ?? null,
    enterprise_id: user.enterpriseId ?? null,
    leader: user.leader === true,
    government_head: user.governmentHead === true,
    signoff_roles: user.signoffRoles ?? [],
    password_hash: user.passwordHash,
  };
}

/** Which active users `UserDirectory.listActive` returns; an absent field does not filter. */
export type TActiveUserFilter = { roles?: readonly TUserRole[]; departmentId?: string; enterpriseId?: string };

export class UserDirectory {
  constructor(private readonly db: Db) {}

  private row(username: string) {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  }

  /** The active user of that name (any case); undefined when unknown or disabled. */
  async find(username: string): Promise<TPublicUser | undefined> {
    const row = await this.row(username);
    return row && row.disabled_at === null ? userOf(row) : undefined;
  }

  /** Whether the account exists and is disabled (its tasks are back in its department's pool). */
  async isDisabled(username: string): Promise<boolean> {
    const row = await this.row(username);
    return row !== undefined && row.disabled_at !== null;
  }

  /** Every user, disabled ones included, by username. */
  async list(): Promise<TUserEntry[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .orderBy(sql`lower(username)`)
      .execute();
    return rows.map((r) => ({ ...userOf(r), ...(r.disabled_at ? { disabledAt: r.disabled_at.toISOString() } : {}), createdAt: r.created_at.toISOString() }));
  }

  /**
   * The active users, by username, of the given roles (each role when none are named) and, when
   * named, of one department or enterprise: one query, so a page asks for its few users only.
   */
  async listActive(filter: TActiveUserFilter = {}): Promise<TPublicUser[]> {
    if (filter.roles?.length === 0) return [];
    let query = this.db.selectFrom('users').selectAll().where('disabled_at', 'is', null);
    if (filter.roles) query = query.where('role', 'in', filter.roles);
    if (filter.departmentId !== undefined) query = query.where('department_id', '=', filter.departmentId);
    if (filter.enterpriseId !== undefined) query = query.where('enterprise_id', '=', filter.enterpriseId);
    const rows = await query.orderBy(sql`lower(username)`).execute();
    return rows.map(userOf);
  }

  /** How many users there are (disabled ones included). */
  async count(): Promise<number> {
    const { n } = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Display names by username (disabled users too: their past decisions keep their names). */
  async displayNames(usernames: readonly string[]): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['username', 'display_name'])
      .where('username', 'in', [...new Set(usernames)])
      .execute();
    return new Map(rows.map((r) => [r.username, r.display_name]));
  }

  /** The user when the password matches and the account is not disabled; undefined otherwise (same cost either way). */
  async authenticate(username: string, password: string): Promise<TPublicUser | undefined> {
    const row = await this.row(username);
    const active = row && row.disabled_at === null ? row : undefined;
    const ok = await verifyPassword(password, active?.password_hash ?? DUMMY_HASH);
    return ok && active ? userOf(active) : undefined;
  }

  /**
   * Adds a user.
   * @throws UsernameTaken when a user of that name exists in any case
   * @throws UnknownEnterprise when an enterprise user's enterprise is not in the directory (pending entries count: the
   *   enterprise asked to be listed)
   * @throws ZodError when the user is malformed
   */
  async add(user: TUser): Promise<TPublicUser> {
    const valid = ZUser.parse(user);
    if (valid.enterpriseId !== undefined) {
      const listed = await this.db.selectFrom('enterprises').select('id').where('id', '=', valid.enterpriseId).executeTakeFirst();
      if (!listed) throw new UnknownEnterprise(valid.enterpriseId);
    }
    const inserted = await this.db
      .insertInto('users')
      .values(userRow(valid))
      // Without a target: any unique index (the name, or the name in lower case) makes it a no-op.
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) throw new UsernameTaken(valid.username);
    return userOf(inserted);
  }

  /**
   * Disables a user: every request with a token issued before is refused from now on, and
   * logins fail. Disabling a disabled user keeps the first instant.
   * @returns false when no such user exists
   */
  async disable(username: string, at: Date = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ disabled_at: sql<Date>`coalesce(disabled_at, ${at.toISOString()}::timestamptz)` })
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
