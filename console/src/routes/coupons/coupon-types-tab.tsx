import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Empty, Switch, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listCouponTypes, setCouponTypeActive, type CouponType } from '../../api/coupons.ts';
import type { Store } from '../../api/types.ts';
import { CouponTypeForm } from './coupon-type-form.tsx';
import { typeName, typeValue } from './coupon-text.tsx';

/** Coupon types: what each gives, where and how long; switch issuing off. */
export function CouponTypesTab({ programId, stores, isAdmin }: { programId: string; stores: Store[]; isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<CouponType[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(async () => {
    try {
      setItems((await listCouponTypes(programId)).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [programId]);
  useEffect(() => { void load(); }, [load]);
  const storeNames = (ids: string[]) => (ids.length ? ids.map((id) => stores.find((s) => s.id === id)?.name ?? id).join('、') : t('coupons.allStores'));
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {isAdmin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="coupon-type-create">{t('coupons.createType')}</Button>}
      <Table<CouponType>
        rowKey="id" pagination={false} loading={items === null && !error} dataSource={items ?? []} data-testid="coupon-type-table"
        locale={{ emptyText: <Empty description={t('coupons.emptyTypes')} /> }}
        columns={[
          { title: t('coupons.name'), key: 'name', render: (_, x) => typeName(i18n.language, x) },
          { title: t('coupons.kind'), key: 'kind', render: (_, x) => t(`coupons.kinds.${x.kind}`) },
          { title: t('coupons.value'), key: 'value', render: (_, x) => typeValue(t, x) },
          { title: t('coupons.stores'), key: 'stores', render: (_, x) => storeNames(x.store_ids) },
          { title: t('coupons.validity'), key: 'validity', render: (_, x) => (x.valid_days ? t('coupons.daysText', { days: x.valid_days }) : `${x.valid_from ?? '…'} — ${x.valid_until}`) },
          { title: t('coupons.holdMinutes'), dataIndex: 'hold_minutes', key: 'hold' },
          {
            title: t('coupons.active'), key: 'active',
            render: (_, x) => <Switch checked={x.active} disabled={!isAdmin} onChange={(on) => void setCouponTypeActive(programId, x.id, on).then(load, (err: unknown) => setError(errorText(err)))} />,
          },
        ]}
      />
      <CouponTypeForm programId={programId} stores={stores} open={creating} onClose={() => setCreating(false)} onSaved={() => void load()} />
    </>
  );
}
