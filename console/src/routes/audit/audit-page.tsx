import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { auditFacets, exportAudit, listAudit, verifyAudit } from '../../api/endpoints.ts';
import type { AuditFacets, AuditFilter, AuditRecord, AuditVerify } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { ShortId } from '../../lib/short-id.tsx';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { AuditDiff } from './audit-diff.tsx';

type Filter = Omit<AuditFilter, 'limit' | 'cursor'>;

/** The audit log (管理职责): read-only, filterable, exportable, its chain verifiable from here. */
/** Records that are not an HTTP write: a reveal of personal data (workflows/reveal-member.ts), a sign-in (app.ts). */
const REVEALS: Record<string, 'audit.reveal' | 'audit.revealRefused' | 'audit.signIn' | 'audit.signInRefused'> = {
  'member.reveal': 'audit.reveal', 'member.reveal.refused': 'audit.revealRefused', 'staff.sign_in': 'audit.signIn', 'staff.sign_in.refused': 'audit.signInRefused',
};

export function AuditPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const program = useSession().program!;
  const entityName = (e: string) => t(`audit.entities.${e}`, { defaultValue: e });
  const [filter, setFilter] = useState<Filter>({});
  const [items, setItems] = useState<AuditRecord[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [facets, setFacets] = useState<AuditFacets>({ entities: [], actors: [] });
  const [check, setCheck] = useState<AuditVerify | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | 'more' | null>(null);

  const load = useCallback(async (f: Filter, after?: string) => {
    try {
      const page = await listAudit(program.id, { ...f, limit: 50, ...(after ? { cursor: after } : {}) });
      setItems((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.next_cursor);
    } catch (err) {
      void message.error(errorText(err));
      setItems((prev) => prev ?? []);
    }
  }, [program.id, message]);
  useEffect(() => { void load(filter); }, [load, filter]);
  useEffect(() => { auditFacets(program.id).then(setFacets, () => undefined); }, [program.id]);

  const run = async (what: 'verify' | 'export' | 'more') => {
    setBusy(what);
    try {
      if (what === 'verify') setCheck(await verifyAudit(program.id));
      else if (what === 'export') await exportAudit(program.id, filter);
      else await load(filter, cursor ?? undefined);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const set = (patch: Filter) => setFilter((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('audit.actor'), dataIndex: 'actor', width: 170,
      render: (a: AuditRecord['actor']) => <Space size={4}><span>{a.name}</span><Tag>{t(`header.role.${a.role}`, { defaultValue: t(`audit.roles.${a.role}`, { defaultValue: a.role }) })}</Tag></Space>,
    },
    {
      // the operation's own summary is the API document's (English); in Chinese, say what kind of change it was first
      title: t('audit.what'), dataIndex: 'summary',
      render: (s: string, r) => (
        <div>
          <div>{lang === 'zh' ? (REVEALS[r.action] ? t(REVEALS[r.action]!) : `${t(`audit.verbs.${r.action.split(' ')[0]}`, { defaultValue: '' })}${entityName(r.entity)}`) : s || r.action}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{lang === 'zh' ? `${s} · ` : ''}{r.action}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('audit.entity'), dataIndex: 'entity', width: 220,
      render: (e: string, r) => <Space size={4}><Tag color="blue">{entityName(e)}</Tag>{r.entity_id && <ShortId id={r.entity_id} />}</Space>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Space>
          <Button icon={<SafetyCertificateOutlined />} loading={busy === 'verify'} onClick={() => void run('verify')} data-testid="audit-verify">{t('audit.verify')}</Button>
          <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void run('export')} data-testid="audit-export">{t('audit.export')}</Button>
        </Space>
      }
    >
      {check && (
        <Alert
          style={{ marginBottom: 16 }} showIcon closable onClose={() => setCheck(null)} data-testid="audit-verify-result"
          type={check.intact ? 'success' : 'error'}
          message={check.intact ? t('audit.intact', { count: check.records }) : t('audit.broken', { seq: check.broken!.seq, reason: t(`audit.reasons.${check.broken!.reason}`), count: check.records })}
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear placeholder={t('audit.actor')} style={{ width: 180 }} value={filter.actor}
          options={facets.actors.map((a) => ({ value: a.id, label: a.name }))} onChange={(v?: string) => set({ actor: v })}
        />
        <Select
          allowClear placeholder={t('audit.entity')} style={{ width: 160 }} value={filter.entity}
          options={facets.entities.map((e) => ({ value: e, label: entityName(e) }))} onChange={(v?: string) => set({ entity: v })} data-testid="audit-entity"
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          onChange={(r: [Dayjs | null, Dayjs | null] | null) => set({ from: r?.[0]?.startOf('day').toISOString(), to: r?.[1]?.add(1, 'day').startOf('day').toISOString() })}
        />
        <Input.Search allowClear placeholder={t('audit.search')} style={{ width: 220 }} onSearch={(q) => set({ q: q || undefined })} />
      </Space>
      <Table<AuditRecord>
        rowKey="id" columns={columns} dataSource={items ?? []} loading={items === null} pagination={false} size="middle"
        expandable={{ expandedRowRender: (r) => <AuditDiff record={r} />, expandRowByClick: true }}
        locale={{ emptyText: t('audit.empty') }}
        onRow={(r) => ({ ...({ 'data-testid': 'audit-row', 'data-entity': r.entity } as object) })}
      />
      {cursor && <Button style={{ marginTop: 16 }} loading={busy === 'more'} onClick={() => void run('more')}>{t('audit.more')}</Button>}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>{t('audit.help')}</Typography.Paragraph>
    </Card>
  );
}
