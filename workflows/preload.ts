/**
 * What a workflow thread loads once and shares between all its cached workflows (the SDK's
 * `bundlerOptions.preloadModules`, worker/create-worker.ts): the engine, its statecharts,
 * schemas and legal clock, the calendar, the views and read-model rows — everything workflow
 * code imports except the workflow bodies, which keep their own per-workflow state. Without it
 * every cached workflow evaluates this whole graph again (zod and its ~480 schemas, xstate and
 * the machines, @date-fns/tz, a calendar index): ~1.5 MB per open project (issue 12).
 *
 * What may be shared: code whose module-level state is the same for every workflow — consts,
 * and caches of pure answers (the indexed calendars by fingerprint, the workflow parsers of
 * model/workflow-parser.ts). Never a workflow's own state. The SDK freezes what these modules
 * export, so workflow code never writes to an exported object and never parses with an
 * exported zod schema (workflow-parser.ts, definitions/clock/legal-clock.ts say why).
 */
import './engine/project-engine';
import './engine/state';
import './engine/view';
import './decision-result';
import './read-model/rows';
import './model/actor';
import './model/commands';
