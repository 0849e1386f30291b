/**
 * The decisions the caller may take now, exactly as the API lists them (`actions` of
 * GET /api/projects/:id): one button each, opening a form for what the command needs.
 * Sent to POST /api/projects/:id/events (rating: /rating) with an Idempotency-Key; then the
 * project is fetched again (useProjectChanged), whatever the command answered.
 */
import type { TViolation } from '../../../definitions/clock/card-ladder';
import { appealRights, INTAKE_REFUSAL_REASONS } from '../../../definitions/legal/intake-refusal';
import { checkProjectCode } from '../../../service/projects/project-code';
import { BACKGROUND_ACTIONS } from '../../../workflows/read-model/background-actions';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Rate, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, newIdempotencyKey, type Action, type CalendarDue, type DefinitionDoc, type ProjectDetail } from '../api';
import { useI18n } from '../i18n';
import { useProjectChanged } from '../queries';
import { useDefinitions } from '../session';
import { useTitles } from '../titles';
import { errorText, FormSelect, formatInstant, shanghaiDate, usePhone } from './common';
import { SignoffRound } from './SignoffRound';

/** The violations a card may be given for (VIOLATIONS of the card ladder; typed from it, not imported, to keep the calendar out of the bundle). */
const VIOLATIONS: readonly TViolation[] = ['refused-valid-application', 'refusal-without-reasons', 'other'];
const SPECIAL_KINDS = ['expert-review', 'hearing', 'public-notice', 'inspection', 'testing', 'appraisal'];

interface Props {
  project: ProjectDetail;
  /** Only actions on this item (review page), if given. */
  itemId?: string;
}

/** One button per (action, target); approveReview also offers "approve with conditions". */
function buttonsOf(actions: Action[]): { action: Action; variant?: 'conditions' }[] {
  const out: { action: Action; variant?: 'conditions' }[] = [];
  const sorted = [...actions].sort((a, b) => Number(BACKGROUND_ACTIONS.has(a.type)) - Number(BACKGROUND_ACTIONS.has(b.type)));
  for (const a of sorted) {
    out.push({ action: a });
    if (a.type === 'approveReview') out.push({ action: a, variant: 'conditions' });
  }
  return out;
}

export function ActionPanel({ project, itemId }: Props) {
  const { t } = useI18n();
  const titles = useTitles(project.definition);
  const [open, setOpen] = useState<{ action: Action; variant?: 'conditions' } | null>(null);
  const phone = usePhone();
  // A provider is chosen in the intermediary services' card (IntermediaryServices), which lists the directory.
  const actions = project.actions.filter((a) => a.type !== 'selectIntermediary' && (!itemId || a.itemId === itemId || a.itemId === undefined));
  const titleOf = (a: Action) => {
    const target = a.materialId
      ? titles.material(a.materialId)
      : a.itemId
        ? titles.item(a.itemId, project.reviews.find((r) => r.itemId === a.itemId)?.title)
        : a.stageId
          ? titles.stage(a.stageId, project.stages.find((s) => s.stageId === a.stageId)?.title)
          : '';
    return target;
  };
  if (actions.length === 0) return <Typography.Text type="secondary">{t('noActions')}</Typography.Text>;
  return (
    <>
      {/* On a phone one button a line, as wide as the screen, its words wrapping: every action stays in reach. */}
      <Space wrap direction={phone ? 'vertical' : 'horizontal'} style={phone ? { width: '100%' } : undefined}>
        {buttonsOf(actions).map(({ action, variant }) => {
          const label = t(variant === 'conditions' ? 'action_approveWithConditions' : `action_${action.type}`);
          const target = titleOf(action);
          return (
            <Button
              key={`${action.type}|${variant ?? ''}|${action.stageId ?? ''}|${action.itemId ?? ''}|${action.materialId ?? ''}`}
              type={BACKGROUND_ACTIONS.has(action.type) ? 'default' : 'primary'}
              danger={action.type === 'rejectReview' || action.type === 'withdraw'}
              onClick={() => setOpen({ action, variant })}
              aria-label={target ? `${label}：${target}` : label}
              block={phone}
              style={phone ? { whiteSpace: 'normal', height: 'auto', minHeight: 40, textAlign: 'start' } : undefined}
            >
              {label}
              {target ? ` · ${target}` : ''}
            </Button>
          );
        })}
      </Space>
      {open ? <ActionModal project={project} action={open.action} variant={open.variant} title={titleOf(open.action)} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function stageOf(doc: DefinitionDoc | undefined, stageId: string | undefined) {
  return doc?.stages.find((s) => s.id === stageId);
}
function itemOf(doc: DefinitionDoc | undefined, itemId: string | undefined) {
  for (const s of doc?.stages ?? []) for (const i of s.items) if (i.id === itemId) return i;
  return undefined;
}

/** One tolerated material's supply deadline in working days (1 … the definition's), with the date it falls on if accepted today. */
function SupplyDeadlineField({ index, label, limit }: { index: number; label: string; limit: number }) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const days = Form.useWatch(['tolerate', index], form) as number | null | undefined;
  const [due, setDue] = useState<CalendarDue | null>(null);
  useEffect(() => {
    setDue(null);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > limit) return;
    let current = true;
    // Counted from today in Beijing, as the engine counts from the day of intake.
    api<CalendarDue>(`/api/calendar/due?start=${shanghaiDate(new Date())}&days=${days}`)
      .then((d) => current && setDue(d))
      .catch(() => undefined); // the date is a convenience; the deadline itself is what is sent
    return () => {
      current = false;
    };
  }, [days, limit]);
  return (
    <Form.Item
      name={['tolerate', index]}
      label={label}
      initialValue={limit}
      rules={[{ required: true, type: 'integer', min: 1, max: limit, message: t('supplyDaysRange', { max: limit }) }]}
      extra={
        due ? (
          <span data-testid="supply-due">
            {t('supplyDueOn', { due: formatInstant(due.dueAt, lang, false) })}
            {due.provisional ? t('supplyDueProvisional') : ''}
          </span>
        ) : null
      }
    >
      <InputNumber min={1} max={limit} precision={0} addonAfter={t('workingDays')} style={{ width: 200 }} />
    </Form.Item>
  );
}

function ActionModal({
  project,
  action,
  variant,
  title,
  onClose,
}: {
  project: ProjectDetail;
  action: Action;
  variant?: 'conditions';
  title: string;
  onClose: () => void;
}) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const defs = useDefinitions();
  const doc = defs.doc(project.definition.id, project.definition.version) ?? defs.doc(project.definition.id);
  const titles = useTitles(project.definition);
  const [form] = Form.useForm();
  const projectChanged = useProjectChanged();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per opened form: a double click or a retry after a lost answer applies once.
  const key = useMemo(newIdempotencyKey, []);
  const stage = project.stages.find((s) => s.stageId === action.stageId);
  const defStage = stageOf(doc, action.stageId);
  const defItem = itemOf(doc, action.itemId);
  // 联合验收: the most working days a rectification may be given, from the part's stage.
  const joint = doc?.stages.find((st) => st.items.some((x) => x.id === action.itemId))?.joint;
  // Before every department confirmed the date, a part recorded on the proposed visit confirms it (confirmsVisit).
  const confirmsVisit = project.joint?.some((j) => j.status === 'scheduling' && j.parts.some((p) => p.itemId === action.itemId)) ?? false;
  const decision = Form.useWatch('decision', form) as string | undefined;

  const stageMaterials = useMemo(() => {
    const seen = new Map<string, { id: string; title: string; kind: string; items: string[] }>();
    const skipped = new Set(stage?.skipped.map((s) => s.itemId));
    for (const i of defStage?.items ?? []) {
      if (skipped.has(i.id)) continue;
      for (const m of i.materials) {
        // 电子证照 (providedByResult) are never asked again (DOMAIN.md): listed, ticked and marked
        // as reused licences; the engine does not count them missing at intake either.
        const e = seen.get(m.id) ?? { id: m.id, title: text(m.title), kind: m.providedByResult ? 'eLicence' : m.kind, items: [] };
        e.items.push(text(i.title));
        seen.set(m.id, e);
      }
    }
    return [...seen.values()];
  }, [defStage, stage, text]);

  const build = (v: Record<string, unknown>): { path: string; body: Record<string, unknown> } => {
    const events = `/api/projects/${project.projectId}/events`;
    const s = action.stageId;
    const i = action.itemId;
    switch (action.type) {
      case 'submitApplication':
        return {
          path: events,
          body: { type: 'submitApplication', stageId: s, form: (v.form as Record<string, unknown>) ?? {}, materials: (v.materials as string[]) ?? [] },
        };
      case 'decideIntake': {
        // The coordinator's supply deadline for every missing tolerable material (decideIntake.tolerate).
        const days = v.tolerate as (number | null | undefined)[] | undefined;
        const tolerate =
          v.decision === 'acceptWithTolerance' && tolerance.editable && tolerance.rows.length > 0
            ? tolerance.rows.map((r, n) => ({ itemId: r.itemId, materialId: r.materialId, supplyWithinDays: days?.[n] ?? r.limit }))
            : undefined;
        return {
          path: events,
          body: { type: 'decideIntake', stageId: s, decision: v.decision, ...(v.notice ? { notice: v.notice } : {}), ...(tolerate ? { tolerate } : {}) },
        };
      }
      case 'approveReview':
        return {
          path: events,
          body: {
            type: 'approveReview',
            itemId: i,
            ...(variant === 'conditions' ? { conditions: v.conditions } : {}),
            ...(v.signedOn ? { signedOn: v.signedOn } : {}),
          },
        };
      case 'rejectReview':
        return { path: events, body: { type: 'rejectReview', itemId: i, reason: v.reason, ...(v.signedOn ? { signedOn: v.signedOn } : {}) } };
      case 'requestCorrection':
        return { path: events, body: { type: 'requestCorrection', itemId: i, materials: v.materials, reason: v.reason } };
      case 'answerCorrection':
        return { path: events, body: { type: 'answerCorrection', itemId: i, ...(v.note ? { note: v.note } : {}) } };
      case 'startSpecialProcedure':
        return { path: events, body: { type: 'startSpecialProcedure', itemId: i, kind: v.kind, days: v.days, reason: v.reason } };
      case 'grantExtension':
      case 'requestExtension':
      case 'requestJointExtension':
        return { path: events, body: { type: action.type, itemId: i, days: v.days, reason: v.reason } };
      case 'decideExtension':
      case 'decideJointExtension':
        return { path: events, body: { type: action.type, itemId: i, decision: v.decision, ...(v.note ? { note: v.note } : {}) } };
      case 'issueSupervisionOrder':
        return { path: events, body: { type: 'issueSupervisionOrder', itemId: i, days: v.days, reason: v.reason } };
      case 'giveViolationCard':
        return { path: events, body: { type: 'giveViolationCard', itemId: i, level: v.level, violation: v.violation, reason: v.reason } };
      case 'refuseIntake':
        return { path: events, body: { type: 'refuseIntake', stageId: s, reasonCode: v.reasonCode, reason: v.reason } };
      case 'setProjectCode':
        return { path: events, body: { type: 'setProjectCode', projectCode: v.projectCode } };
      case 'deliverResult':
        return { path: events, body: { type: 'deliverResult', itemId: i, way: v.way, ...(v.note ? { note: v.note } : {}) } };
      case 'rejectSuppliedMaterial':
        return { path: events, body: { type: action.type, itemId: i, materialId: action.materialId, reason: v.reason } };
      case 'supplyMaterial':
      case 'acceptSuppliedMaterial':
        return { path: events, body: { type: action.type, itemId: i, materialId: action.materialId } };
      case 'endSpecialProcedure':
        return { path: events, body: { type: action.type, itemId: i } };
      case 'issueResults':
        return { path: events, body: { type: action.type, stageId: s } };
      case 'rate':
        return { path: `/api/projects/${project.projectId}/rating`, body: { stageId: s, score: v.score, ...(v.comment ? { comment: v.comment } : {}) } };
      case 'withdraw':
        return { path: events, body: { type: 'withdraw', reason: v.reason } };
      // The sign-off chain (承办 → 审核 → 批准): the handler drafts one of the review's decisions; later steps sign or send back.
      case 'draftDecision': {
        const kind = v.decision as 'approve' | 'reject' | 'requestCorrection';
        const drafted =
          kind === 'approve'
            ? { kind, ...(v.conditions ? { conditions: v.conditions } : {}) }
            : kind === 'reject'
              ? { kind, reason: v.reason }
              : { kind, materials: v.materials, reason: v.reason };
        return { path: events, body: { type: 'draftDecision', itemId: i, decision: drafted } };
      }
      case 'signDecision':
        return { path: events, body: { type: 'signDecision', itemId: i, ...(v.note ? { note: v.note } : {}) } };
      case 'sendBackDecision':
        return { path: events, body: { type: 'sendBackDecision', itemId: i, reason: v.reason } };
      // 告知承诺: the enterprise signs the conditions exactly as the definition states them (Chinese is authoritative).
      case 'signPromise':
        return { path: events, body: { type: 'signPromise', itemId: i, conditions: (defItem?.promise?.conditions ?? []).map((c) => c.zh) } };
      case 'verifyPromise':
        return { path: events, body: { type: 'verifyPromise', itemId: i, ...(v.note ? { note: v.note } : {}) } };
      case 'findPromiseFalse':
        return { path: events, body: { type: 'findPromiseFalse', itemId: i, reason: v.reason } };
      // 联合验收
      case 'proposeSiteVisit':
        return { path: events, body: { type: 'proposeSiteVisit', stageId: s, date: v.date } };
      case 'counterSiteVisit':
        return { path: events, body: { type: 'counterSiteVisit', itemId: i, date: v.date, reason: v.reason } };
      case 'recordInspection':
        return {
          path: events,
          body: {
            type: 'recordInspection',
            itemId: i,
            outcome: v.outcome,
            findings: v.findings,
            ...(v.outcome === 'rectify' ? { rectifyWithinDays: v.rectifyWithinDays } : {}),
            ...(confirmsVisit ? { confirmsVisit: true } : {}),
          },
        };
      case 'reportRectification':
        return { path: events, body: { type: 'reportRectification', stageId: s, ...(v.note ? { note: v.note } : {}) } };
      default:
        return { path: events, body: { type: action.type, ...(s ? { stageId: s } : {}), ...(i ? { itemId: i } : {}) } };
    }
  };

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { path, body } = build(values);
      await api<unknown>(path, { method: 'POST', body, idempotencyKey: key });
      // The form stays open until the page shows the project as it now is (no stale buttons to click).
      await projectChanged(project.projectId);
      message.success(t('sent'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reasonField = (
    <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );

  // The item's materials to correct (补正), for a correction asked directly or drafted in a sign-off chain.
  const materialsField = (
    <Form.Item name="materials" label={t('materialsToCorrect')} rules={[{ required: true, message: t('materialsToCorrect') }]}>
      <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        {(defItem?.materials ?? []).map((m) => (
          <Checkbox key={m.id} value={m.id}>
            {text(m.title)}
          </Checkbox>
        ))}
      </Checkbox.Group>
    </Form.Item>
  );

  // The date the paper decision states it was signed, when it was made before it is entered here (back-fill detection reads it).
  const signedOnField = (
    <Form.Item name="signedOn" label={t('signedOn')} extra={t('signedOnHelp')}>
      <Input type="date" max={shanghaiDate(new Date())} />
    </Form.Item>
  );

  const tolerable = stage?.missing.filter((m) => m.kind === 'tolerable') ?? [];
  const core = stage?.missing.filter((m) => m.kind !== 'tolerable') ?? [];
  /** Each missing tolerable material with the definition's deadline, the most the coordinator may set. */
  const toleranceRows = tolerable.map((m) => {
    const mat =
      defStage?.items.find((i) => i.id === m.itemId)?.materials.find((x) => x.id === m.materialId) ?? defs.material(project.definition.id, m.materialId);
    return { itemId: m.itemId, materialId: m.materialId, title: text(mat?.title, m.materialId), limit: mat?.kind === 'tolerable' ? mat.supplyWithinDays : 0 };
  });
  // Without a deadline in the definition nothing can be chosen: the definition's then applies.
  const tolerance = { rows: toleranceRows, editable: toleranceRows.every((r) => r.limit >= 1) };

  let body: React.ReactNode = null;
  switch (action.type) {
    case 'submitApplication':
      body = (
        <>
          <Typography.Title level={5}>{t('form')}</Typography.Title>
          {(defStage?.form.fields ?? []).map((f) => (
            <Form.Item
              key={f.id}
              name={['form', f.id]}
              label={text(f.label)}
              valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
              rules={f.required === false || f.type === 'boolean' ? [] : [{ required: true, message: text(f.label) }]}
            >
              {f.type === 'number' ? (
                <InputNumber style={{ width: '100%' }} />
              ) : f.type === 'boolean' ? (
                <Checkbox />
              ) : f.type === 'select' ? (
                <FormSelect options={(f.options ?? []).map((o) => ({ value: o.value, label: text(o.label) }))} />
              ) : f.type === 'date' ? (
                <Input type="date" />
              ) : (
                <Input maxLength={2000} />
              )}
            </Form.Item>
          ))}
          <Typography.Title level={5}>{t('handedIn')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('uploadNote')}</Typography.Paragraph>
          <Form.Item name="materials" initialValue={stageMaterials.map((m) => m.id)}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              {stageMaterials.map((m) => (
                <Checkbox key={m.id} value={m.id}>
                  {m.title} <Tag color={m.kind === 'core' ? 'blue' : m.kind === 'eLicence' ? 'green' : 'gold'}>{t(m.kind)}</Tag>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </>
      );
      break;
    case 'decideIntake':
      body = (
        <>
          {core.length > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('coreMissing')}
              description={core.map((m) => titles.material(m.materialId)).join('、')}
            />
          ) : null}
          {tolerable.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('tolerableMissing')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {tolerable.map((m) => {
                    const found = defs.material(project.definition.id, m.materialId);
                    const mat = found?.kind === 'tolerable' ? found : undefined;
                    return (
                      <li key={`${m.itemId}|${m.materialId}`}>
                        {text(found?.title, m.materialId)} — {titles.item(m.itemId)}
                        {mat?.supplyWithinDays ? `（${t('supplyWithin', { n: mat.supplyWithinDays })}` : ''}
                        {mat?.onExpiry
                          ? `，${t(mat.onExpiry === 'withhold-results' ? 'onExpiry_withholdResults' : 'onExpiry_suspendApproval')}）`
                          : mat?.supplyWithinDays
                            ? '）'
                            : ''}
                      </li>
                    );
                  })}
                </ul>
              }
            />
          ) : null}
          <Form.Item
            name="decision"
            label={t('action_decideIntake')}
            rules={[{ required: true, message: t('action_decideIntake') }]}
            initialValue={action.options?.[0]}
          >
            <Radio.Group>
              <Space direction="vertical">
                {(action.options ?? []).map((o) => (
                  <Radio key={o} value={o}>
                    {t(`decision_${o}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {decision === 'acceptWithTolerance' && tolerable.length > 0 ? (
            <Typography.Paragraph type="secondary">{t('toleranceHelp')}</Typography.Paragraph>
          ) : null}
          {decision === 'acceptWithTolerance' && tolerance.editable
            ? tolerance.rows.map((r, n) => (
                <SupplyDeadlineField
                  key={`${r.itemId}|${r.materialId}`}
                  index={n}
                  label={tolerance.rows.filter((x) => x.materialId === r.materialId).length > 1 ? `${r.title}（${titles.item(r.itemId)}）` : r.title}
                  limit={r.limit}
                />
              ))
            : null}
          {decision === 'return' ? (
            <Form.Item
              name="notice"
              label={t('returnNotice')}
              initialValue={stage?.missing.map((m) => titles.material(m.materialId)).join('；')}
              rules={[{ required: true, whitespace: true, message: t('returnNotice') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          ) : null}
        </>
      );
      break;
    case 'approveReview':
      body = (
        <>
          {variant === 'conditions' ? (
            <Form.Item name="conditions" label={t('conditions')} rules={[{ required: true, whitespace: true, message: t('conditions') }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null}
          {signedOnField}
        </>
      );
      break;
    case 'requestCorrection':
      body = (
        <>
          {materialsField}
          {reasonField}
        </>
      );
      break;
    case 'answerCorrection': {
      const review = project.reviews.find((r) => r.itemId === action.itemId);
      body = (
        <>
          {review?.correction ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('correctionAsked')}
              description={`${review.correction.materials.map((m) => titles.material(m)).join('、')}：${review.correction.reason}`}
            />
          ) : null}
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
      break;
    }
    case 'startSpecialProcedure':
      body = (
        <>
          <Typography.Paragraph type="secondary">{t('specialHelp')}</Typography.Paragraph>
          <Form.Item name="kind" label={t('specialKind')} initialValue="expert-review" rules={[{ required: true }]}>
            <FormSelect options={SPECIAL_KINDS.map((k) => ({ value: k, label: t(`special_${k}`) }))} />
          </Form.Item>
          <Form.Item name="days" label={t('days')} initialValue={10} rules={[{ required: true }]}>
            <InputNumber min={1} max={250} />
          </Form.Item>
          {reasonField}
        </>
      );
      break;
    case 'grantExtension':
      body = (
        <>
          <Typography.Paragraph type="secondary">{t('extensionHelp')}</Typography.Paragraph>
          <Form.Item name="days" label={t('days')} initialValue={5} rules={[{ required: true }]}>
            <InputNumber min={1} max={15} />
          </Form.Item>
          {reasonField}
        </>
      );
      break;
    case 'requestExtension':
    case 'requestJointExtension':
      // 行政许可法 art. 42: 10 working days approved by the department's head; 15 for joint handling by the government head.
      body = (
        <>
          <Typography.Paragraph type="secondary">{t(action.type === 'requestExtension' ? 'extensionByHeadHelp' : 'jointExtensionHelp')}</Typography.Paragraph>
          <Form.Item name="days" label={t('days')} initialValue={5} rules={[{ required: true }]}>
            <InputNumber min={1} max={action.type === 'requestExtension' ? 10 : 15} />
          </Form.Item>
          {reasonField}
        </>
      );
      break;
    case 'issueSupervisionOrder':
      // 督办: a deadline in working days on the official calendar, counted from today.
      body = (
        <>
          <Typography.Paragraph type="secondary">{t('supervisionOrderHelp')}</Typography.Paragraph>
          <Form.Item name="days" label={t('days')} initialValue={3} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} addonAfter={t('workingDays')} />
          </Form.Item>
          {reasonField}
        </>
      );
      break;
    case 'giveViolationCard':
      body = (
        <>
          <Typography.Paragraph type="secondary">{t('violationCardHelp')}</Typography.Paragraph>
          <Form.Item name="level" label={t('cardLabel')} initialValue="yellow" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="yellow">{t('card_yellow')}</Radio>
              <Radio value="red">{t('card_red')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="violation" label={t('violationKind')} initialValue="refused-valid-application" rules={[{ required: true }]}>
            <Radio.Group>
              {VIOLATIONS.map((v) => (
                <Radio key={v} value={v}>
                  {t(`violation_${v}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {reasonField}
        </>
      );
      break;
    case 'decideExtension':
    case 'decideJointExtension': {
      const request = project.reviews.find((r) => r.itemId === action.itemId)?.extensionRequest;
      body = (
        <>
          {request ? <Alert style={{ marginBottom: 12 }} type="info" message={`${t('days')}: ${request.days} · ${t('reason')}: ${request.reason}`} /> : null}
          <Form.Item name="decision" label={t('decision')} initialValue="approve" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="approve">{t('approve')}</Radio>
              <Radio value="decline">{t('decline')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
      break;
    }
    case 'refuseIntake':
      // 不予受理 (行政许可法 arts. 32, 38): a reason from the list, the reasons in words; the rights of appeal are added by the engine.
      body = (
        <>
          <Form.Item name="reasonCode" label={t('refusalReason')} rules={[{ required: true, message: t('refusalReason') }]}>
            <Radio.Group>
              <Space direction="vertical">
                {Object.entries(INTAKE_REFUSAL_REASONS).map(([code, label]) => (
                  <Radio key={code} value={code}>
                    {label}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {reasonField}
          <Typography.Paragraph type="secondary">{appealRights()}</Typography.Paragraph>
        </>
      );
      break;
    case 'setProjectCode':
      body = (
        <Form.Item
          name="projectCode"
          label={t('projectCode')}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                const checked = checkProjectCode(value ?? '');
                if (!checked.ok) throw new Error(checked.message);
              },
            },
          ]}
        >
          <Input maxLength={24} placeholder="2604-420100-04-01-123454" />
        </Form.Item>
      );
      break;
    case 'deliverResult':
      body = (
        <>
          <Form.Item name="way" label={t('deliveryWay')} initialValue="electronic" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="collected">{t('way_collected')}</Radio>
              <Radio value="mailed">{t('way_mailed')}</Radio>
              <Radio value="electronic">{t('way_electronic')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('note')}>
            <Input maxLength={2000} />
          </Form.Item>
        </>
      );
      break;
    case 'rejectReview':
      body = (
        <>
          {reasonField}
          {signedOnField}
        </>
      );
      break;
    case 'rejectSuppliedMaterial':
    case 'withdraw':
      body = reasonField;
      break;
    case 'draftDecision':
      body = (
        <>
          <Form.Item name="decision" label={t('action_draftDecision')} initialValue="approve" rules={[{ required: true }]}>
            <Radio.Group>
              {(['approve', 'reject', 'requestCorrection'] as const).map((k) => (
                <Radio key={k} value={k}>
                  {t(k === 'approve' ? 'action_approveReview' : k === 'reject' ? 'action_rejectReview' : 'action_requestCorrection')}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {decision === 'approve' || decision === undefined ? (
            <Form.Item name="conditions" label={t('conditions')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null}
          {decision === 'requestCorrection' ? materialsField : null}
          {decision === 'reject' || decision === 'requestCorrection' ? reasonField : null}
        </>
      );
      break;
    case 'signDecision':
    case 'sendBackDecision': {
      // The sign-off dialog: the draft and every signature so far, then sign (with a note) or send back (with a reason).
      const round = project.reviews.find((r) => r.itemId === action.itemId)?.signoff;
      body = (
        <>
          {round?.draft ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="signoff-draft"
              message={`${t(round.draft.kind === 'approve' ? (round.draft.conditions ? 'action_approveWithConditions' : 'action_approveReview') : round.draft.kind === 'reject' ? 'action_rejectReview' : 'action_requestCorrection')}${'conditions' in round.draft && round.draft.conditions ? `：${round.draft.conditions}` : ''}${'reason' in round.draft ? `：${round.draft.reason}` : ''}`}
            />
          ) : null}
          {round ? <SignoffRound round={round} /> : null}
          {action.type === 'signDecision' ? (
            <Form.Item name="note" label={t('note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ) : (
            reasonField
          )}
        </>
      );
      break;
    }
    case 'signPromise':
    case 'approveOnPromise': {
      // The 承诺书: what the enterprise promises, as the definition states it (signed) or as it was signed.
      const signed = project.promises?.find((p) => p.itemId === action.itemId)?.conditions;
      const conditions = signed ?? (defItem?.promise?.conditions ?? []).map((c) => text(c));
      body = (
        <>
          <Typography.Paragraph type="secondary">{t('promiseHelp')}</Typography.Paragraph>
          <Typography.Title level={5}>{t('promiseConditions')}</Typography.Title>
          <ol data-testid="promise-conditions">
            {conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          {action.type === 'signPromise' ? (
            <Form.Item
              name="agree"
              valuePropName="checked"
              rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('promiseAgreeRequired')))) }]}
            >
              <Checkbox>{t('promiseAgree')}</Checkbox>
            </Form.Item>
          ) : null}
        </>
      );
      break;
    }
    case 'verifyPromise':
      body = (
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
      break;
    case 'findPromiseFalse':
      body = (
        <>
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('promiseFalseHelp')} />
          {reasonField}
        </>
      );
      break;
    case 'proposeSiteVisit':
    case 'counterSiteVisit':
      body = (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('jointHelp')} />
          <Form.Item name="date" label={t('visitDate')} rules={[{ required: true, message: t('visitDate') }]}>
            <Input type="date" min={shanghaiDate(new Date())} />
          </Form.Item>
          {action.type === 'counterSiteVisit' ? reasonField : null}
        </>
      );
      break;
    case 'recordInspection':
      body = (
        <>
          {confirmsVisit ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('inspectionConfirmsVisit')} /> : null}
          <InspectionFields maxDays={joint?.maxRectificationDays ?? 30} />
        </>
      );
      break;
    case 'reportRectification':
      body = (
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
      break;
    case 'rate':
      body = (
        <>
          <Form.Item name="score" label={t('score')} initialValue={5} rules={[{ required: true }]}>
            <Rate count={5} />
          </Form.Item>
          <Form.Item name="comment" label={t('comment')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
      break;
    default:
      body = null;
  }

  const heading = `${t(variant === 'conditions' ? 'action_approveWithConditions' : `action_${action.type}`)}${title ? ` · ${title}` : ''}`;
  return (
    <Modal
      open
      title={heading}
      onCancel={onClose}
      // antd leaves the close button's name in English ("Close") whatever the language.
      closable={{ 'aria-label': t('close') }}
      onOk={submit}
      okText={t('confirm')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      destroyOnClose
      width={620}
    >
      {error ? <Alert type="error" role="alert" showIcon style={{ marginBottom: 12 }} message={errorText(t, error)} /> : null}
      <Form form={form} layout="vertical" requiredMark>
        {body}
      </Form>
    </Modal>
  );
}

/** A part's findings: passed, or rectification within a number of working days (at most the definition's). */
function InspectionFields({ maxDays }: { maxDays: number }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  return (
    <>
      <Form.Item name="outcome" label={t('outcome')} initialValue="pass" rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value="pass">{t('outcome_pass')}</Radio>
          <Radio value="rectify">{t('outcome_rectify')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="findings" label={t('findings')} rules={[{ required: true, whitespace: true, message: t('findings') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {outcome === 'rectify' ? (
        <Form.Item
          name="rectifyWithinDays"
          label={t('rectifyWithinDays')}
          initialValue={Math.min(10, maxDays)}
          rules={[{ required: true, type: 'integer', min: 1, max: maxDays, message: t('rectifyDaysRange', { max: maxDays }) }]}
        >
          <InputNumber min={1} max={maxDays} />
        </Form.Item>
      ) : null}
    </>
  );
}
