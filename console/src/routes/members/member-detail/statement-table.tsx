import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntryKind, StatementEntry, Store } from '../../../api/types.ts';
import { ActorName } from '../../../lib/actor-name.tsx';
import { BreakdownTable } from '../../../lib/breakdown-table.tsx';
import { formatPoints } from '../../../lib/money.ts';
import type { RuleNames } from '../../../lib/rule-names.ts';
import { ShortId } from '../../../lib/short-id.tsx';
import { formatTime } from '../../../lib/format.ts';

const KIND_COLORS: Record<EntryKind, string> = {
  earn: 'green', return: 'volcano', redeem: 'purple', adjust: 'blue', expire: 'default',
};

interface Props {
  entries: StatementEntry[] | null;
  stores: Store[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onOpenPurchase(id: string): void;
  /** Names the rules of an earn entry's breakdown (shown when the row is expanded). */
  ruleNames?: RuleNames;
}

export function StatementTable({ entries, stores, hasMore, loadingMore, onLoadMore, onOpenPurchase, ruleNames = new Map() }: Props) {
  const { t } = useTranslation();
  const storeName = (id: string | null) => (id ? (stores.find((s) => s.id === id)?.name ?? id) : t('common.none'));

  function reference(e: StatementEntry) {
    const refs = [];
    if (e.purchase_id) {
      refs.push(
        <span key="p" style={{ whiteSpace: 'nowrap' }}>
          {t('statement.purchase')} <ShortId id={e.purchase_id} onClick={() => onOpenPurchase(e.purchase_id!)} />
        </span>,
      );
    }
    // The API has no read endpoint for returns and redemptions; the id is for quoting to support.
    if (e.return_id) refs.push(<span key="r">{t('statement.return')} <ShortId id={e.return_id} /></span>);
    if (e.redemption_id) refs.push(<span key="d">{t('statement.redemption')} <ShortId id={e.redemption_id} /></span>);
    return refs.length ? <Space orientation="vertical" size={0}>{refs}</Space> : t('common.none');
  }

  const columns: TableColumnsType<StatementEntry> = [
    { title: t('statement.time'), dataIndex: 'occurred_at', width: 170, render: formatTime },
    { title: t('statement.kind'), dataIndex: 'kind', width: 130, render: (k: EntryKind) => <Tag color={KIND_COLORS[k]}>{t(`statement.kinds.${k}`)}</Tag> },
    {
      title: t('statement.points'), dataIndex: 'points', align: 'right', width: 110,
      render: (n: number, e) => (
        <Typography.Text strong type={e.direction === 'credit' ? 'success' : 'danger'}>
          {e.direction === 'credit' ? '+' : '−'}{formatPoints(n)}
        </Typography.Text>
      ),
    },
    {
      title: t('statement.reason'), dataIndex: 'reason_code', width: 120,
      render: (r: string | null) => (r ? t(`adjust.reasons.${r}`, { defaultValue: r }) : t('common.none')),
    },
    { title: t('statement.note'), dataIndex: 'note', ellipsis: true, render: (n: string | null) => n ?? t('common.none') },
    { title: t('statement.reference'), key: 'ref', render: (_: unknown, e) => reference(e) },
    { title: t('statement.store'), dataIndex: 'store_id', width: 140, render: storeName },
    { title: t('statement.actor'), dataIndex: 'actor', width: 170, render: (a: string | null) => <ActorName id={a} /> },
  ];

  return (
    <Card title={t('statement.title')} styles={{ body: { padding: 0 } }}>
      <Table<StatementEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={entries ?? []}
        loading={entries === null}
        pagination={false}
        locale={{ emptyText: t('statement.empty') }}
        data-testid="statement-table"
        expandable={{
          columnWidth: 36,
          rowExpandable: (e) => (e.breakdown?.length ?? 0) > 0,
          expandedRowRender: (e) => (
            <div style={{ maxWidth: 760 }}>
              <BreakdownTable items={e.breakdown ?? []} ruleNames={ruleNames} testId="statement-breakdown" />
            </div>
          ),
        }}
      />
      <div style={{ textAlign: 'center', padding: 12 }}>
        {hasMore ? (
          <Button onClick={onLoadMore} loading={loadingMore} data-testid="statement-load-more">{t('statement.loadMore')}</Button>
        ) : (
          entries && entries.length > 0 && <Typography.Text type="secondary">{t('statement.end')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
