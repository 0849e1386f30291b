/**
 * The files handed in for each stage's materials (POST/GET /api/projects/{id}/materials): per
 * material the files with size, who and when, and a download link (fetched with the token);
 * the project's enterprise gets an Upload button per material while the project is active.
 * The service checks size (20 MiB) and type (PDF, JPEG, PNG, OFD by the bytes) again.
 */
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Space, Tag, Typography, Upload } from 'antd';
import { useMemo } from 'react';
import { downloadCsv, MAX_MATERIAL_BYTES, uploadMaterial, type MaterialFile, type ProjectDetail } from '../api';
import { useI18n } from '../i18n';
import { useDefinitions, useSession } from '../session';
import { useTitles } from '../titles';
import { Async, errorText, formatInstant, usePhone } from './common';
import { useApi, useProjectChanged } from '../queries';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';

export function MaterialFiles({ project }: { project: ProjectDetail }) {
  const { t, text, lang } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const defs = useDefinitions();
  const doc = defs.doc(project.definition.id, project.definition.version) ?? defs.doc(project.definition.id);
  const titles = useTitles(project.definition);
  const projectChanged = useProjectChanged();
  const phone = usePhone();
  const files = useApi<{ files: MaterialFile[] }>(`/api/projects/${encodeURIComponent(project.projectId)}/materials`);
  // An agent (代办) sees only the projects delegated to it, and the service takes its file as the enterprise's.
  const mayUpload = project.status === 'active' && ((user?.role === 'enterprise' && user.enterpriseId === project.enterpriseId) || user?.role === 'agent');

  /** The stages handed in or open now, each with the materials its items (those the project has, the caller sees) ask for. */
  const stages = useMemo(() => {
    const items = new Set(project.reviews.map((r) => r.itemId));
    return project.stages
      .filter((s) => s.submittedAt || s.stageId === project.currentStageId)
      .map((s) => {
        const seen = new Map<string, string>();
        for (const i of doc?.stages.find((d) => d.id === s.stageId)?.items ?? []) {
          if (!items.has(i.id)) continue;
          for (const m of i.materials) if (!m.providedByResult && !seen.has(m.id)) seen.set(m.id, text(m.title, m.id));
        }
        return { stageId: s.stageId, title: titles.stage(s.stageId, s.title), materials: [...seen].map(([id, title]) => ({ id, title })) };
      })
      .filter((s) => s.materials.length > 0);
  }, [project, doc, text, titles]);

  const upload = async (stageId: string, materialId: string, file: File) => {
    try {
      const saved = await uploadMaterial(project.projectId, stageId, materialId, file);
      await projectChanged(project.projectId);
      message.success(t('uploaded', { name: saved.name }));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('materialFiles')}</h2>} data-testid="material-files">
      {mayUpload ? <Typography.Paragraph type="secondary">{t('materialFilesHint')}</Typography.Paragraph> : null}
      <Async state={files}>
        {(data) => (
          <>
            {stages.map((s) => (
              <div key={s.stageId} style={{ marginBottom: 12 }}>
                <Typography.Title level={5}>{s.title}</Typography.Title>
                <List
                  size="small"
                  // On a phone the upload button goes under its material, not beside it.
                  itemLayout={phone ? 'vertical' : 'horizontal'}
                  dataSource={s.materials}
                  renderItem={(m) => {
                    const mine = data.files.filter((f) => f.stageId === s.stageId && f.materialId === m.id);
                    return (
                      <List.Item
                        data-material={m.id}
                        actions={
                          mayUpload
                            ? [
                                <Upload
                                  key="upload"
                                  accept={ACCEPT}
                                  showUploadList={false}
                                  beforeUpload={(file) => {
                                    if (file.size > MAX_MATERIAL_BYTES) {
                                      message.error(t('fileTooBig', { name: file.name }));
                                      return Upload.LIST_IGNORE;
                                    }
                                    return true;
                                  }}
                                  customRequest={({ file, onSuccess, onError }) => {
                                    void upload(s.stageId, m.id, file as File).then(
                                      () => onSuccess?.({}),
                                      (e: unknown) => onError?.(e as Error),
                                    );
                                  }}
                                >
                                  <Button size="small" icon={<UploadOutlined />} aria-label={`${t('uploadFile')}：${m.title}`}>
                                    {t('uploadFile')}
                                  </Button>
                                </Upload>,
                              ]
                            : []
                        }
                      >
                        <Space direction="vertical" size={2} style={{ width: '100%' }}>
                          <Typography.Text strong>{m.title}</Typography.Text>
                          {mine.length === 0 ? (
                            <Typography.Text type="secondary">{t('noFiles')}</Typography.Text>
                          ) : (
                            mine.map((f) => (
                              <Space key={f.id} wrap size={4} data-file={f.id}>
                                <Typography.Link
                                  onClick={() =>
                                    void downloadCsv(`/api/projects/${encodeURIComponent(project.projectId)}/materials/${f.id}`, f.name).catch((e: unknown) =>
                                      message.error(errorText(t, e)),
                                    )
                                  }
                                  aria-label={`${t('download')} ${f.name}`}
                                >
                                  {f.name}
                                </Typography.Link>
                                <Tag>{formatSize(f.size)}</Tag>
                                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                  {t('fileUploadedBy', { who: f.uploadedBy, at: formatInstant(f.uploadedAt, lang) })}
                                </Typography.Text>
                              </Space>
                            ))
                          )}
                        </Space>
                      </List.Item>
                    );
                  }}
                />
              </div>
            ))}
          </>
        )}
      </Async>
    </Card>
  );
}
