import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { getPurchase } from '../../../api/endpoints.ts';
import type { Purchase, Store } from '../../../api/types.ts';
import { BreakdownTable } from '../../../lib/breakdown-table.tsx';
import { formatFen, formatPoints } from '../../../lib/money.ts';
import type { RuleNames } from '../../../lib/rule-names.ts';
import { useSession } from '../../../session/session.tsx';
import { formatTime } from '../../../lib/format.ts';

interface Props {
  purchaseId: string | null;
  stores: Store[];
  onClose(): void;
  onReturn(purchaseId: string): void;
  ruleNames?: RuleNames;
}

export function PurchaseDrawer({ purchaseId, stores, onClose, onReturn, ruleNames = new Map() }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;
  const [purchase, setPurchase] = useState<Purchase | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    setPurchase(null);
    setError(null);
    if (!purchaseId) return;
    getPurchase(program.id, purchaseId).then(setPurchase, (e: unknown) => {
      if (e instanceof ApiError) setError(e);
    });
  }, [program.id, purchaseId]);

  const p = purchase;
  return (
    <Drawer
      open={purchaseId !== null}
      onClose={onClose}
      title={t('purchase.detail')}
      size={640}
      extra={purchaseId && <Button onClick={() => onReturn(purchaseId)} data-testid="purchase-drawer-return">{t('purchase.returnIt')}</Button>}
    >
      {error && <Alert type="error" showIcon title={error.problem.title} description={error.problem.detail} />}
      {!p && !error && <Spin />}
      {p && (
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'id', label: t('purchase.id'), children: p.id },
            { key: 'store', label: t('purchase.store'), children: stores.find((s) => s.id === p.store_id)?.name ?? p.store_id },
            { key: 'amount', label: t('purchase.amount'), children: `¥${formatFen(p.amount_fen)}` },
            { key: 'at', label: t('purchase.occurredAt'), children: formatTime(p.occurred_at) },
            ...(p.receipt_no ? [{ key: 'receipt', label: t('purchase.receiptNo'), children: p.receipt_no }] : []),
            { key: 'earned', label: t('purchase.earned'), children: formatPoints(p.points_earned) },
            ...(p.points_asked !== p.points_earned ? [{ key: 'asked', label: t('breakdown.pointsAsked'), children: formatPoints(p.points_asked) }] : []),
            { key: 'state', label: t('purchase.state'), children: t(`lots.states.${p.points_state}`) },
            { key: 'available', label: t('purchase.availableAt'), children: formatTime(p.available_at) },
            { key: 'expires', label: t('purchase.expiresOn'), children: p.expires_on ?? t('common.none') },
          ]}
        />
      )}
      {p?.breakdown && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('breakdown.title')}</Typography.Title>
          <BreakdownTable items={p.breakdown} ruleNames={ruleNames} lines={p.lines} testId="purchase-breakdown" />
        </>
      )}
    </Drawer>
  );
}
