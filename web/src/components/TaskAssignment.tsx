/**
 * A department task's hand-over buttons in the inbox (issue 15), by tab: in the pool it is claimed,
 * or assigned by the department's head to a colleague; one's own is transferred to a colleague
 * with a reason or released to the pool; the head also hands on a colleague's. Each command goes
 * to the task's project; the engine checks who may, the service that the colleague is active.
 */
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { api, newIdempotencyKey, type Colleague, type Task } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../queries';
import { useSession } from '../session';
import { errorText, FormSelect } from './common';

export type InboxTab = 'mine' | 'unassigned' | 'others';
type Handover = 'claimTask' | 'assignTask' | 'transferTask' | 'releaseTask';

/** What each tab offers: the head (`leader`) hands on any task of the department, a user their own. */
function handoversOf(tab: InboxTab, leader: boolean): Handover[] {
  if (tab === 'unassigned') return leader ? ['claimTask', 'assignTask'] : ['claimTask'];
  if (tab === 'mine') return ['transferTask', 'releaseTask'];
  return leader ? ['transferTask', 'releaseTask'] : [];
}

/** The department's active users, and whether the caller heads it. */
export function useColleagues(): { colleagues: Colleague[]; leader: boolean } {
  const { user } = useSession();
  const list = useApi<{ colleagues: Colleague[] }>('/api/colleagues');
  const colleagues = list.data?.colleagues ?? [];
  return { colleagues, leader: colleagues.some((c) => c.username === user?.username && c.leader === true) };
}

export function TaskHandovers({ task, tab, title, onDone }: { task: Task; tab: InboxTab; title: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const { colleagues, leader } = useColleagues();
  const [open, setOpen] = useState<Handover | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ userId?: string; reason?: string }>();
  if (!task.itemId) return null;
  const send = async (type: Handover, values: { userId?: string; reason?: string } = {}) => {
    // A task in the pool may still name a holder: its account is disabled, so the claim says whose task it takes over.
    const command =
      type === 'claimTask'
        ? { type, itemId: task.itemId, ...(task.assignee ? { fromDisabled: task.assignee } : {}) }
        : type === 'assignTask'
          ? { type, itemId: task.itemId, userId: values.userId }
          : type === 'transferTask'
            ? { type, itemId: task.itemId, userId: values.userId, reason: values.reason }
            : { type, itemId: task.itemId, reason: values.reason };
    setBusy(true);
    try {
      await api(`/api/projects/${task.projectId}/events`, { method: 'POST', body: command, idempotencyKey: newIdempotencyKey() });
      setOpen(null);
      form.resetFields();
      onDone();
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  // Whom to hand it to: a colleague other than the one holding it.
  const others = colleagues.filter((c) => c.username !== (tab === 'unassigned' ? undefined : (task.assignee ?? user?.username)));
  return (
    <>
      <Space size={4} wrap>
        {handoversOf(tab, leader).map((type) => (
          <Button
            key={type}
            size="small"
            aria-label={`${t(`action_${type}`)}：${title}`}
            loading={busy && type === 'claimTask'}
            onClick={() => (type === 'claimTask' ? void send(type) : setOpen(type))}
          >
            {t(`action_${type}`)}
            {type === 'claimTask' && task.assignee ? t('claimFromDisabled') : ''}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? `${t(`action_${open}`)}：${title}` : ''}
        okText={t('confirm')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onCancel={() => setOpen(null)}
        onOk={() => void form.validateFields().then((v) => send(open!, v))}
        destroyOnClose
      >
        <Form form={form} layout="vertical" preserve={false}>
          {open === 'assignTask' || open === 'transferTask' ? (
            <Form.Item name="userId" label={t('colleague')} rules={[{ required: true }]}>
              <FormSelect options={others.map((c) => ({ value: c.username, label: `${c.displayName}（${c.username}）` }))} />
            </Form.Item>
          ) : null}
          {open === 'transferTask' || open === 'releaseTask' ? (
            <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
