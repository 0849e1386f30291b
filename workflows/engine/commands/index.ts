/**
 * Every command's handler in one table keyed by command type, like COMMAND_ROLE: a new command
 * does not compile until its handler is registered here.
 */
import type { TCommandType } from '../../model/commands';
import { assignmentHandlers } from './assignment';
import { commitmentHandlers } from './commitment';
import { deliveryHandlers } from './delivery';
import { extensionHandlers } from './extension';
import type { THandler } from './handler';
import { intakeHandlers } from './intake';
import { migrationHandlers } from './migration';
import { jointHandlers } from './joint';
import { intermediaryHandlers } from './intermediary';
import { promiseHandlers } from './promise';
import { projectCodeHandlers } from './project-code';
import { ratingsHandlers } from './ratings';
import { resultsHandlers } from './results';
import { reviewHandlers } from './review';
import { supervisionHandlers } from './supervision';
import { signoffHandlers } from './signoff';
import { withdrawalHandlers } from './withdrawal';

export const COMMAND_HANDLERS: { [K in TCommandType]: THandler<K> } = {
  ...intakeHandlers,
  ...reviewHandlers,
  ...commitmentHandlers,
  ...resultsHandlers,
  ...withdrawalHandlers,
  ...ratingsHandlers,
  ...promiseHandlers,
  ...projectCodeHandlers,
  ...extensionHandlers,
  ...deliveryHandlers,
  ...migrationHandlers,
  ...jointHandlers,
  ...supervisionHandlers,
  ...signoffHandlers,
  ...assignmentHandlers,
  ...intermediaryHandlers,
};
