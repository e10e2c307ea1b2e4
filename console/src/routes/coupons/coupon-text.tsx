import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Coupon, CouponType } from '../../api/coupons.ts';
import { formatFen } from '../../lib/money.ts';

const STATE_COLORS: Record<Coupon['state'], string> = {
  available: 'green', reserved: 'orange', consumed: 'blue', expired: 'default', not_yet_valid: 'purple', void: 'red',
};

/** A coupon's state in words, coloured. */
export function CouponStateTag({ state, big = false }: { state: Coupon['state']; big?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="coupon-state" style={big ? { fontSize: 18, padding: '4px 12px', lineHeight: '28px' } : undefined}>
      {t(`coupons.states.${state}`)}
    </Tag>
  );
}

/** What a type gives, as a cashier reads it: "¥20 off, spend ≥ ¥100". */
export function typeValue(t: TFunction, ty: Pick<CouponType, 'kind' | 'amount_off_fen' | 'percent_off' | 'max_off_fen' | 'gift_name' | 'min_spend_fen'>): string {
  const value = ty.kind === 'amount' ? t('coupons.valueAmount', { amount: formatFen(ty.amount_off_fen ?? 0) })
    : ty.kind === 'percent' ? t('coupons.valuePercent', { pct: ty.percent_off, max: formatFen(ty.max_off_fen ?? 0) })
      : t('coupons.valueGift', { name: ty.gift_name });
  return ty.min_spend_fen > 0 ? `${value}，${t('coupons.minSpendText', { amount: formatFen(ty.min_spend_fen) })}` : value;
}

export const typeName = (lang: string, x: { name?: string; name_en?: string | null; type_name?: string; type_name_en?: string | null }) =>
  (lang === 'en' ? x.name_en ?? x.type_name_en : null) ?? x.name ?? x.type_name ?? '';

/** First and last valid day (valid_until is the exclusive end, the start of the day after). */
export const validRange = (c: { valid_from: string; valid_until: string }) =>
  `${dayjs(c.valid_from).format('YYYY-MM-DD')} — ${dayjs(c.valid_until).subtract(1, 'ms').format('YYYY-MM-DD')}`;
