/**
 * The API's shapes, inferred from the zod schemas the service validates and documents with
 * (service/routes/*.types.ts, workflows/engine/view.ts, definitions/process/schema.ts): one
 * source of truth. Type-only imports, so nothing of the service reaches the bundle.
 */
import type { z } from 'zod';
import type { TMaterial, TProcessDefinition, TText } from '../../definitions/process/schema';
import type { ZLoginResponse, ZUserView } from '../../service/routes/auth.types';
import type { ZDueResponse } from '../../service/routes/calendar.types';
import type { ZCreditRecordList, ZCreditRecordView } from '../../service/routes/credit-records.types';
import type { ZDefinitionList } from '../../service/routes/definitions.types';
import type { ZEnterpriseList, ZEnterpriseView, ZNewEnterprise } from '../../service/routes/enterprises.types';
import type { ZDocumentSummary } from '../../service/routes/documents.types';
import type { ZMaterialFile } from '../../service/routes/materials.types';
import type { ZHistory, ZProjectDetail, ZProjectSummary } from '../../service/routes/projects.types';
import type { ZSupervision, ZTask } from '../../service/routes/work.types';
import type { ZColleagueList } from '../../service/routes/colleagues.types';
import type { ZForecastAnswer, ZHolders, ZRiskList } from '../../service/routes/forecast.types';
import type { ZBackfillReport } from '../../service/routes/audit.types';
import type { ZMigrationPreview } from '../../service/routes/migration.types';
import type { ZDelegateList, ZDelegationList } from '../../service/routes/delegations.types';
import type { ZFollowUpCase, ZFollowUpCaseList, ZFollowUpStats } from '../../service/routes/follow-up.types';
import type { ZParkList, ZParkView, ZProviderList, ZProviderView } from '../../service/routes/intermediaries.types';

export type User = z.infer<typeof ZUserView>;
export type Role = User['role'];
export type LoginResponse = z.infer<typeof ZLoginResponse>;
export type ProjectSummary = z.infer<typeof ZProjectSummary>;
export type ProjectDetail = z.infer<typeof ZProjectDetail>;
export type ReviewView = ProjectDetail['reviews'][number];
export type Card = ProjectDetail['worstCard'];
export type StageView = ProjectDetail['stages'][number];
export type Action = ProjectDetail['actions'][number];
export type Plan = NonNullable<ProjectDetail['plan']>;
export type PlannedItem = Plan['items'][number];
export type PlannedStage = Plan['stages'][number];
export type HistoryEntry = z.infer<typeof ZHistory>['entries'][number];
export type Task = z.infer<typeof ZTask>;
export type Colleague = z.infer<typeof ZColleagueList>['colleagues'][number];
export type Supervision = z.infer<typeof ZSupervision>;
export type Stat = Supervision['byDepartment'][number];
export type BackfillReport = z.infer<typeof ZBackfillReport>;
export type BackfillFlag = BackfillReport['flags'][number];
export type CalendarDue = z.infer<typeof ZDueResponse>;
export type DefinitionList = z.infer<typeof ZDefinitionList>;
export type MaterialFile = z.infer<typeof ZMaterialFile>;
export type LegalDocument = z.infer<typeof ZDocumentSummary>;
export type Enterprise = z.infer<typeof ZEnterpriseView>;
export type EnterpriseList = z.infer<typeof ZEnterpriseList>;
/** What the directory's form sends (the credit code as typed; the service checks and normalises it). */
export type NewEnterprise = z.input<typeof ZNewEnterprise>;
export type Forecast = z.infer<typeof ZForecastAnswer>;
export type Holder = z.infer<typeof ZHolders>['holders'][number];
export type ForecastRisks = z.infer<typeof ZRiskList>;
export type CreditRecord = z.infer<typeof ZCreditRecordView>;
export type CreditRecordList = z.infer<typeof ZCreditRecordList>;
export type Text = TText;
export type Material = TMaterial;
/** GET /api/definitions/:id carries the definition document as a plain record; this is its shape. */
export type DefinitionDoc = TProcessDefinition;
export type MigrationPreview = z.infer<typeof ZMigrationPreview>;

export type DelegationList = z.infer<typeof ZDelegationList>;
export type Delegation = DelegationList['delegations'][number];
export type DelegateList = z.infer<typeof ZDelegateList>;
export type FollowUpCase = z.infer<typeof ZFollowUpCase>;
export type FollowUpCaseList = z.infer<typeof ZFollowUpCaseList>;
export type FollowUpStats = z.infer<typeof ZFollowUpStats>;
/** 中介超市 and 区域评估 (issue 16). */
export type Provider = z.infer<typeof ZProviderView>;
export type ProviderList = z.infer<typeof ZProviderList>;
export type Park = z.infer<typeof ZParkView>;
export type ParkList = z.infer<typeof ZParkList>;
