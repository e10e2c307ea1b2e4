import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Image, Space, Table, Tag, Typography } from 'antd';
import { GiftOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listStores, listTiers } from '../../api/endpoints.ts';
import { listRewards, type Reward } from '../../api/rewards.ts';
import type { Store, Tier } from '../../api/types.ts';
import { formatFen, formatPoints } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';
import { RewardForm } from './reward-form.tsx';

export const rewardName = (r: { name: string; name_en: string | null }, lang: string) => (lang === 'en' && r.name_en ? r.name_en : r.name);

export function RewardPrice({ r }: { r: Pick<Reward, 'points' | 'cash_fen'> }) {
  const { t } = useTranslation();
  return <>{r.cash_fen > 0 ? t('rewards.pricePlus', { points: formatPoints(r.points), cash: formatFen(r.cash_fen) }) : t('rewards.pricePoints', { points: formatPoints(r.points) })}</>;
}

/** 积分商城: the catalogue with images, prices, stock and validity; create and edit. */
export function RewardsPage() {
  const { t, i18n } = useTranslation();
  const { program, can } = useSession();
  const pid = program?.id ?? '';
  const [items, setItems] = useState<Reward[] | null>(null);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const isAdmin = can('rewards.manage');
  // the program's local day (the demo and the server use Asia/Shanghai; a day's difference only moves a tag)
  const today = dayjs().format('YYYY-MM-DD');

  const load = useCallback(async () => {
    if (!pid) return;
    try {
      setItems((await listRewards(pid)).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    if (!pid) return;
    void listTiers(pid).then((r) => setTiers(r.items)).catch(() => setTiers([]));
    void listStores(pid).then((r) => setStores(r.items)).catch(() => setStores([]));
  }, [pid]);

  const tierName = (id: string) => tiers.find((x) => x.id === id)?.name ?? id;
  const storeName = (id: string) => stores.find((x) => x.id === id)?.name ?? id;
  return (
    <Card title={t('rewards.title')} extra={isAdmin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="reward-create">{t('rewards.create')}</Button>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<Reward>
        rowKey="id"
        loading={items === null && !error}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty description={t('rewards.empty')} /> }}
        data-testid="reward-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('rewards.image'), key: 'image', width: 72,
            render: (_, r) => (r.image_url
              ? <Image src={r.image_url} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 6 }} alt={r.name} />
              : <div style={{ width: 48, height: 48, borderRadius: 6, background: '#f0f0f0', display: 'grid', placeItems: 'center' }}><GiftOutlined /></div>),
          },
          {
            title: t('rewards.name'), key: 'name',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{rewardName(r, i18n.language)}</Typography.Text>
                <Space size={4} wrap>
                  <Tag>{t(`rewards.kinds.${r.kind}`)}</Tag>
                  {r.kind === 'parking' && r.parking_hours && <Tag color="blue">{r.parking_hours} h</Tag>}
                  {!r.active && <Tag color="default">{t('rewards.inactive')}</Tag>}
                  {r.valid_from && r.valid_from > today && <Tag color="orange">{t('rewards.notYet')}</Tag>}
                  {r.valid_to && r.valid_to < today && <Tag color="default">{t('rewards.ended')}</Tag>}
                </Space>
              </Space>
            ),
          },
          { title: t('rewards.price'), key: 'price', render: (_, r) => <RewardPrice r={r} /> },
          {
            title: t('rewards.stock'), key: 'stock',
            render: (_, r) => <span data-testid={`stock-${r.id}`}>{r.stock === null ? t('rewards.unlimited') : <Typography.Text type={r.stock === 0 ? 'danger' : undefined}>{r.stock}</Typography.Text>}</span>,
          },
          { title: t('rewards.redeemed'), dataIndex: 'redeemed', key: 'redeemed' },
          {
            title: t('rewards.limits'), key: 'limits',
            render: (_, r) => [
              r.per_member_limit ? `${t('rewards.perMemberLimit')} ${r.per_member_limit}` : null,
              r.period_limit && r.limit_period ? `${t(`rewards.periods.${r.limit_period}`)} ${r.period_limit}` : null,
            ].filter(Boolean).join(' · ') || t('rewards.noLimit'),
          },
          {
            title: t('rewards.validity'), key: 'validity',
            render: (_, r) => (r.valid_from || r.valid_to ? `${r.valid_from ?? '…'} — ${r.valid_to ?? '…'}` : t('rewards.always')),
          },
          {
            title: `${t('rewards.tiers')} / ${t('rewards.stores')}`, key: 'scope',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text type="secondary">{r.tier_ids.length ? r.tier_ids.map(tierName).join('、') : t('rewards.allTiers')}</Typography.Text>
                <Typography.Text type="secondary">{r.store_ids.length ? r.store_ids.map(storeName).join('、') : t('rewards.allStores')}</Typography.Text>
              </Space>
            ),
          },
          ...(isAdmin ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, r: Reward) => <Button size="small" onClick={() => setEditing(r)}>{t('rewards.edit')}</Button> }] : []),
        ]}
      />
      <RewardForm programId={pid} reward={editing === 'new' ? null : editing} open={editing !== null} tiers={tiers} stores={stores}
        onClose={() => setEditing(null)} onSaved={() => void load()} />
    </Card>
  );
}
