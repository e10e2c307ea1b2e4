import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../api/types.ts';

type Row = { field: string; before: string; after: string; changed: boolean };

const show = (v: unknown): string => (v === undefined ? '' : v === null ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields of a change, before and after: changed ones first and marked; a creation shows what was made. */
export function diffRows(before: unknown, after: unknown): Row[] {
  if (!isObject(before) && !isObject(after)) return before === null && after === null ? [] : [{ field: '—', before: show(before), after: show(after), changed: show(before) !== show(after) }];
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const rows = [...new Set([...Object.keys(b), ...Object.keys(a)])].map((field) => {
    const [x, y] = [show(b[field]), show(a[field])];
    return { field, before: x, after: y, changed: x !== y };
  });
  return rows.sort((r, s) => Number(s.changed) - Number(r.changed));
}

/** The expanded row of the audit table: the request as sent, and each field before and after. */
export function AuditDiff({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const rows = diffRows(record.before, record.after).filter((r) => r.changed || record.before === null);
  return (
    <div data-testid="audit-diff">
      <Table<Row>
        size="small" rowKey="field" pagination={false} dataSource={rows}
        locale={{ emptyText: t('audit.noFieldChanged') }}
        columns={[
          { title: t('audit.field'), dataIndex: 'field', width: 200, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
          { title: t('audit.before'), dataIndex: 'before', render: (v: string) => <Typography.Text type="secondary" delete={v !== ''} style={{ wordBreak: 'break-all' }}>{v}</Typography.Text> },
          { title: t('audit.after'), dataIndex: 'after', render: (v: string, r) => <Typography.Text strong={r.changed} style={{ wordBreak: 'break-all' }}>{v}</Typography.Text> },
        ]}
      />
      {record.request !== null && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, wordBreak: 'break-all' }}>
          {t('audit.request')}: <Typography.Text code>{JSON.stringify(record.request)}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0, fontSize: 12 }}>
        #{record.seq} · {record.action} · {t('audit.hash')} {record.hash.slice(0, 16)}… ← {record.prev_hash.slice(0, 16)}…
      </Typography.Paragraph>
    </div>
  );
}
