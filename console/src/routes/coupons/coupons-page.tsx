import { useEffect, useState } from 'react';
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listStores } from '../../api/endpoints.ts';
import type { Store } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { CouponBatchesTab } from './coupon-batches-tab.tsx';
import { CouponLookupTab } from './coupon-lookup-tab.tsx';
import { CouponTypesTab } from './coupon-types-tab.tsx';

/** 优惠券: the cashier's code look-up, the coupon types, the batches of codes. */
export function CouponsPage() {
  const { t } = useTranslation();
  const { me, can, program } = useSession();
  const [params, setParams] = useSearchParams();
  const [stores, setStores] = useState<Store[]>([]);
  const pid = program?.id ?? '';
  const isAdmin = can('coupons.manage');
  useEffect(() => {
    if (pid) void listStores(pid).then((r) => setStores(r.items), () => setStores([]));
  }, [pid]);
  const tab = params.get('tab') ?? 'lookup';
  const items = [
    { key: 'lookup', label: t('coupons.tabs.lookup'), children: <CouponLookupTab programId={pid} stores={stores} fixedStore={me.store_id ?? null} key={stores.length} /> },
    { key: 'types', label: t('coupons.tabs.types'), children: <CouponTypesTab programId={pid} stores={stores} isAdmin={isAdmin} /> },
    ...(isAdmin ? [{ key: 'batches', label: t('coupons.tabs.batches'), children: <CouponBatchesTab programId={pid} /> }] : []),
  ];
  return (
    <Card title={t('coupons.title')}>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} destroyOnHidden data-testid="coupon-tabs" />
    </Card>
  );
}
