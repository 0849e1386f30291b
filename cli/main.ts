/**
 * `approvals`: the command line for coordinators and scripts. Each domain registers its own
 * sub-commands (calendar, definitions); bad arguments exit non-zero with a one-line message.
 */
import { Command, CommanderError } from 'commander';
import { registerCalendarCommands } from './calendar';
import { registerDefinitionsCommands } from './definitions';
import { registerReadModelCommands } from './read-model';
import { registerUsersCommands } from './users';

const program = new Command('approvals')
  .description('Parallel Approvals: working-day calendar, process definitions, users and the read model')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerCalendarCommands(program);
registerDefinitionsCommands(program);
registerUsersCommands(program);
registerReadModelCommands(program);

try {
  program.parse(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  throw err;
}
