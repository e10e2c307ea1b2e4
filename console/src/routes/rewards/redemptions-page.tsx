import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listStores } from '../../api/endpoints.ts';
import { cancelRedemption, fulfilRedemption, listRedemptions, type RedemptionStatus, type RewardRedemption } from '../../api/rewards.ts';
import type { Store } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { formatFen, formatPoints } from '../../lib/money.ts';
import { ShortId } from '../../lib/short-id.tsx';
import { useSession } from '../../session/session.tsx';
import { rewardName } from './rewards-page.tsx';

const COLORS: Record<RedemptionStatus, string> = { created: 'gold', fulfilled: 'green', cancelled: 'default' };
export function RedemptionStatusTag({ status }: { status: RedemptionStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`rewards.queue.statuses.${status}`)}</Tag>;
}

/** Fulfil (pickup code or tracking note) or cancel (with a reason) one redemption. */
export function RedemptionActions({ r, onDone }: { r: RewardRedemption; onDone(): void }) {
  const { t } = useTranslation();
  const { program, me, can } = useSession();
  const [open, setOpen] = useState<'fulfil' | 'cancel' | null>(null);
  if (r.status !== 'created') return null;
  return (
    <Space>
      <Button size="small" type="primary" onClick={() => setOpen('fulfil')} data-testid={`fulfil-${r.id}`}>{t('rewards.queue.fulfil')}</Button>
      {me.store_id === null && can('rewards.fulfil') && <Button size="small" danger onClick={() => setOpen('cancel')} data-testid={`cancel-${r.id}`}>{t('rewards.queue.cancel')}</Button>}
      <FormModal<{ code?: string; note?: string }> open={open === 'fulfil'} onClose={() => setOpen(null)} title={t('rewards.queue.fulfil')} testId="fulfil-form"
        fieldMap={{ pickup_code: 'code', tracking_note: 'note' }}
        onSubmit={async (v, key) => {
          await fulfilRedemption(program!.id, r.id, r.delivery === 'pickup' ? { pickup_code: v.code?.trim() ?? '' } : { tracking_note: v.note ?? '' }, key);
          onDone();
          return t('rewards.queue.fulfilled');
        }}>
        {r.delivery === 'pickup'
          ? <Form.Item name="code" label={t('rewards.queue.pickupCode')} extra={t('rewards.queue.pickupHint')} rules={[{ required: true, message: t('rewards.required') }]}><Input maxLength={20} data-testid="fulfil-code" /></Form.Item>
          : <Form.Item name="note" label={t('rewards.queue.trackingNote')} rules={[{ required: true, message: t('rewards.required') }]}><Input maxLength={500} data-testid="fulfil-note" /></Form.Item>}
      </FormModal>
      <FormModal<{ reason: string }> open={open === 'cancel'} onClose={() => setOpen(null)} title={t('rewards.queue.cancel')} testId="cancel-form" danger
        onSubmit={async (v, key) => {
          const c = await cancelRedemption(program!.id, r.id, v.reason, key);
          onDone();
          return `${t('rewards.queue.cancelled', { points: (c.points_restored ?? 0) + (c.points_fresh ?? 0) })} (${t('rewards.queue.restored', { restored: c.points_restored ?? 0, fresh: c.points_fresh ?? 0, forfeited: c.points_forfeited ?? 0 })})`;
        }}>
        <Form.Item name="reason" label={t('rewards.queue.reason')} rules={[{ required: true, message: t('rewards.required') }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </FormModal>
    </Space>
  );
}

/** 兑换订单: the queue, by status; fulfil or cancel. */
export function RedemptionsPage() {
  const { t, i18n } = useTranslation();
  const { program } = useSession();
  const pid = program?.id ?? '';
  const [status, setStatus] = useState<RedemptionStatus | undefined>('created');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: RewardRedemption[]; total: number } | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!pid) return;
    try {
      setData(await listRedemptions(pid, { status, limit: 20, offset: (page - 1) * 20 }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid, status, page]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { if (pid) void listStores(pid).then((r) => setStores(r.items)).catch(() => setStores([])); }, [pid]);

  return (
    <Card title={t('rewards.queue.title')} extra={
      <Select style={{ width: 160 }} value={status ?? 'all'} data-testid="queue-status" onChange={(v) => { setPage(1); setStatus(v === 'all' ? undefined : (v as RedemptionStatus)); }}
        options={[{ value: 'all', label: t('rewards.queue.all') }, ...(['created', 'fulfilled', 'cancelled'] as const).map((s) => ({ value: s, label: t(`rewards.queue.statuses.${s}`) }))]} />
    }>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<RewardRedemption>
        rowKey="id" loading={data === null && !error} dataSource={data?.items ?? []} data-testid="redemption-table"
        locale={{ emptyText: <Empty description={t('rewards.queue.empty')} /> }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t('rewards.queue.createdAt'), key: 'at', render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(r.created_at)}</span> },
          { title: t('rewards.queue.reward'), key: 'reward', render: (_, r) => rewardName({ name: r.reward_name, name_en: r.reward_name_en }, i18n.language) },
          { title: t('rewards.queue.member'), key: 'member', render: (_, r) => <Link to={`/members/${r.member_id}`} style={{ whiteSpace: 'nowrap' }}>{r.member_no ? `${r.member_no} ${r.member_name ?? ''}` : <ShortId id={r.member_id} />}</Link> },
          {
            title: t('rewards.price'), key: 'price',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{formatPoints(r.points)} {t('common.points')}{r.cash_fen > 0 ? ` + ¥${formatFen(r.cash_fen)}` : ''}</span>
                {r.payment_ref && <Typography.Text type="secondary">{t('rewards.queue.paymentRef')} {r.payment_ref}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('rewards.queue.store'), key: 'store', render: (_, r) => (r.store_id ? stores.find((s) => s.id === r.store_id)?.name ?? r.store_id : t('common.none')) },
          { title: t('rewards.queue.delivery'), key: 'delivery', render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{t(`rewards.queue.deliveries.${r.delivery}`)}{r.tracking_note ? ` · ${r.tracking_note}` : ''}</span> },
          { title: t('campaigns.status'), key: 'status', render: (_, r) => <Space direction="vertical" size={0}><RedemptionStatusTag status={r.status} />{r.cancel_reason && <Typography.Text type="secondary">{r.cancel_reason}</Typography.Text>}</Space> },
          { title: t('common.actions'), key: 'actions', render: (_, r) => <RedemptionActions r={r} onDone={() => void load()} /> },
        ]}
      />
    </Card>
  );
}
