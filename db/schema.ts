/** Every table of the product's database, as Kysely sees them (one interface per area). */
import type { AgentAndFollowUpTables } from './tables/agents-and-follow-up';
import type { CreditRecordTables } from './tables/credit-records';
import type { DocumentTables } from './tables/documents';
import type { EnterpriseDirectoryTables } from './tables/enterprise-directory';
import type { IntermediaryTables } from './tables/intermediaries';
import type { MaterialOpenTables } from './tables/material-opens';
import type { ProjectCodeTables } from './tables/project-codes';
import type { ReadModelTables } from './tables/read-model';
import type { ServiceStateTables } from './tables/service-state';

export interface Database
  extends
    ReadModelTables,
    ServiceStateTables,
    EnterpriseDirectoryTables,
    ProjectCodeTables,
    DocumentTables,
    CreditRecordTables,
    MaterialOpenTables,
    AgentAndFollowUpTables,
    IntermediaryTables {}
