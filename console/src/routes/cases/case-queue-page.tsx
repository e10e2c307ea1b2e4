import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Select, Space, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listCases, takeCase, type CaseRow } from '../../api/cases.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';
import { ClockStatus } from '../sla/sla-clocks.tsx';
import { age, PriorityTag, StatusTag, TypeTag } from './case-tags.tsx';

type Tab = 'mine' | 'unassigned' | 'all';
const STATUSES = ['received', 'investigating', 'solution_ready', 'solution_told', 'resolved', 'inquiry', 'account_manager', 'service_plan', 'implementation', 'evaluation', 'closed'] as const;

/** 服务台: the queue an agent works from all day — mine, unassigned (take one), all; filters; a row opens the case. */
export function CaseQueuePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { program, can, me } = useSession();
  const pid = program?.id ?? '';
  const isPerson = Boolean(me.staff_id);
  const [tab, setTab] = useState<Tab>(isPerson ? 'mine' : 'all');
  const [status, setStatus] = useState<string | undefined>();
  const [type, setType] = useState<string | undefined>();
  const [priority, setPriority] = useState<string | undefined>();
  const [openOnly, setOpenOnly] = useState(true);
  const [items, setItems] = useState<CaseRow[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);

  const load = useCallback(async (after?: string) => {
    const page = await listCases(pid, {
      assignee: tab === 'all' ? 'any' : tab === 'mine' ? 'me' : 'unassigned', status, type, priority, open: openOnly && !status ? 'true' : undefined, limit: 50, cursor: after,
    });
    setItems((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
    setCursor(page.next_cursor);
  }, [pid, tab, status, type, priority, openOnly]);
  useEffect(() => { if (pid) void load().catch((err: unknown) => { void message.error(errorText(err)); setItems([]); }); }, [pid, load, message]);

  const take = async (c: CaseRow) => {
    try {
      await takeCase(pid, c.id);
      void message.success(t('cases.taken'));
      navigate(`/cases/${c.id}`);
    } catch (err) {
      void message.error(errorText(err));
      await load();
    }
  };
  const empty = tab === 'mine' ? t('cases.emptyMine') : tab === 'unassigned' ? t('cases.emptyUnassigned') : t('cases.empty');

  return (
    <Card title={t('cases.title')} data-testid="case-queue">
      <Typography.Paragraph type="secondary">{t('cases.intro')}</Typography.Paragraph>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as Tab)} items={[
        ...(isPerson ? [{ key: 'mine', label: <span data-testid="tab-mine">{t('cases.tabs.mine')}</span> }] : []),
        { key: 'unassigned', label: <span data-testid="tab-unassigned">{t('cases.tabs.unassigned')}</span> },
        { key: 'all', label: <span data-testid="tab-all">{t('cases.tabs.all')}</span> },
      ]} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('cases.filters.type')} style={{ width: 140 }} value={type} onChange={setType}
          options={(['complaint', 'service_request'] as const).map((x) => ({ value: x, label: t(`cases.types.${x}`) }))} />
        <Select allowClear placeholder={t('cases.filters.status')} style={{ width: 170 }} value={status} onChange={setStatus}
          options={STATUSES.map((x) => ({ value: x, label: t(`cases.statuses.${x}`) }))} />
        <Select allowClear placeholder={t('cases.filters.priority')} style={{ width: 120 }} value={priority} onChange={setPriority}
          options={(['urgent', 'high', 'normal', 'low'] as const).map((x) => ({ value: x, label: t(`cases.priorities.${x}`) }))} />
        <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)}>{t('cases.filters.openOnly')}</Checkbox>
      </Space>
      <Table<CaseRow>
        rowKey="id" size="middle" loading={items === null} dataSource={items ?? []} pagination={false} locale={{ emptyText: empty }} data-testid="case-table"
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' }, 'data-testid': `case-row-${c.number}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('cases.number'), key: 'number', width: 140, render: (_, c) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{c.number}</Typography.Text> },
          { title: t('cases.type'), key: 'type', width: 90, render: (_, c) => <TypeTag type={c.type} /> },
          { title: t('cases.member'), key: 'member', width: 150, render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{c.member_no ?? '—'} {c.member_name ?? ''}</span> },
          { title: t('cases.subject'), key: 'subject', dataIndex: 'subject', ellipsis: true },
          { title: t('cases.status'), key: 'status', width: 170, render: (_, c) => <StatusTag c={c} /> },
          { title: t('cases.priority'), key: 'priority', width: 80, render: (_, c) => <PriorityTag priority={c.priority} /> },
          {
            title: t('cases.assignee'), key: 'assignee', width: 140,
            render: (_, c) => (c.assignee_id ? c.assignee_name ?? c.assignee_id.slice(-6)
              : can('cases.work') && isPerson && c.status !== 'closed'
                ? <Button size="small" type="primary" onClick={(e) => { e.stopPropagation(); void take(c); }} data-testid={`take-${c.number}`}>{t('cases.take')}</Button>
                : <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text>),
          },
          {
            // the deadline the agent works against: the case's open clock due soonest, coloured by its state
            title: t('cases.nextDue'), key: 'due', width: 190,
            render: (_, c) => (c.next_due
              ? <Space size={4} orientation="vertical" style={{ lineHeight: 1.2 }} data-testid={`due-${c.number}`}>
                <span style={{ whiteSpace: 'nowrap' }}>{formatTime(c.next_due.due_at)}</span>
                <Space size={2}>
                  <ClockStatus clock={c.next_due} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`sla.metrics.${c.next_due.metric}`)}</Typography.Text>
                </Space>
              </Space>
              : <Typography.Text type="secondary">—</Typography.Text>),
          },
          { title: t('cases.age'), key: 'age', width: 70, render: (_, c) => age(c.opened_at, c.closed_at) },
        ]}
      />
      {cursor && <Button style={{ marginTop: 12 }} onClick={() => void load(cursor)}>↓</Button>}
    </Card>
  );
}
