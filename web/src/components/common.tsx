/** Small shared pieces: the card tag (colour and text), loading and error states, dates, the phone breakpoint and tables that turn into cards on it. */
import { Alert, Button, Card as AntCard, Descriptions, Grid, List, Select, Space, Spin, Table, Tag } from 'antd';
import type { SelectProps, TableProps } from 'antd';
import type { RefSelectProps } from 'antd/es/select';
import { useLayoutEffect, useRef } from 'react';
import type { ColumnType } from 'antd/es/table';
import { ApiError, api, type Card } from '../api';
import { useI18n, type T } from '../i18n';

const CARD_MARK: Record<Card, string> = { green: '●', warning: '◆', yellow: '▲', red: '■' };
// antd's status tags write 2–3:1 on their tint; the words here are the palette's darker shades of the same hues, 4.5:1 or more (WCAG 2.1 AA).
export const CARD_STYLE: Record<Card, React.CSSProperties> = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  warning: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  yellow: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};
/** Most urgent first: red, yellow, a ladder's warning (预警), green, then none. */
export const CARD_URGENCY: Record<string, number> = { red: 0, yellow: 1, warning: 1.5, green: 2 };

/** A card is shown as colour, shape and words, never colour alone. */
export function CardTag({ card, paused }: { card: Card | string | null | undefined; paused?: boolean }) {
  const { t } = useI18n();
  if (!card || !(card in CARD_STYLE)) return <span>—</span>;
  const c = card as Card;
  return (
    <Tag style={CARD_STYLE[c]} data-card={c} aria-label={`${t('cardLabel')}: ${t(`card_${c}`)}${paused ? `, ${t('paused')}` : ''}`}>
      <span aria-hidden="true">{CARD_MARK[c]} </span>
      {t(`card_${c}`)}
      {paused ? ` · ${t('paused')}` : ''}
    </Tag>
  );
}

export function errorText(t: T, err: unknown): string {
  if (!(err instanceof ApiError)) return `${t('errOther')} ${String(err)}`;
  switch (err.code) {
    case 'NETWORK':
      return t('errNetwork');
    case 'UNAVAILABLE':
      return t('errUnavailable');
    case 'NOT_FOUND':
      return t('errNotFound');
    case 'FORBIDDEN':
      return `${t('errForbidden')} ${err.message}`;
    case 'CONFLICT':
    case 'DECISION_REJECTED':
      return `${t('errConflict')} ${err.message}`;
    case 'PAYLOAD_TOO_LARGE':
      return t('errTooLarge');
    case 'UNSUPPORTED_MEDIA_TYPE':
      // The service says why (e.g. a ZIP without OFD.xml at its root is no OFD).
      return [t('errFileType'), ...err.issues.map((i) => i.message)].join(' ');
    case 'VALIDATION':
      return `${t('errValidation')} ${err.issues.map((i) => `${i.path}: ${i.message}`).join('; ') || err.message}`;
    default:
      return `${t('errOther')} ${err.message} (${err.code})`;
  }
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      message={t('errorTitle')}
      description={errorText(t, error)}
      action={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : undefined}
    />
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
      <Space>
        <Spin />
        {t('loading')}
      </Space>
    </div>
  );
}

/** Wraps a page body: spinner first, the error with a retry, then the content. */
export function Async<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => React.ReactNode;
}) {
  if (state.data === undefined) return state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : <Loading />;
  return (
    <>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : null}
      {children(state.data)}
    </>
  );
}

const SHANGHAI = 'Asia/Shanghai';
/** Instants shown in Beijing time; a due at "24:00" reads as the end of its day. */
export function formatInstant(iso: string | null | undefined, lang: 'zh' | 'en', withTime = true): string {
  if (!iso) return '—';
  const parsed = new Date(/T24:00:00/.test(iso) ? Date.parse(iso.replace('T24:00:00', 'T00:00:00')) + 86_400_000 : iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  // A due instant is 24:00 of its last day (民法典 art. 203): midnight in Beijing reads as
  // "24:00" of the day before, not "00:00" of the next.
  const endOfDay = parsed.toLocaleTimeString('en-GB', { timeZone: SHANGHAI, hour12: false }) === '00:00:00';
  const instant = endOfDay ? new Date(parsed.getTime() - 1) : parsed;
  const date = instant.toLocaleDateString(locale, { timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit' });
  if (!withTime) return date;
  if (endOfDay) return `${date} 24:00`;
  return `${date} ${instant.toLocaleTimeString(locale, { timeZone: SHANGHAI, hour: '2-digit', minute: '2-digit', hour12: false })}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in Beijing time. */
export function shanghaiDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(/T24:00:00/.test(iso) ? Date.parse(iso.replace('T24:00:00', 'T23:59:59')) : iso) : iso;
  return d.toLocaleDateString('en-CA', { timeZone: SHANGHAI });
}

export { api };

/**
 * True below antd's `sm` breakpoint (576 px): phones, where pages show cards and timelines
 * instead of wide tables and charts. Same components, another layout — not a second app.
 */
export function usePhone(): boolean {
  return Grid.useBreakpoint().xs === true;
}

/**
 * A Select for a Form.Item. antd 5 copies the aria-* props Form.Item gives (aria-required on
 * a required field) onto the Select's root <div> as well as its combobox input
 * (ant-design#46030); on a div without a role that is a critical fault to axe
 * (aria-allowed-attr) and noise to a screen reader. The input keeps it; the root's is removed.
 */
export function FormSelect(props: SelectProps) {
  const ref = useRef<RefSelectProps>(null);
  useLayoutEffect(() => ref.current?.nativeElement?.removeAttribute('aria-required'));
  return <Select ref={ref} {...props} />;
}

type Row = object;
/**
 * A table on wider screens, a list of cards on phones (one card per row: `cardTitle` on top,
 * then each titled column as a label and its value; untitled columns, such as a row's link,
 * at the card's foot). Rows keep the order given: callers pass them most urgent first.
 */
export function ResponsiveTable<T extends Row>({
  cardTitle,
  testId,
  ...table
}: Omit<TableProps<T>, 'columns' | 'rowKey'> & {
  columns: ColumnType<T>[];
  rowKey: (row: T) => string;
  cardTitle: (row: T) => React.ReactNode;
  testId?: string;
}) {
  const phone = usePhone();
  if (!phone) return <Table<T> {...table} data-testid={testId} />;
  const { columns, dataSource, rowKey, pagination, locale } = table;
  const cell = (c: ColumnType<T>, row: T, i: number): React.ReactNode => {
    const value = typeof c.dataIndex === 'string' ? (row as Record<string, unknown>)[c.dataIndex] : undefined;
    return (c.render ? c.render(value, row, i) : value) as React.ReactNode;
  };
  return (
    <List<T>
      data-testid={testId}
      dataSource={dataSource ? [...dataSource] : []}
      rowKey={rowKey}
      locale={{ emptyText: typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText }}
      pagination={pagination ? { ...pagination, position: 'bottom', simple: true, size: 'small', align: 'center' } : false}
      renderItem={(row, i) => (
        <List.Item style={{ display: 'block', paddingInline: 0 }} data-row={rowKey(row)}>
          <AntCard size="small" title={<div style={{ whiteSpace: 'normal' }}>{cardTitle(row)}</div>}>
            <Descriptions size="small" column={1} colon>
              {columns
                .filter((c) => c.title)
                .map((c, n) => (
                  <Descriptions.Item key={n} label={c.title as React.ReactNode}>
                    {cell(c, row, i)}
                  </Descriptions.Item>
                ))}
            </Descriptions>
            {columns
              .filter((c) => !c.title)
              .map((c, n) => (
                <div key={n} style={{ marginTop: 8 }}>
                  {cell(c, row, i)}
                </div>
              ))}
          </AntCard>
        </List.Item>
      )}
    />
  );
}
