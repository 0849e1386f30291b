/**
 * From a process definition and a project's attributes to the spec the project runs:
 * conditions applied once at registration (skipped items kept with their reason), and
 * references to skipped items dropped so they never hold anything back.
 */
import { selectItems } from '../../definitions/process/conditions';
import type { TDefinitionRef, TJointAcceptance, TProcessDefinition, TProjectAttributes } from '../../definitions/process/schema';
import type { TSignoffChain } from '../../definitions/process/signoff';
import type { TProjectSpec, TSpecStage } from './spec';

function jointSpec(joint: TJointAcceptance, yellowAt: number): NonNullable<TSpecStage['joint']> {
  const { legalLimit, promisedLimit, maxRectificationDays, result } = joint;
  return { legalLimit, promisedLimit, yellowAt, maxRectificationDays, result: { id: result.id, title: result.title.zh } };
}

/** 行政许可法 art. 32: decide intake on the spot or within 5 days, else accepted from receipt. */
export const INTAKE_LIMIT_DAYS = 5;

export function resolveProjectSpec(definition: TProcessDefinition, ref: TDefinitionRef, attributes: TProjectAttributes): TProjectSpec {
  const { applicable, skipped } = selectItems(definition, attributes);
  const kept = new Set(applicable.map((a) => a.item.id));
  const issued = new Set(applicable.flatMap((a) => a.item.results.map((r) => r.id)));
  const departmentChain = new Map(definition.departments.map((d) => [d.id, d.signoff]));
  return {
    definition: ref,
    intakeLimit: INTAKE_LIMIT_DAYS,
    stages: definition.stages.map((stage) => ({
      id: stage.id,
      title: stage.title.zh,
      leadDepartmentId: stage.leadDepartment,
      formFields: stage.form.fields.map((f) => ({ id: f.id, label: f.label.zh, required: f.required })),
      skipped: skipped.filter((s) => s.stageId === stage.id).map((s) => ({ itemId: s.itemId, reason: s.reason })),
      items: applicable
        .filter((a) => a.stageId === stage.id)
        .map(({ item }) => ({
          id: item.id,
          title: item.title.zh,
          departmentId: item.department,
          legalLimit: item.legalLimit,
          promisedLimit: item.promisedLimit,
          yellowAt: item.yellowThreshold ?? definition.yellowThreshold,
          materials: item.materials.map((m) => ({
            id: m.id,
            title: m.title.zh,
            kind: m.kind,
            ...(m.kind === 'tolerable' ? { supplyWithinDays: m.supplyWithinDays, onExpiry: m.onExpiry } : {}),
            ...(m.providedByResult ? { providedByResult: m.providedByResult } : {}),
            ...(m.survey ? { survey: m.survey } : {}),
            ...(m.parkAssessment ? { parkAssessment: m.parkAssessment } : {}),
          })),
          results: item.results.map((r) => ({
            id: r.id,
            title: r.title.zh,
            ...(r.supervisingDepartment ? { supervisingDepartmentId: r.supervisingDepartment } : {}),
          })),
          dependsOn: item.dependsOn.filter((d) => kept.has(d)),
          requiresResults: item.requiresResults.filter((r) => issued.has(r)),
          earlyStart: item.earlyStart,
          ...(item.promise ? { promise: { postCheckWithinDays: item.promise.postCheckWithinDays, conditions: item.promise.conditions.map((c) => c.zh) } } : {}),
          // Only when there is one, so the specs of definitions without a ladder stay as they were recorded.
          ...((item.cardLadder ?? definition.cardLadder) ? { cardLadder: item.cardLadder ?? definition.cardLadder } : {}),
          ...signoffOf(item.signoff ?? departmentChain.get(item.department)),
        })),
      ...(stage.joint ? { joint: jointSpec(stage.joint, definition.yellowThreshold) } : {}),
      ...(stage.intermediaries?.length
        ? {
            intermediaries: stage.intermediaries.map((x) => ({
              id: x.id,
              title: x.title.zh,
              serviceType: x.serviceType,
              days: x.days,
              satisfies: x.satisfies,
              ...(x.startsIn !== undefined ? { startsInStageId: x.startsIn } : {}),
            })),
          }
        : {}),
    })),
    // Only when required, so the specs of other definitions stay as they were recorded.
    ...(definition.requireProjectCode ? { requireProjectCode: true as const } : {}),
  };
}

/** Only when there is a chain, so the specs of definitions without one stay as they were recorded. */
function signoffOf(chain: TSignoffChain | undefined): { signoff?: TSignoffChain } {
  return chain ? { signoff: [...chain] } : {};
}
