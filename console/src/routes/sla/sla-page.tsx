import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Popconfirm, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag, TimePicker, Tooltip, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listTiers } from '../../api/endpoints.ts';
import { deletePolicy, getOverview, getSettings, listPolicies, saveSettings, type SlaOverview, type SlaPolicy, type SlaSettings, type SlaView } from '../../api/sla.ts';
import { listStaff } from '../../api/staff.ts';
import { ActorName } from '../../lib/actor-name.tsx';
import { ShortId } from '../../lib/short-id.tsx';
import { useSession } from '../../session/session.tsx';
import type { Lang } from '../../i18n/index.ts';
import { PolicyForm } from './policy-form.tsx';
import { ClockDue, ClockStatus, SlaClocks } from './sla-clocks.tsx';

type Named = { id: string; name: string };

/** 服务时限: the desk's monitor (due soon, breached, escalated, by owner), the policies and the desk settings. */
export function SlaPage() {
  const { t } = useTranslation();
  const { program, can } = useSession();
  const pid = program?.id ?? '';
  const [staff, setStaff] = useState<Named[]>([]);
  const [tiers, setTiers] = useState<Named[]>([]);
  useEffect(() => {
    if (!pid) return;
    // names for owners and the supervisor select: only those who may list staff get them, the others see ids
    if (can('staff.manage')) listStaff(pid).then((r) => setStaff(r.items.filter((s) => !s.disabled_at).map((s) => ({ id: s.id, name: `${s.display_name}（${s.username}）` }))), () => setStaff([]));
    if (can('loyalty.read')) listTiers(pid).then((r) => setTiers(r.items.map((x) => ({ id: x.id, name: x.name }))), () => setTiers([]));
  }, [pid, can]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('sla.title')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('sla.intro')}</Typography.Paragraph>
      </Card>
      <Card>
        <Tabs items={[
          { key: 'overview', label: <span data-testid="tab-sla-overview">{t('sla.tabs.overview')}</span>, children: <Monitor programId={pid} staff={staff} /> },
          { key: 'policies', label: <span data-testid="tab-sla-policies">{t('sla.tabs.policies')}</span>, children: <Policies programId={pid} staff={staff} tiers={tiers} canManage={can('cases.manage')} /> },
          { key: 'settings', label: <span data-testid="tab-sla-settings">{t('sla.tabs.settings')}</span>, children: <DeskSettings programId={pid} staff={staff} canManage={can('cases.manage')} /> },
        ]} />
      </Card>
    </Space>
  );
}

function Monitor({ programId, staff }: { programId: string; staff: Named[] }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as Lang;
  const [view, setView] = useState<SlaView>('due_soon');
  const [data, setData] = useState<SlaOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { if (programId) getOverview(programId, view).then((r) => { setData(r); setError(null); }, (e: unknown) => setError(errorText(e))); }, [programId, view]);
  const names = useMemo(() => new Map(staff.map((s) => [s.id, s.name])), [staff]);
  const owner = (id: string | null) => (id ? names.get(id) ?? <ActorName id={id} /> : <Typography.Text type="secondary">{t('sla.unassigned')}</Typography.Text>);
  const counts = data?.counts;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {error && <Alert type="error" title={error} />}
      <Row gutter={16}>
        {(['due_soon', 'breached', 'escalated', 'paused'] as const).map((k) => (
          <Col key={k} xs={12} md={6}><Card size="small"><Statistic title={t(`sla.counts.${k}`)} value={counts?.[k] ?? 0} valueStyle={k === 'breached' && counts?.breached ? { color: '#cf1322' } : k === 'due_soon' && counts?.due_soon ? { color: '#d48806' } : {}} /></Card></Col>
        ))}
      </Row>
      <Segmented<SlaView> value={view} onChange={setView} data-testid="sla-view" options={(['due_soon', 'breached', 'escalated', 'open'] as const).map((v) => ({ value: v, label: t(`sla.views.${v}`) }))} />
      <Table
        rowKey="id" size="small" loading={data === null && !error} dataSource={data?.items ?? []} pagination={false} locale={{ emptyText: t('sla.noneInView') }} data-testid="sla-overview"
        expandable={{ expandedRowRender: (c) => <SlaClocks subjectType={c.subject_type} subjectId={c.subject_id} /> }}
        columns={[
          {
            title: t('sla.subject'), key: 'subject',
            render: (_, c) => (
              <Space size={4}>
                <Tag>{t(`sla.subjectTypes.${c.subject_type}`)}</Tag>
                {c.subject_type === 'suggestion'
                  ? <Link to="/suggestions">{c.subject_label ?? <ShortId id={c.subject_id} />}</Link>
                  : <Link to={`/cases/${c.subject_id}`} data-testid={`sla-subject-${c.subject_label ?? c.subject_id}`}>{c.subject_label ?? <ShortId id={c.subject_id} />}</Link>}
              </Space>
            ),
          },
          { title: t('sla.metric'), key: 'metric', render: (_, c) => t(`sla.metrics.${c.metric}`) },
          { title: t('sla.target'), key: 'target', render: (_, c) => c.target_label[lang] },
          { title: t('sla.due'), key: 'due', render: (_, c) => <Tooltip title={c.explanation[lang]}><span><ClockDue clock={c} /></span></Tooltip> },
          { title: t('sla.status'), key: 'status', render: (_, c) => <Space size={4}><ClockStatus clock={c} />{c.escalated_at && <Tag color="volcano">{t('sla.alertKinds.escalated')}</Tag>}</Space> },
          { title: t('sla.owner'), key: 'owner', render: (_, c) => owner(c.owner_id) },
        ]}
      />
      <Card size="small" title={t('sla.byOwner')}>
        <Table
          rowKey={(r) => r.owner_id ?? '-'} size="small" pagination={false} dataSource={data?.by_owner ?? []} locale={{ emptyText: t('sla.noneInView') }}
          columns={[
            { title: t('sla.owner'), key: 'owner', render: (_, r) => owner(r.owner_id) },
            { title: t('sla.open'), dataIndex: 'open', width: 120 },
            { title: t('sla.counts.due_soon'), dataIndex: 'due_soon', width: 120 },
            { title: t('sla.counts.breached'), key: 'breached', width: 120, render: (_, r) => (r.breached ? <Typography.Text type="danger">{r.breached}</Typography.Text> : 0) },
          ]}
        />
      </Card>
    </Space>
  );
}

function Policies({ programId, staff, tiers, canManage }: { programId: string; staff: Named[]; tiers: Named[]; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<SlaPolicy[] | null>(null);
  const [editing, setEditing] = useState<SlaPolicy | null | 'new'>(null);
  const load = useCallback(() => { listPolicies(programId).then((r) => setItems(r.items), () => setItems([])); }, [programId]);
  useEffect(() => { if (programId) load(); }, [programId, load]);
  const tierName = (id: string | null) => (id ? tiers.find((x) => x.id === id)?.name ?? id : t('sla.any'));
  const staffName = (id: string | null) => (id ? staff.find((x) => x.id === id)?.name ?? id : '—');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('sla.builtinHelp')}</Typography.Text>
        {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-sla-policy">{t('sla.add')}</Button>}
      </Space>
      <Table<SlaPolicy>
        rowKey="id" size="small" pagination={false} loading={items === null} dataSource={items ?? []} data-testid="sla-policies"
        columns={[
          { title: t('sla.type'), key: 'type', render: (_, p) => <Space size={4}>{t(`sla.subjectTypes.${p.subject_type}`)}{p.builtin && <Tag color="purple">{t('sla.builtin')}</Tag>}</Space> },
          { title: t('sla.metric'), key: 'metric', render: (_, p) => t(`sla.metrics.${p.metric}`) },
          { title: t('sla.tier'), key: 'tier', render: (_, p) => tierName(p.tier_id) },
          { title: t('sla.priority'), key: 'priority', render: (_, p) => (p.priority ? t(`sla.priorities.${p.priority}`) : t('sla.any')) },
          { title: t('sla.target'), key: 'target', render: (_, p) => `${p.target} ${t(`sla.units.${p.unit}`)}` },
          { title: t('sla.warn'), key: 'warn', render: (_, p) => `${p.warn_percent}%` },
          { title: t('sla.escalate'), key: 'escalate', render: (_, p) => (p.escalate ? `${t('sla.yes')}${p.escalate_to ? ` → ${staffName(p.escalate_to)}` : ''}` : t('sla.no')) },
          ...(canManage ? [{
            title: '', key: 'actions', width: 200, render: (_: unknown, p: SlaPolicy) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`edit-policy-${p.id}`}>{p.builtin ? t('sla.override') : t('sla.edit')}</Button>
                {!p.builtin && (
                  <Popconfirm title={t('sla.remove')} onConfirm={() => void deletePolicy(programId, p.id).then(() => { void message.success(t('sla.removed')); load(); }, (e: unknown) => void message.error(errorText(e)))}>
                    <Button size="small" danger>{t('sla.remove')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          }] : []),
        ]}
      />
      {editing !== null && <PolicyForm programId={programId} open editing={editing === 'new' ? null : editing} tiers={tiers} staff={staff} onClose={() => setEditing(null)} onSaved={load} />}
    </Space>
  );
}

function DeskSettings({ programId, staff, canManage }: { programId: string; staff: Named[]; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [s, setS] = useState<SlaSettings | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (programId) getSettings(programId).then(setS, () => setS(null)); }, [programId]);
  if (!s) return null;
  const time = (v: string | null) => (v ? dayjs(`2000-01-01T${v}`) : null);
  const save = async () => {
    setBusy(true);
    try {
      setS(await saveSettings(programId, { quiet_start: s.quiet_start, quiet_end: s.quiet_end, urgent_bypasses_quiet: s.urgent_bypasses_quiet, supervisor_id: s.supervisor_id }));
      void message.success(t('sla.saved'));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" style={{ maxWidth: 560 }} disabled={!canManage} data-testid="sla-settings">
      <Form.Item label={t('sla.quiet')} extra={t('sla.quietHelp')}>
        <Space>
          <TimePicker format="HH:mm" minuteStep={5} value={time(s.quiet_start)} placeholder={t('sla.quietStart')} onChange={(v) => setS({ ...s, quiet_start: v ? v.format('HH:mm') : null })} data-testid="quiet-start" />
          <span>–</span>
          <TimePicker format="HH:mm" minuteStep={5} value={time(s.quiet_end)} placeholder={t('sla.quietEnd')} onChange={(v) => setS({ ...s, quiet_end: v ? v.format('HH:mm') : null })} data-testid="quiet-end" />
        </Space>
      </Form.Item>
      <Form.Item>
        <Checkbox checked={s.urgent_bypasses_quiet} onChange={(e) => setS({ ...s, urgent_bypasses_quiet: e.target.checked })}>{t('sla.urgentBypass')}</Checkbox>
      </Form.Item>
      <Form.Item label={t('sla.supervisor')} extra={t('sla.supervisorHelp')}>
        <Select
          allowClear value={s.supervisor_id ?? undefined} placeholder={t('sla.none')} onChange={(v: string | undefined) => setS({ ...s, supervisor_id: v ?? null })} data-testid="supervisor"
          options={[...staff, ...(s.supervisor_id && !staff.some((x) => x.id === s.supervisor_id) ? [{ id: s.supervisor_id, name: s.supervisor_id }] : [])].map((x) => ({ value: x.id, label: x.name }))}
        />
      </Form.Item>
      {canManage && <Button type="primary" loading={busy} onClick={() => void save()} data-testid="save-sla-settings">{t('sla.saveSettings')}</Button>}
    </Form>
  );
}
