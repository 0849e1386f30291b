/**
 * Side effects the engine asks for; the workflow hands them to activities. Each has a key
 * unique within the project, so a retried activity applies it once.
 */
import type { TDocumentFacts } from '../../definitions/documents/kinds';

export type TEffect =
  | { kind: 'notify'; key: string; audience: 'coordinator' | 'department' | 'enterprise'; recipient?: string; message: string }
  | {
      kind: 'handover';
      key: string;
      /** 审管联动: an issued result goes to the supervising department at once. */
      result: { resultId: string; title: string; itemId: string; supervisingDepartmentId: string; issuedAt: string };
    }
  /** A legal document for an act (definitions/documents); travels only in the wake batch (project/delivery.ts). */
  | { kind: 'document'; key: string; document: TDocumentFacts }
  | {
      kind: 'creditRecord';
      key: string;
      /** 告知承诺: a promise found false, recorded against the enterprise (it bars further promises until cleared). */
      record: { enterpriseId: string; projectId: string; projectCode?: string; itemId: string; reason: string; at: string };
    };
