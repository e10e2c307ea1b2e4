import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText } from '../../api/client.ts';
import { getVipMembership, removeVipMember, type VipMembershipDetail, type VipPayment, type VipRefund, type VipSeat } from '../../api/vip.ts';
import { ActorName } from '../../lib/actor-name.tsx';
import { formatTime } from '../../lib/format.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { AddMemberForm, EndForm, RenewForm } from './membership-actions.tsx';
import { planName, VipStatusTag, yuan } from './vip-format.tsx';
import { maskPhone } from '../../lib/mask.ts';

type Open = 'renew' | 'end' | 'add' | null;

/** One membership: who, the plan, the term, its members, payments and refunds; renew, end early, add and remove members. */
export function MembershipDetailPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { program } = useSession();
  const { membershipId = '' } = useParams();
  const navigate = useNavigate();
  const pid = program?.id ?? '';
  const [m, setM] = useState<VipMembershipDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);

  const load = useCallback(async () => {
    if (!pid) return;
    try {
      setM(await getVipMembership(pid, membershipId));
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid, membershipId]);
  useEffect(() => { void load(); }, [load]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!m) return <Spin />;
  const active = m.status === 'active';
  const corporate = m.kind === 'corporate';
  const remove = async (memberId: string) => {
    try {
      setM(await removeVipMember(pid, m.id, memberId));
      void message.success(t('vip.memberRemoved'));
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const memberCell = (s: VipSeat) => <Link to={`/members/${s.member.id}`}>{s.member.name ?? '—'} · {s.member.member_no ?? s.member.id}</Link>;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space><Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/vip/memberships')} />{corporate ? m.company_name : m.members[0]?.member.name ?? t('vip.membership')}<VipStatusTag m={m} /></Space>}
        extra={active && (
          <Space>
            <Button type="primary" onClick={() => setOpen('renew')} data-testid="vip-renew">{t('vip.renew')}</Button>
            <Button danger onClick={() => setOpen('end')} data-testid="vip-end">{t('vip.endEarly')}</Button>
          </Space>
        ) || (m.status === 'expired' && <Button type="primary" onClick={() => setOpen('renew')} data-testid="vip-renew">{t('vip.renew')}</Button>)}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="vip-detail">
          <Descriptions.Item label={t('vip.plan')}>{planName(m.plan, lang)} <Tag color={corporate ? 'purple' : 'blue'}>{t(`vip.kinds.${m.kind}`)}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('vip.fee')}>{yuan(m.fee_fen)}</Descriptions.Item>
          <Descriptions.Item label={t('vip.period')}>{m.starts_on} — {m.ends_on}</Descriptions.Item>
          {corporate && <Descriptions.Item label={t('vip.contactName')}>{m.contact_name ?? '—'}</Descriptions.Item>}
          {corporate && <Descriptions.Item label={t('vip.contactPhone')}>{m.contact_phone ? maskPhone(m.contact_phone) : '—'}</Descriptions.Item>}
          <Descriptions.Item label={t('vip.accountManager')}>{m.account_manager ?? '—'}</Descriptions.Item>
          {m.ended_at && <Descriptions.Item label={t('vip.endedAt')}>{formatTime(m.ended_at)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('vip.membersTitle', { n: m.members.length })}
        extra={corporate && active && <Button size="small" onClick={() => setOpen('add')} data-testid="vip-add-member">{t('vip.addMember')}</Button>}>
        <Table<VipSeat> size="small" rowKey={(s) => `${s.member.id}-${s.added_at}`} pagination={false} dataSource={m.seats} data-testid="vip-seat-table"
          columns={[
            { title: t('vip.member'), key: 'member', render: (_, s) => memberCell(s) },
            { title: t('vip.addedAt'), key: 'added', render: (_, s) => formatTime(s.added_at) },
            { title: t('vip.removedAt'), key: 'removed', render: (_, s) => (s.removed_at ? `${formatTime(s.removed_at)} · ${t(`vip.removedReasons.${s.removed_reason ?? 'removed'}`)}` : <Tag color="green">{t('vip.seated')}</Tag>) },
            { title: t('vip.tierFloor'), key: 'floor', render: (_, s) => (s.floor_id ? t('common.yes') : t('common.no')) },
            ...(corporate && active ? [{
              title: '', key: 'remove', render: (_: unknown, s: VipSeat) => !s.removed_at && (
                <Popconfirm title={t('vip.removeConfirm')} onConfirm={() => void remove(s.member.id)}><Button size="small" danger data-testid="vip-remove-member">{t('vip.remove')}</Button></Popconfirm>
              ),
            }] : []),
          ]} />
      </Card>
      <Card size="small" title={t('vip.paymentsTitle')}>
        <Table<VipPayment> size="small" rowKey="id" pagination={false} dataSource={m.payments} data-testid="vip-payment-table"
          columns={[
            { title: t('vip.paidOn'), dataIndex: 'paid_on' },
            { title: t('vip.kindOfPayment'), key: 'kind', render: (_, p) => t(`vip.paymentKinds.${p.kind}`) },
            { title: t('vip.method'), key: 'method', render: (_, p) => t(`vip.methods.${p.method}`) },
            { title: t('vip.amount'), key: 'amount', align: 'right', render: (_, p) => yuan(p.amount_fen) },
            { title: t('vip.receiptNo'), dataIndex: 'receipt_no' },
            { title: t('vip.covers'), key: 'covers', render: (_, p) => `${p.covers_from} — ${p.covers_to}` },
            { title: t('vip.recordedBy'), dataIndex: 'actor', render: (v: string | null) => <Typography.Text type="secondary"><ActorName id={v} /></Typography.Text> },
          ]} />
      </Card>
      {m.refunds.length > 0 && (
        <Card size="small" title={t('vip.refundsTitle')}>
          <Table<VipRefund> size="small" rowKey="id" pagination={false} dataSource={m.refunds} data-testid="vip-refund-table"
            columns={[
              { title: t('vip.lastDay'), dataIndex: 'ended_on' },
              { title: t('vip.refund'), key: 'amount', align: 'right', render: (_, r) => yuan(r.amount_fen) },
              { title: t('vip.formula'), key: 'f', render: (_, r) => t('vip.formulaText', { fee: yuan(r.fee_fen), remaining: r.remaining_days, term: r.term_days }) },
              { title: t('vip.refundMethod'), key: 'method', render: (_, r) => t(`vip.methods.${r.method}`) },
              { title: t('vip.refundReference'), dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
              { title: t('vip.recordedBy'), dataIndex: 'actor', render: (v: string | null) => <ActorName id={v} /> },
            ]} />
        </Card>
      )}
      <RenewForm programId={pid} m={m} open={open === 'renew'} onClose={() => setOpen(null)} onDone={setM} />
      <EndForm programId={pid} m={m} open={open === 'end'} onClose={() => setOpen(null)} onDone={setM} />
      <AddMemberForm programId={pid} m={m} open={open === 'add'} onClose={() => setOpen(null)} onDone={setM} />
    </Space>
  );
}
