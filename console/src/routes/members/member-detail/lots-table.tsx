import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lot, LotState } from '../../../api/types.ts';
import { formatPoints } from '../../../lib/money.ts';
import { ShortId } from '../../../lib/short-id.tsx';
import { formatTime } from '../../../lib/format.ts';

const STATE_COLORS: Record<LotState, string> = {
  pending: 'processing', available: 'success', spent: 'default', expired: 'warning', reversed: 'error',
};

export function LotsTable({ lots, onOpenPurchase }: { lots: Lot[] | null; onOpenPurchase(id: string): void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Lot> = [
    { title: t('lots.earnedAt'), dataIndex: 'earned_at', width: 170, render: formatTime },
    { title: t('lots.source'), dataIndex: 'source', width: 120, render: (s: string) => (t(`lots.sources.${s}`, { defaultValue: s })) },
    { title: t('lots.points'), dataIndex: 'points', align: 'right', render: formatPoints },
    { title: t('lots.remaining'), dataIndex: 'remaining', align: 'right', render: (n: number) => <Typography.Text strong>{formatPoints(n)}</Typography.Text> },
    { title: t('lots.state'), dataIndex: 'state', width: 100, render: (s: LotState) => <Tag color={STATE_COLORS[s]}>{t(`lots.states.${s}`)}</Tag> },
    { title: t('lots.availableAt'), dataIndex: 'available_at', width: 170, render: formatTime },
    { title: t('lots.expiresOn'), dataIndex: 'expires_on', width: 120, render: (d: string | null) => d ?? t('common.none') },
    {
      title: t('lots.purchase'), dataIndex: 'purchase_id',
      render: (id: string | null) => (id ? <ShortId id={id} onClick={() => onOpenPurchase(id)} /> : t('common.none')),
    },
  ];
  return (
    <Card title={t('lots.title')} styles={{ body: { padding: 0 } }}>
      <Table<Lot>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={lots ?? []}
        loading={lots === null}
        pagination={lots && lots.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: t('lots.empty') }}
        data-testid="lots-table"
      />
    </Card>
  );
}
