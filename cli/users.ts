/**
 * `approvals users …`: the administrator's view of the user directory in PostgreSQL
 * (DATABASE_URL). `add` creates an account (password from stdin with --password-stdin, else
 * generated and printed once), `disable` refuses an account at once on every service replica,
 * `list` shows everyone. An enterprise account links to the enterprise directory: its enterprise
 * must be listed there first (a coordinator adds it in the web app or with POST /api/enterprises;
 * a pending entry counts), so that no account names an enterprise nobody can find. Bad arguments
 * exit 2 with one line; a refusal (taken name, unknown user or enterprise, unreachable database)
 * exits 1 with one line.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { type Db, migrateToLatest, openDatabase } from '../db/connect';
import { DEFAULT_COST, hashPassword, randomPassword } from '../service/users/passwords';
import { UnknownEnterprise, UserDirectory, UsernameTaken, ZUser } from '../service/users/store';

/** At least this long when an administrator chooses the password (a generated one has 20). */
const MIN_PASSWORD_LENGTH = 10;

class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}
const usage = (message: string) => new Refusal(message, 2);

const print = (text: string) => process.stdout.write(`${text}\n`);

/** The option each field of the user comes from, to name it in an error. */
const OPTION_OF: Record<string, string> = {
  username: '--username',
  displayName: '--display-name',
  role: '--role',
  departmentId: '--department',
  enterpriseId: '--enterprise',
};

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw usage('DATABASE_URL is not set (e.g. postgres://approvals:secret@localhost:5432/approvals)');
  if (!/^postgres(ql)?:\/\/\S+$/.test(url)) throw usage('DATABASE_URL must be a postgres:// URL');
  return url;
}

/** Opens the directory (bringing the schema up to date, as the service does), runs `fn`, and closes. */
async function withDirectory(fn: (users: UserDirectory) => Promise<void>): Promise<void> {
  const url = databaseUrl();
  const db: Db = openDatabase(url, { max: 2, applicationName: 'approvals-cli' });
  try {
    try {
      await migrateToLatest(db);
    } catch (err) {
      throw new Refusal(`cannot use the database: ${oneLine(err)}`, 1);
    }
    await fn(new UserDirectory(db));
  } finally {
    await db.destroy();
  }
}

const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

/** Runs an action: a Refusal is one line on stderr and its exit code. */
function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      process.stderr.write(`approvals users: ${err instanceof Refusal ? err.message : oneLine(err)}\n`);
      process.exitCode = err instanceof Refusal ? err.exitCode : 1;
    }
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface AddOptions {
  username: string;
  role: string;
  displayName: string;
  department?: string;
  enterprise?: string;
  passwordStdin?: boolean;
}

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('the user directory in PostgreSQL (DATABASE_URL): add, disable, list');

  users
    .command('add')
    .description('create an account; its password is read from stdin (--password-stdin) or generated and printed once')
    .requiredOption('--username <name>', 'login name: letters, digits, ., - and _ (unique without regard to case)')
    .requiredOption('--role <role>', 'coordinator, department, enterprise or agent (代办: acts under delegations a coordinator records)')
    .requiredOption('--display-name <name>', 'the name shown in the web app')
    .option('--department <id>', 'the department (role department), e.g. ecology-environment')
    .option('--enterprise <id>', 'the enterprise (role enterprise): its id in the enterprise directory, where a coordinator adds it first')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(
      action(async (opts: AddOptions) => {
        const draft = {
          username: opts.username,
          displayName: opts.displayName,
          role: opts.role,
          ...(opts.department !== undefined ? { departmentId: opts.department } : {}),
          ...(opts.enterprise !== undefined ? { enterpriseId: opts.enterprise } : {}),
          passwordHash: 'scrypt$pending',
        };
        const checked = ZUser.safeParse(draft);
        if (!checked.success) {
          const issue = checked.error.issues[0]!;
          const field = String(issue.path[0] ?? '');
          throw usage(`${OPTION_OF[field] ?? field}: ${messageFor(field, issue, opts.role)}`);
        }
        let password = randomPassword();
        const generated = !opts.passwordStdin;
        if (opts.passwordStdin) {
          password = (await readStdin()).split(/\r?\n/)[0] ?? '';
          if (password.length < MIN_PASSWORD_LENGTH) throw usage(`the password on stdin must be at least ${MIN_PASSWORD_LENGTH} characters`);
        }
        const passwordHash = await hashPassword(password, DEFAULT_COST);
        await withDirectory(async (directory) => {
          try {
            await directory.add({ ...checked.data, passwordHash });
          } catch (err) {
            if (err instanceof UsernameTaken || err instanceof UnknownEnterprise) throw new Refusal(err.message, 1);
            throw err;
          }
        });
        const u = checked.data;
        print(`added ${u.username} (${u.role}${u.departmentId ? ` ${u.departmentId}` : ''}${u.enterpriseId ? ` ${u.enterpriseId}` : ''})`);
        if (generated) print(`password (shown once): ${password}`);
      }),
    );

  users
    .command('disable <username>')
    .description('refuse the account at once: its tokens stop working on every service replica and it cannot log in')
    .action(
      action(async (username: string) => {
        await withDirectory(async (directory) => {
          if (!(await directory.disable(username))) throw new Refusal(`no user '${username}'`, 1);
        });
        print(`disabled ${username}`);
      }),
    );

  users
    .command('list')
    .description('every account with its role, department or enterprise, and whether it is disabled')
    .option('--json', 'machine-readable output')
    .action(
      action(async (opts: { json?: boolean }) => {
        await withDirectory(async (directory) => {
          const all = await directory.list();
          if (opts.json) {
            print(JSON.stringify(all));
            return;
          }
          for (const u of all) {
            const unit = u.departmentId ?? u.enterpriseId ?? '-';
            const state = u.disabledAt ? `disabled ${u.disabledAt}` : 'active';
            print([u.username, u.role, unit, state, u.displayName].join('\t'));
          }
        });
      }),
    );
}

function messageFor(field: string, issue: z.core.$ZodIssue, role: string): string {
  if (field === 'role') return `"${role}" is not a role (coordinator, department, enterprise or agent)`;
  if (field === 'departmentId') return role === 'department' ? 'required for a department user' : 'only for a department user';
  if (field === 'enterpriseId') return role === 'enterprise' ? 'required for an enterprise user' : 'only for an enterprise user';
  return issue.message;
}
