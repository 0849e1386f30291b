/**
 * The project's legal documents (GET /api/projects/{id}/documents): each act's numbered PDF —
 * 受理通知书, 补正告知书, 决定书 … — with its issue time and size, downloaded with the token.
 * The service lists only what the caller may read (a department: the stage's and its own items').
 */
import { App, Card, List, Space, Tag, Typography } from 'antd';
import { downloadCsv, type LegalDocument, type ProjectDetail } from '../api';
import { useI18n } from '../i18n';
import { Async, errorText, formatInstant } from './common';
import { formatSize } from './MaterialFiles';
import { useApi } from '../queries';

export function LegalDocuments({ project }: { project: ProjectDetail }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const path = `/api/projects/${encodeURIComponent(project.projectId)}/documents`;
  const documents = useApi<{ documents: LegalDocument[] }>(path);
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('legalDocuments')}</h2>} data-testid="legal-documents">
      <Async state={documents}>
        {(data) =>
          data.documents.length === 0 ? (
            <Typography.Text type="secondary">{t('noLegalDocuments')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={data.documents}
              renderItem={(d) => (
                <List.Item data-document={d.id}>
                  <Space wrap size={4}>
                    <Typography.Link
                      onClick={() => void downloadCsv(`${path}/${d.id}`, `${d.title}${d.number}.pdf`).catch((e: unknown) => message.error(errorText(t, e)))}
                      aria-label={`${t('download')} ${d.title} ${d.number}`}
                    >
                      {d.title}
                    </Typography.Link>
                    <Typography.Text>{d.number}</Typography.Text>
                    <Tag>{formatSize(d.size)}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatInstant(d.issuedAt, lang)}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )
        }
      </Async>
    </Card>
  );
}
