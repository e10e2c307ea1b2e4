import { useEffect, useState } from 'react';
import { Card, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listVipMemberships, type VipMembership } from '../../../api/vip.ts';
import { useLang } from '../../../session/lang.tsx';
import { useSession } from '../../../session/session.tsx';
import { planName, VipStatusTag, yuan } from '../../vip/vip-format.tsx';

/** The member's paid VIP memberships (own or through a company), current first. Admin keys only: the API refuses a till's. */
export function VipCard({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { program } = useSession();
  const [items, setItems] = useState<VipMembership[] | null>(null);
  const pid = program?.id ?? '';
  useEffect(() => {
    if (!pid) return;
    listVipMemberships(pid, { member_id: memberId }).then((r) => setItems(r.items), () => setItems([]));
  }, [pid, memberId]);
  const rows = [...(items ?? [])].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.ends_on.localeCompare(a.ends_on));
  return (
    <Card size="small" title={t('vip.memberCard')} data-testid="vip-card">
      <Table<VipMembership> size="small" rowKey="id" pagination={false} loading={items === null} dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vip.noMembershipForMember')} /> }}
        columns={[
          { title: t('vip.plan'), key: 'plan', render: (_, m) => <Link to={`/vip/memberships/${m.id}`}>{planName(m.plan, lang)}</Link> },
          { title: t('vip.kind'), key: 'kind', render: (_, m) => <Tag color={m.kind === 'corporate' ? 'purple' : 'blue'}>{m.kind === 'corporate' ? m.company_name : t('vip.kinds.individual')}</Tag> },
          { title: t('vip.period'), key: 'period', render: (_, m) => `${m.starts_on} — ${m.ends_on}` },
          {
            title: t('vip.status'), key: 'status',
            // a company's membership goes on after this member's seat was removed or released by a termination
            render: (_, m) => (m.status === 'active' && !m.members.some((x) => x.member.id === memberId)
              ? <Tag data-testid="vip-seat-released">{t('vip.seatReleased')}</Tag> : <VipStatusTag m={m} />),
          },
          { title: t('vip.fee'), key: 'fee', align: 'right', render: (_, m) => yuan(m.fee_fen) },
          { title: t('vip.accountManager'), dataIndex: 'account_manager', render: (v: string | null) => v ?? '—' },
        ]} />
    </Card>
  );
}
