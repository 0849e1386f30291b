/**
 * Search attributes of project workflows: inboxes and dashboards are visibility queries on
 * these, not scans. Registered on the dev server at start (`--search-attribute`), within its
 * per-namespace caps (TOOLCHAIN.md: 10 Keyword, 3 KeywordList, 3 Datetime, 3 Text …).
 */
import { defineSearchAttributeKey } from '@temporalio/common';

export const SA = {
  projectId: defineSearchAttributeKey('ApprovalsProjectId', 'KEYWORD'),
  stage: defineSearchAttributeKey('ApprovalsStage', 'KEYWORD'),
  status: defineSearchAttributeKey('ApprovalsStatus', 'KEYWORD'),
  enterprise: defineSearchAttributeKey('ApprovalsEnterprise', 'KEYWORD'),
  worstCard: defineSearchAttributeKey('ApprovalsWorstCard', 'KEYWORD'),
  pendingDepartments: defineSearchAttributeKey('ApprovalsPendingDepartments', 'KEYWORD_LIST'),
  /** Every department with an item in the project, set at start: a department's list of its projects, past ones too. */
  departments: defineSearchAttributeKey('ApprovalsDepartments', 'KEYWORD_LIST'),
  /** Kept up to date only by projects started before patch city-load; the read model has every project's (issue 12). */
  nextDue: defineSearchAttributeKey('ApprovalsNextDue', 'DATETIME'),
  title: defineSearchAttributeKey('ApprovalsTitle', 'TEXT'),
} as const;

export const SEARCH_ATTRIBUTE_KEYS = Object.values(SA);

/** `Name=Type` pairs in the form `temporal server start-dev --search-attribute` takes. */
export const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, string> = {
  KEYWORD: 'Keyword',
  KEYWORD_LIST: 'KeywordList',
  DATETIME: 'Datetime',
  TEXT: 'Text',
  INT: 'Int',
  BOOL: 'Bool',
  DOUBLE: 'Double',
};
