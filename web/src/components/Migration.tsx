/**
 * The coordinator's card for moving a project to a newer published version of its definition
 * (issue 17): shown only when one is newer; the button opens the project's dry run (items added
 * and dropped, limits, moved dues, new materials, or why it cannot move) and asks to confirm.
 */
import { Alert, Button, Card, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, newIdempotencyKey, type MigrationPreview } from '../api';
import { useI18n } from '../i18n';
import { useApi, useProjectChanged } from '../queries';
import { errorText } from './common';

type DryRun = NonNullable<MigrationPreview['dryRun']>;

export function Migration({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const preview = useApi<MigrationPreview>(`/api/projects/${encodeURIComponent(projectId)}/migration`);
  const [open, setOpen] = useState(false);
  const p = preview.data;
  if (!p?.target || !p.dryRun) return null;
  const ref = (r: { id: string; version: number }) => `${r.id} v${r.version}`;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('migrationTitle')}</h2>} data-testid="migration">
      <Space wrap>
        <Typography.Text>{t('migrationAvailable', { from: ref(p.current), to: ref(p.target) })}</Typography.Text>
        <Button onClick={() => setOpen(true)}>{t('migrationOpen', { version: p.target.version })}</Button>
      </Space>
      {open ? <MigrationModal projectId={projectId} dryRun={p.dryRun} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

function MigrationModal({ projectId, dryRun: d, onClose }: { projectId: string; dryRun: DryRun; onClose: () => void }) {
  const { t } = useI18n();
  const changed = useProjectChanged();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // One key per opened dialog: a retried click applies once.
  const [key] = useState(newIdempotencyKey);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/projects/${encodeURIComponent(projectId)}/migration`, {
        method: 'POST',
        body: { version: d.to.version, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        idempotencyKey: key,
      });
      await changed(projectId);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const section = (title: string, lines: string[]) =>
    lines.length > 0 ? (
      <div>
        <Typography.Text strong>{title}</Typography.Text>
        <ul style={{ margin: '4px 0' }}>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
    ) : null;
  return (
    <Modal
      open
      title={t('migrationOpen', { version: d.to.version })}
      okText={t('migrationConfirm')}
      okButtonProps={{ disabled: !d.canMove, loading: busy }}
      onOk={() => void confirm()}
      onCancel={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }} data-testid="migration-diff">
        {error ? <Alert type="error" role="alert" showIcon message={errorText(t, error)} /> : null}
        {d.canMove ? null : <Alert type="warning" showIcon message={t('migrationCannot') + d.blockers.map((b) => b.reason).join('；')} />}
        {d.unchanged ? <Typography.Text>{t('migrationUnchanged')}</Typography.Text> : null}
        {section(
          t('migrationAdded'),
          d.itemsAdded.map((i) => `${i.title} (${i.itemId})`),
        )}
        {section(
          t('migrationDropped'),
          d.itemsDropped.map((i) => `${i.title} (${i.itemId}, ${i.status})`),
        )}
        {section(
          t('migrationLimits'),
          d.limitsChanged.map((l) => `${l.title}: ${l.promised.from} → ${l.promised.to} / ${l.legal.from} → ${l.legal.to}`),
        )}
        {section(
          t('migrationDues'),
          d.duesMoved.map((m) => `${m.title}: ${m.promisedDueAt.from.slice(0, 10)} → ${m.promisedDueAt.to.slice(0, 10)}`),
        )}
        {section(
          t('migrationMaterials'),
          d.materialsNewlyRequired.map((m) => `${m.title} (${m.materialId})`),
        )}
        <Typography.Text type="secondary">{t('migrationKept')}</Typography.Text>
        {d.canMove ? (
          <Input.TextArea
            aria-label={t('migrationReason')}
            placeholder={t('migrationReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={2000}
          />
        ) : null}
      </Space>
    </Modal>
  );
}
