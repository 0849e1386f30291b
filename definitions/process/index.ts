/**
 * Process definitions as validated, versioned data, and planning (预排工期). Pure: workflows may
 * import this; reading definition files lives in ./node (Node builtins, not for workflows).
 */
export * from './schema';
export { validateDefinition, parseDefinition, checkDefinition, isVagueMaterialTitle, formatPath, DefinitionError, type TValidation } from './validate';
export { canonicalJson, contentHash } from './hash';
export {
  DefinitionRegistry,
  createRegistry,
  builtinRegistry,
  builtinDefinitionDocuments,
  getDefinition,
  listDefinitions,
  definitionRef,
  type TPublishedDefinition,
  type TPublishOutcome,
} from './registry';
export { evaluateCondition, describeCondition, selectItems, type TConditionOutcome, type TApplicableItem, type TSkippedItem } from './conditions';
export { checkAttributes, parseAttributeText } from './attributes';
export {
  planSchedule,
  PlanError,
  ZPlan,
  ZPlanOptions,
  ZPlannedItem,
  ZPlannedStage,
  ZItemActual,
  ZIntermediaryActual,
  ZPlannedIntermediary,
  type TPlan,
  type TPlanOptions,
  type TPlannedItem,
  type TPlannedStage,
  type TItemActual,
  type TIntermediaryActual,
  type TPlannedIntermediary,
  type TPlanningCalendar,
} from './plan';
export {
  forwardPass,
  offsetTimeline,
  type Timeline,
  type Schedule,
  type ScheduleInput,
  type ScheduledItem,
  type ScheduledStage,
  type ScheduledIntermediary,
  type TBinding,
} from './schedule';
export { wuhanIndustrial } from './builtin/wuhan-industrial';
export { nationalFourStage } from './builtin/national-four-stage';
