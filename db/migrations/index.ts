/**
 * Every migration, in order, by name (Kysely's Migrator applies the new ones at start-up
 * and records them in kysely_migration). A migration, once shipped, never changes: add a
 * new one. Listed here rather than read from the folder so the bundle-free `tsx` runs,
 * the tests and the compiled CLI all see the same set.
 */
import type { Migration } from 'kysely/migration';
import * as readModel from './0001-read-model';
import * as serviceState from './0002-service-state';
import * as enterpriseQuotas from './0003-enterprise-quotas';
import * as loginThrottle from './0004-login-throttle';
import * as enterpriseDirectory from './0005-enterprise-directory';
import * as projectCodes from './0006-project-codes';
import * as legalDocuments from './0007-legal-documents';
import * as creditRecords from './0008-credit-records';
import * as materialOpens from './0009-material-opens';
import * as authorityAndDelivery from './0010-authority-and-delivery';
import * as agentsAndFollowUp from './0014-agents-and-follow-up';
import * as cardLadder from './0013-card-ladder';
import * as signoffAndAssignment from './0012-signoff-and-assignment';
import * as intermediariesAndParks from './0016-intermediaries-and-parks';
import * as followUpNotices from './0018-follow-up-notices';
import * as intermediaryTime from './0021-intermediary-time';
import * as readModelDefinitionVersion from './0023-read-model-definition-version';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-read-model': readModel,
  '0002-service-state': serviceState,
  '0003-enterprise-quotas': enterpriseQuotas,
  '0004-login-throttle': loginThrottle,
  '0005-enterprise-directory': enterpriseDirectory,
  '0006-project-codes': projectCodes,
  '0007-legal-documents': legalDocuments,
  '0008-credit-records': creditRecords,
  '0009-material-opens': materialOpens,
  '0010-authority-and-delivery': authorityAndDelivery,
  '0014-agents-and-follow-up': agentsAndFollowUp,
  '0013-card-ladder': cardLadder,
  '0012-signoff-and-assignment': signoffAndAssignment,
  '0016-intermediaries-and-parks': intermediariesAndParks,
  '0018-follow-up-notices': followUpNotices,
  '0021-intermediary-time': intermediaryTime,
  '0023-read-model-definition-version': readModelDefinitionVersion,
};
