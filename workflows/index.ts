/** Every workflow the worker registers (its `workflowsPath` points here). */
export { countersignWorkflow } from './countersign';
export { projectWorkflow } from './project';
