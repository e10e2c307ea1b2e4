import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listVipMemberships, listVipPlans, type VipListFilter, type VipMembership, type VipPlan } from '../../api/vip.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { StartMembershipForm } from './start-membership-form.tsx';
import { holder, planName, VipStatusTag, yuan } from './vip-format.tsx';

type StatusFilter = NonNullable<VipListFilter['status']> | 'all';

/** VIP 会籍: every membership, soonest end first, filtered by status and kind; start a new one. */
export function MembershipsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { program } = useSession();
  const navigate = useNavigate();
  const pid = program?.id ?? '';
  const [status, setStatus] = useState<StatusFilter>('all');
  const [kind, setKind] = useState<VipListFilter['kind'] | null>(null);
  const [items, setItems] = useState<VipMembership[] | null>(null);
  const [plans, setPlans] = useState<VipPlan[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const load = useCallback(async () => {
    if (!pid) return;
    setItems(null);
    try {
      const [list, p] = await Promise.all([
        listVipMemberships(pid, { ...(status === 'all' ? {} : { status }), ...(kind ? { kind } : {}) }),
        listVipPlans(pid),
      ]);
      setItems(list.items);
      setPlans(p.items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid, status, kind]);
  useEffect(() => { void load(); }, [load]);

  return (
    <Card
      title={t('vip.membershipsTitle')}
      extra={<Button type="primary" icon={<PlusOutlined />} disabled={!plans.some((p) => p.active)} onClick={() => setStarting(true)} data-testid="vip-start">{t('vip.newMembership')}</Button>}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<StatusFilter> value={status} onChange={setStatus} data-testid="vip-filter-status"
          options={(['all', 'active', 'expiring', 'expired', 'ended'] as const).map((s) => ({ value: s, label: t(`vip.filters.${s}`) }))} />
        <Select allowClear placeholder={t('vip.allKinds')} style={{ width: 160 }} value={kind} onChange={(v) => setKind(v ?? null)}
          options={(['individual', 'corporate'] as const).map((k) => ({ value: k, label: t(`vip.kinds.${k}`) }))} data-testid="vip-filter-kind" />
      </Space>
      <Table<VipMembership>
        rowKey="id" pagination={{ pageSize: 20, hideOnSinglePage: true }} loading={items === null && !error} dataSource={items ?? []} data-testid="vip-membership-table"
        locale={{ emptyText: <Empty description={t('vip.noMemberships')} /> }}
        onRow={(m) => ({ onClick: () => void navigate(`/vip/memberships/${m.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('vip.holder'), key: 'holder', render: (_, m) => <Typography.Link>{holder(m)}</Typography.Link> },
          { title: t('vip.plan'), key: 'plan', render: (_, m) => <Space>{planName(m.plan, lang)}<Tag color={m.kind === 'corporate' ? 'purple' : 'blue'}>{t(`vip.kinds.${m.kind}`)}</Tag></Space> },
          { title: t('vip.members'), key: 'members', align: 'right', render: (_, m) => m.members.length },
          { title: t('vip.fee'), key: 'fee', align: 'right', render: (_, m) => yuan(m.fee_fen) },
          { title: t('vip.period'), key: 'period', render: (_, m) => `${m.starts_on} — ${m.ends_on}` },
          { title: t('vip.status'), key: 'status', render: (_, m) => <VipStatusTag m={m} /> },
          { title: t('vip.accountManager'), dataIndex: 'account_manager', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <StartMembershipForm programId={pid} plans={plans} open={starting} onClose={() => setStarting(false)} onDone={(m) => void navigate(`/vip/memberships/${m.id}`)} />
    </Card>
  );
}
