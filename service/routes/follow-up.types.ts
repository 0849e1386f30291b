/** Schemas of `/api/follow-up-cases`: follow-up of bad ratings and complaints (投诉), and supervision's figures. */
import { z } from '@hono/zod-openapi';
import { FOLLOW_UP_EVENTS, FOLLOW_UP_LIMITS } from '../follow-up/case.machine';
import { NOTICE_KINDS } from '../follow-up/cases';
import { readableText } from '../../definitions/text';

const STEPS = Object.keys(FOLLOW_UP_LIMITS) as [keyof typeof FOLLOW_UP_LIMITS, ...(keyof typeof FOLLOW_UP_LIMITS)[]];

export const ZCaseParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,18}$/, 'a case id (digits)')
    .openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
});

export const ZFollowUpCase = z
  .object({
    id: z.string(),
    kind: z.enum(['rating', 'complaint']),
    projectId: z.string(),
    enterpriseId: z.string(),
    departmentId: z.string().nullable(),
    stageId: z.string().nullable(),
    score: z.number().nullable(),
    subject: z.string(),
    state: z.enum([...STEPS, 'closed']),
    remedy: z.enum(['corrected', 'explained', 'appealUpheld']).nullable(),
    stepStartedOn: z.string(),
    stepDueOn: z.string().nullable().openapi({ description: "the open step's last working day (null once closed)" }),
    card: z.enum(['green', 'yellow', 'red']).nullable(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    closedInTime: z.boolean().nullable(),
    entries: z.array(
      z.object({ type: z.enum(FOLLOW_UP_EVENTS), note: z.string(), by: z.string(), at: z.string(), step: z.enum(STEPS), dueOn: z.string(), late: z.boolean() }),
    ),
    notices: z
      .array(z.object({ step: z.enum(STEPS), kind: z.enum(NOTICE_KINDS), dueOn: z.string(), at: z.string() }))
      .openapi({ description: "reminders (催办) and cards the follow-up sweep raised on the case's steps, oldest first" }),
  })
  .openapi('FollowUpCase');

export const ZFollowUpCaseList = z.object({ cases: z.array(ZFollowUpCase) }).openapi('FollowUpCaseList');

const text = readableText().trim().min(1, 'required').max(2000);

export const ZCaseStep = z
  .object({ type: z.enum(FOLLOW_UP_EVENTS), note: text })
  .strict()
  .openapi('FollowUpStep');

export const ZComplaint = z
  .object({
    projectId: readableText().min(1).max(200),
    /** The history entry complained of (its `seq`); the department that acted in it is the one concerned. */
    historySeq: z.number().int().min(1).optional(),
    text,
  })
  .strict()
  .openapi('Complaint');

const figures = { opened: z.number(), closed: z.number(), closedInTime: z.number(), openOverdue: z.number() };
export const ZFollowUpStats = z
  .object({
    badRatings: z.object({ ...figures, rateClosedInTime: z.number().nullable().openapi({ description: 'closed in time ÷ (closed + open past a due date)' }) }),
    complaints: z.object(figures),
  })
  .openapi('FollowUpStats');
