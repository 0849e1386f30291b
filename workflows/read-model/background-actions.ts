/**
 * The actions that are open all along: not a sign that something waits for the caller. The inbox
 * makes no task of them (tasks.ts) and the project page shows them after, and quieter than, the
 * ones something waits for (web's ActionPanel). No imports, so the web bundle takes nothing else.
 */
export const BACKGROUND_ACTIONS: ReadonlySet<string> = new Set([
  'withdraw',
  'grantExtension',
  'rejectReview',
  'requestCorrection',
  'startSpecialProcedure',
  'rejectSuppliedMaterial',
  // signPromise is the enterprise's choice (告知承诺), not work it owes: never a task of its own (and never offered to a barred enterprise's inbox).
  'signPromise',
  'findPromiseFalse',
  'refuseIntake',
  'requestExtension',
  'requestJointExtension',
  'sendBackDecision',
  // Open on every project registered without its code; the page offers it, the inbox does not fill with it.
  'setProjectCode',
  // A coordinator's supervision tools (督办, violation cards): open on every running review under a ladder, never work owed.
  'issueSupervisionOrder',
  'giveViolationCard',
]);
