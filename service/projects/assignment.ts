/**
 * The service's part of task assignment (issue 15): the engine knows no user list, so the
 * person a task is assigned or transferred to is checked here (an active user of the caller's
 * department), and so is a claim of a task whose holder's account is disabled.
 */
import { AppError } from '../errors';
import type { TCommand } from '../../workflows/model/commands';
import type { TPublicUser, UserDirectory } from '../users/store';

/** @throws AppError VALIDATION naming `userId` or `fromDisabled` */
export async function assertAssignable(users: UserDirectory, user: TPublicUser, command: TCommand): Promise<void> {
  if (user.role !== 'department') return;
  if (command.type === 'assignTask' || command.type === 'transferTask') {
    const target = await users.find(command.userId);
    if (!target || target.role !== 'department' || target.departmentId !== user.departmentId) {
      throw AppError.validation([{ path: 'userId', message: `${command.userId} is not an active user of department ${user.departmentId}` }]);
    }
  }
  if (command.type === 'claimTask' && command.fromDisabled !== undefined && !(await users.isDisabled(command.fromDisabled))) {
    throw AppError.validation([
      { path: 'fromDisabled', message: `${command.fromDisabled}'s account is not disabled; ask them or the head to transfer the task` },
    ]);
  }
}
