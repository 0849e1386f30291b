/**
 * The user directory: a JSON file (`data/users.json` by default, `APPROVALS_USERS_FILE` in
 * production) of accounts with scrypt password hashes. Read at start; the service never
 * writes it (first-start provisioning does, see provision.ts).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ZRole, type TActor } from '../../workflows/model/actor';
import { DEFAULT_COST, verifyPassword } from './passwords';

const ZId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, ., - and _ (at most 64)');

export const ZUser = z
  .object({
    username: ZId,
    displayName: z.string().trim().min(1).max(200),
    role: ZRole,
    departmentId: ZId.optional(),
    enterpriseId: ZId.optional(),
    passwordHash: z.string().startsWith('scrypt$'),
  })
  .strict()
  .refine((u) => (u.role === 'department') === (u.departmentId !== undefined), { message: 'departmentId is set exactly for department users', path: ['departmentId'] })
  .refine((u) => (u.role === 'enterprise') === (u.enterpriseId !== undefined), { message: 'enterpriseId is set exactly for enterprise users', path: ['enterpriseId'] });
export type TUser = z.infer<typeof ZUser>;

export const ZUsersFile = z.object({ users: z.array(ZUser) }).strict();
export type TUsersFile = z.infer<typeof ZUsersFile>;

/** A user as the API shows it: no hash. */
export type TPublicUser = Omit<TUser, 'passwordHash'>;

export function publicUser({ passwordHash: _hash, ...user }: TUser): TPublicUser {
  return user;
}

/** The actor a user's decisions carry into the workflow. */
export function actorOf(user: TPublicUser): TActor {
  return {
    userId: user.username,
    role: user.role,
    ...(user.departmentId ? { departmentId: user.departmentId } : {}),
    ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
  };
}

// Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = `scrypt$${DEFAULT_COST.N}$${DEFAULT_COST.r}$${DEFAULT_COST.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

export class UserStore {
  private readonly byName: Map<string, TUser>;

  constructor(users: readonly TUser[]) {
    this.byName = new Map(users.map((u) => [u.username.toLowerCase(), u]));
    if (this.byName.size !== users.length) throw new Error('the user directory has two users with the same username');
  }

  /** @throws Error naming the file and each bad entry */
  static load(path: string): UserStore {
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
    return new UserStore(parsed.data.users);
  }

  find(username: string): TPublicUser | undefined {
    const user = this.byName.get(username.toLowerCase());
    return user ? publicUser(user) : undefined;
  }

  list(): TPublicUser[] {
    return [...this.byName.values()].map(publicUser);
  }

  /** The user when the password matches; undefined otherwise (same cost either way). */
  async authenticate(username: string, password: string): Promise<TPublicUser | undefined> {
    const user = this.byName.get(username.toLowerCase());
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    return ok && user ? publicUser(user) : undefined;
  }
}
