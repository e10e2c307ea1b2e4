import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, Form, Input, Select, Table, Typography } from 'antd';
import { ShoppingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { listStores } from '../../../api/endpoints.ts';
import { listRewards, memberRedemptions, redeemReward, type Reward, type RewardRedemption } from '../../../api/rewards.ts';
import type { Store } from '../../../api/types.ts';
import { formatTime } from '../../../lib/format.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { formatFen, formatPoints } from '../../../lib/money.ts';
import { useSession } from '../../../session/session.tsx';
import { RedemptionActions, RedemptionStatusTag } from '../../rewards/redemptions-page.tsx';
import { rewardName } from '../../rewards/rewards-page.tsx';

interface Values { reward_id: string; store_id?: string; delivery: 'pickup' | 'shipping'; payment_ref?: string }

/** The member's reward redemptions, and redeeming one (积分兑换) at the counter. */
export function RewardRedemptionsCard({ memberId, canRedeem, onChanged }: { memberId: string; canRedeem: boolean; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { program, me } = useSession();
  const pid = program!.id;
  const [items, setItems] = useState<RewardRedemption[] | null>(null);
  const [rewards, setRewards] = useState<Reward[]>([]);
  const [stores, setStores] = useState<Store[]>([]);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Reward | null>(null);

  const load = useCallback(async () => {
    setItems((await memberRedemptions(pid, memberId).catch(() => ({ items: [] as RewardRedemption[] }))).items);
  }, [pid, memberId]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    if (!open) return;
    void listRewards(pid, { active: 'true' }).then((r) => setRewards(r.items)).catch(() => setRewards([]));
    // whoever has a store redeems for it; the others pick the pick-up store
    if (me.store_id === null) void listStores(pid).then((r) => setStores(r.items)).catch(() => setStores([]));
  }, [open, pid, me.store_id]);
  const changed = () => { void load(); onChanged(); };

  async function submit(v: Values, key: string) {
    const r = await redeemReward(pid, memberId, {
      reward_id: v.reward_id, delivery: v.delivery, ...(v.store_id ? { store_id: v.store_id } : {}), ...(v.payment_ref?.trim() ? { payment_ref: v.payment_ref.trim() } : {}),
    }, key);
    changed();
    return r.pickup_code ? t('rewards.redeem.done', { code: r.pickup_code, balance: r.balance_after }) : t('rewards.redeem.doneShipping', { balance: r.balance_after });
  }

  return (
    <Card title={t('rewards.redeem.section')} size="small" data-testid="member-reward-redemptions"
      extra={<Button icon={<ShoppingOutlined />} disabled={!canRedeem} onClick={() => setOpen(true)} data-testid="redeem-reward">{t('rewards.redeem.button')}</Button>}>
      <Table<RewardRedemption> rowKey="id" size="small" loading={items === null} dataSource={items ?? []} pagination={{ pageSize: 5, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rewards.redeem.none')} /> }}
        columns={[
          { title: t('rewards.queue.createdAt'), key: 'at', render: (_, r) => formatTime(r.created_at) },
          { title: t('rewards.queue.reward'), key: 'reward', render: (_, r) => rewardName({ name: r.reward_name, name_en: r.reward_name_en }, i18n.language) },
          { title: t('rewards.price'), key: 'price', render: (_, r) => `${formatPoints(r.points)} ${t('common.points')}${r.cash_fen > 0 ? ` + ¥${formatFen(r.cash_fen)}` : ''}` },
          { title: t('rewards.queue.pickupCode'), key: 'code', render: (_, r) => (r.pickup_code ? <Typography.Text code>{r.pickup_code}</Typography.Text> : r.tracking_note ?? t(`rewards.queue.deliveries.${r.delivery}`)) },
          { title: t('campaigns.status'), key: 'status', render: (_, r) => <RedemptionStatusTag status={r.status} /> },
          { title: t('common.actions'), key: 'actions', render: (_, r) => <RedemptionActions r={r} onDone={changed} /> },
        ]} />
      <FormModal<Values> open={open} onClose={() => { setOpen(false); setChosen(null); }} title={t('rewards.redeem.title')} testId="redeem-reward-form"
        onSubmit={submit} initialValues={{ delivery: 'pickup' }}>
        <Form.Item name="reward_id" label={t('rewards.redeem.reward')} rules={[{ required: true, message: t('rewards.required') }]}>
          <Select showSearch optionFilterProp="label" data-testid="redeem-reward-select" onChange={(id: string) => setChosen(rewards.find((x) => x.id === id) ?? null)}
            options={rewards.map((x) => ({
              value: x.id,
              label: `${rewardName(x, i18n.language)} · ${x.cash_fen > 0 ? t('rewards.pricePlus', { points: formatPoints(x.points), cash: formatFen(x.cash_fen) }) : t('rewards.pricePoints', { points: formatPoints(x.points) })}${x.stock === null ? '' : ` · ${t('rewards.stockLeft', { n: x.stock })}`}`,
            }))} />
        </Form.Item>
        <Form.Item name="delivery" label={t('rewards.redeem.delivery')}>
          <Select options={(['pickup', 'shipping'] as const).map((d) => ({ value: d, label: t(`rewards.queue.deliveries.${d}`) }))} />
        </Form.Item>
        {me.store_id === null && (
          <Form.Item name="store_id" label={t('rewards.redeem.store')}>
            <Select allowClear options={stores.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
        )}
        {chosen && chosen.cash_fen > 0 && (
          <Form.Item name="payment_ref" label={t('rewards.redeem.paymentRef')} extra={t('rewards.redeem.paymentRefHelp')} rules={[{ required: true, message: t('rewards.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
      </FormModal>
    </Card>
  );
}
