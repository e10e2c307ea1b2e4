import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Empty, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { getRetention, listRetentionRuns, runRetention, saveRetention, type RetentionKind, type RetentionRun, type RetentionSettings } from '../../api/rights.ts';
import { ActorName } from '../../lib/actor-name.tsx';
import { formatTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';

type Period = RetentionKind['period'];

/** 保存期限: the period of each kind of data (editable), the request deadline, and the runs with their counts. */
export function RetentionPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const program = useSession().program!;
  const [settings, setSettings] = useState<RetentionSettings | null>(null);
  const [periods, setPeriods] = useState<Record<string, Period>>({});
  const [deadline, setDeadline] = useState<number>(15);
  const [runs, setRuns] = useState<RetentionRun[] | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [s, r] = await Promise.all([getRetention(program.id), listRetentionRuns(program.id)]);
      setSettings(s);
      setPeriods(Object.fromEntries(s.kinds.map((k) => [k.kind, k.period])));
      setDeadline(s.deadline_working_days);
      setRuns(r.items);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [program.id]);
  useEffect(() => { void load(); }, [load]);

  async function save() {
    setBusy(true);
    try {
      await saveRetention(program.id, { deadline_working_days: deadline, periods });
      void message.success(t('rights.retention.saved'));
      await load();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function run(dry: boolean) {
    setBusy(true);
    try {
      const r = await runRetention(program.id, { dry_run: dry, ...(asOf ? { as_of: asOf.format('YYYY-MM-DD') } : {}) }, newIdempotencyKey());
      const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
      void message.success(t(dry ? 'rights.retention.ranDry' : 'rights.retention.ran', { total }));
      await load();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const setPeriod = (kind: string, p: Partial<Period>) => setPeriods((all) => ({ ...all, [kind]: { ...all[kind]!, ...p } }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('rights.retention.title')} extra={<Button type="primary" loading={busy} onClick={() => void save()} data-testid="retention-save">{t('rights.retention.save')}</Button>}>
        <Typography.Paragraph type="secondary">{t('rights.retention.help')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Space style={{ marginBottom: 12 }}>
          <span>{t('rights.retention.deadline')}</span>
          <InputNumber min={1} max={60} value={deadline} onChange={(v) => setDeadline(v ?? 15)} data-testid="retention-deadline" />
        </Space>
        <Table<RetentionKind>
          rowKey="kind" size="middle" pagination={false} loading={settings === null && !error} dataSource={settings?.kinds ?? []} data-testid="retention-table"
          columns={[
            { title: t('rights.retention.kind'), key: 'kind', render: (_, k) => t(`rights.retention.kinds.${k.kind}`) },
            {
              title: t('rights.retention.period'), key: 'period', width: 220, render: (_, k) => (
                <Space.Compact>
                  <InputNumber min={1} max={3650} value={periods[k.kind]?.n} onChange={(v) => v && setPeriod(k.kind, { n: v })} style={{ width: 90 }} data-testid={`retention-n-${k.kind}`} />
                  <Select value={periods[k.kind]?.unit} onChange={(unit) => setPeriod(k.kind, { unit })} style={{ width: 90 }}
                    options={(['day', 'month', 'year'] as const).map((u) => ({ value: u, label: t(`rights.retention.units.${u}`) }))} />
                </Space.Compact>
              ),
            },
            { title: t('rights.retention.default'), key: 'default', width: 110, render: (_, k) => `${k.default.n} ${t(`rights.retention.units.${k.default.unit}`)}` },
            { title: t('rights.retention.action'), key: 'action', width: 120, render: (_, k) => <Tag>{t(`rights.retention.actions.${k.action}`)}</Tag> },
          ]}
        />
      </Card>
      <Card
        title={t('rights.retention.runs')}
        extra={(
          <Space>
            <DatePicker value={asOf} onChange={setAsOf} placeholder={t('rights.retention.asOf')} data-testid="retention-as-of" />
            <Button loading={busy} onClick={() => void run(true)} data-testid="retention-dry-run">{t('rights.retention.dryRunButton')}</Button>
            <Button danger loading={busy} data-testid="retention-run"
              onClick={() => modal.confirm({ title: t('rights.retention.runConfirm'), okButtonProps: { danger: true }, onOk: () => run(false) })}>{t('rights.retention.run')}</Button>
          </Space>
        )}
      >
        <Table<RetentionRun>
          rowKey="id" size="small" dataSource={runs ?? []} loading={runs === null && !error} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="retention-runs"
          locale={{ emptyText: <Empty description={t('rights.retention.noRuns')} /> }}
          columns={[
            { title: t('rights.retention.startedAt'), key: 'at', width: 150, render: (_, r) => formatTime(r.started_at) },
            { title: t('rights.retention.asOf'), dataIndex: 'as_of', width: 110 },
            { title: '', key: 'dry', width: 90, render: (_, r) => (r.dry_run ? <Tag>{t('rights.retention.dry')}</Tag> : <Tag color="green">{t('rights.retention.real')}</Tag>) },
            {
              title: t('rights.retention.counts'), key: 'counts', render: (_, r) => (
                <Space size={[4, 4]} wrap>
                  {Object.entries(r.counts).map(([k, n]) => <Tag key={k} color={n ? 'orange' : undefined}>{t(`rights.retention.kinds.${k}`)}：{n}</Tag>)}
                </Space>
              ),
            },
            { title: t('rights.retention.actor'), dataIndex: 'actor', width: 140, ellipsis: true, render: (v: string) => <ActorName id={v} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
