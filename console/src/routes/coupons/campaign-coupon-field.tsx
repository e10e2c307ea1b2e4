import { useEffect, useState } from 'react';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { listCouponTypes, type CouponType } from '../../api/coupons.ts';
import { typeName } from './coupon-text.tsx';

function useCouponTypes(programId: string) {
  const [types, setTypes] = useState<CouponType[]>([]);
  useEffect(() => {
    void listCouponTypes(programId).then((r) => setTypes(r.items), () => setTypes([]));
  }, [programId]);
  return types;
}

/** An award campaign's coupon: a type issued to each member awarded, besides the points (none: points only). */
export function CampaignCouponField({ programId, disabled }: { programId: string; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const types = useCouponTypes(programId);
  return (
    <Form.Item name="coupon_type_id" label={t('coupons.campaignCoupon')} extra={t('coupons.campaignCouponHelp')}>
      <Select allowClear disabled={disabled} placeholder={t('coupons.noCoupon')} data-testid="campaign-coupon-type"
        options={types.filter((x) => x.active).map((x) => ({ value: x.id, label: typeName(i18n.language, x) }))} />
    </Form.Item>
  );
}

/** A coupon type's name, for a campaign's details. */
export function CouponTypeName({ programId, id }: { programId: string; id: string }) {
  const { i18n } = useTranslation();
  const ty = useCouponTypes(programId).find((x) => x.id === id);
  return <>{ty ? typeName(i18n.language, ty) : id}</>;
}
