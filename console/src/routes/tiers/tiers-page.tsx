import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { getTierPolicy, listTiers } from '../../api/endpoints.ts';
import type { Tier, TierPolicy } from '../../api/types.ts';
import { formatFigure, tierColor, tierName } from '../../lib/tier-format.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { TierTableEditor } from './tier-table-editor.tsx';

export function BenefitTags({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  const b = tier.benefits;
  const tags: string[] = [];
  if (b.earn_multiplier_pct !== 100) tags.push(t('tiers.multiplier', { x: b.earn_multiplier_pct / 100 }));
  if (b.parking_hours > 0) tags.push(t('tiers.parking', { h: b.parking_hours }));
  if (b.birthday_gift) tags.push(t('tiers.gift', { gift: b.birthday_gift }));
  if (b.account_manager) tags.push(t('tiers.manager'));
  tags.push(...b.reserved_offers);
  if (!tags.length) return <Typography.Text type="secondary">{t('tiers.basic')}</Typography.Text>;
  return <Space size={[4, 4]} wrap>{tags.map((x) => <Tag key={x}>{x}</Tag>)}</Space>;
}

export function TiersPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { can, program: current } = useSession();
  const program = current!;
  const isAdmin = can('loyalty.manage');
  const [tiers, setTiers] = useState<Tier[] | null>(null);
  const [policy, setPolicy] = useState<TierPolicy | null>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(async () => {
    try {
      const [list, p] = await Promise.all([listTiers(program.id), getTierPolicy(program.id)]);
      setTiers(list.items);
      setPolicy(p);
    } catch (err) {
      void message.error(errorText(err));
    }
  }, [program.id, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const basis = policy?.basis ?? 'spend';
  const columns: TableColumnsType<Tier> = [
    { title: t('tiers.rank'), dataIndex: 'rank', width: 70 },
    {
      title: t('tiers.name'), key: 'name',
      render: (_, r) => (
        <Space>
          <Tag color={tierColor(r.rank)} data-testid="tier-name">{tierName(r, lang)}</Tag>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{lang === 'en' ? r.name : r.name_en}</Typography.Text>
        </Space>
      ),
    },
    { title: t('tiers.code'), dataIndex: 'code', width: 100 },
    { title: t('tiers.reach'), key: 'reach', align: 'right', render: (_, r) => formatFigure(basis, r.reach_threshold, t) },
    { title: t('tiers.keep'), key: 'keep', align: 'right', render: (_, r) => formatFigure(basis, r.keep_threshold, t) },
    { title: t('tiers.benefits'), key: 'benefits', render: (_, r) => <BenefitTags tier={r} /> },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('tiers.policy')} size="small" loading={!policy} data-testid="tier-policy">
        {policy && (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 5 }}
            items={[
              { key: 'basis', label: t('tiers.basis'), children: t(`tiers.bases.${policy.basis}`) },
              { key: 'window', label: t('tiers.window'), children: t(`tiers.windows.${policy.window}`, { months: policy.window_months }) },
              { key: 'downgrade', label: t('tiers.downgrade'), children: t(`tiers.downgrades.${policy.downgrade}`) },
              { key: 'grace', label: t('tiers.grace'), children: t('tiers.days', { days: policy.grace_days }) },
              { key: 'warn', label: t('tiers.warn'), children: t('tiers.warnDays', { days: policy.warn_days }) },
            ]}
          />
        )}
      </Card>
      <Card
        title={t('tiers.title')}
        extra={isAdmin && tiers && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="tier-edit">{t('tiers.edit')}</Button>
        )}
      >
        <Table<Tier>
          rowKey="id"
          size="middle"
          loading={tiers === null}
          dataSource={tiers ?? []}
          columns={columns}
          pagination={false}
          data-testid="tier-table"
          locale={{ emptyText: <Empty description={t('tiers.empty')} /> }}
        />
      </Card>
      {tiers && policy && (
        <TierTableEditor open={editing} tiers={tiers} basis={basis} onClose={() => setEditing(false)} onApplied={() => void load()} />
      )}
    </Space>
  );
}
