import { DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { createCouponType, type CouponType, type CouponTypeCreate } from '../../api/coupons.ts';
import type { Store } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { yuanToFen } from '../../lib/money.ts';

interface Values {
  name: string; name_en?: string; kind: CouponType['kind']; amount?: string; percent_off?: number; max?: string;
  gift_sku?: string; gift_name?: string; min_spend?: string; store_ids?: string[]; mode: 'days' | 'dates';
  valid_days?: number; dates?: [Dayjs, Dayjs]; hold_minutes?: number;
}

const fen = (v: string | undefined) => (v ? yuanToFen(v) ?? undefined : undefined);

/** A new coupon type: amount off, percent off with a maximum, or a gift; minimum spend, stores, validity. */
export function CouponTypeForm({ programId, stores, open, onClose, onSaved }: {
  programId: string; stores: Store[]; open: boolean; onClose: () => void; onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const mode = Form.useWatch('mode', form);
  const money = [{ validator: (_: unknown, v: string | undefined) => (!v || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('coupons.badAmount')))) }];
  const required = { required: true, message: t('coupons.required') };
  return (
    <FormModal<Values>
      open={open} title={t('coupons.createType')} testId="coupon-type-form" onClose={onClose}
      initialValues={{ kind: 'amount', mode: 'days', valid_days: 30, hold_minutes: 5 }}
      fieldMap={{ amount_off_fen: 'amount', max_off_fen: 'max', min_spend_fen: 'min_spend', valid_until: 'dates', valid_from: 'dates' }}
      onSubmit={async (v, key) => {
        const body: CouponTypeCreate = {
          name: v.name, name_en: v.name_en || null, kind: v.kind, min_spend_fen: fen(v.min_spend) ?? 0, store_ids: v.store_ids ?? [], hold_minutes: v.hold_minutes ?? 5,
          ...(v.kind === 'amount' ? { amount_off_fen: fen(v.amount) } : v.kind === 'percent' ? { percent_off: v.percent_off, max_off_fen: fen(v.max) } : { gift_sku: v.gift_sku || undefined, gift_name: v.gift_name }),
          ...(v.mode === 'days' ? { valid_days: v.valid_days } : { valid_from: v.dates?.[0].format('YYYY-MM-DD'), valid_until: v.dates?.[1].format('YYYY-MM-DD') }),
        };
        await createCouponType(programId, body, key);
        onSaved();
        return t('coupons.typeSaved');
      }}
    >
      <Form.Item name="name" label={t('coupons.name')} rules={[required]}><Input maxLength={100} data-testid="coupon-type-name" /></Form.Item>
      <Form.Item name="name_en" label={t('coupons.nameEn')}><Input maxLength={100} /></Form.Item>
      <Form.Item name="kind" label={t('coupons.kind')}>
        <Radio.Group optionType="button" options={(['amount', 'percent', 'gift'] as const).map((k) => ({ value: k, label: t(`coupons.kinds.${k}`) }))} />
      </Form.Item>
      {kind === 'amount' && <Form.Item name="amount" label={t('coupons.amountOff')} rules={[required, ...money]}><Input data-testid="coupon-type-amount" /></Form.Item>}
      {kind === 'percent' && (
        <>
          <Form.Item name="percent_off" label={t('coupons.percentOff')} rules={[required]}><InputNumber min={1} max={100} addonAfter="%" /></Form.Item>
          <Form.Item name="max" label={t('coupons.maxOff')} rules={[required, ...money]}><Input /></Form.Item>
        </>
      )}
      {kind === 'gift' && (
        <>
          <Form.Item name="gift_name" label={t('coupons.giftName')} rules={[required]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="gift_sku" label={t('coupons.giftSku')}><Input maxLength={64} /></Form.Item>
        </>
      )}
      <Form.Item name="min_spend" label={t('coupons.minSpend')} rules={money}><Input placeholder="0" /></Form.Item>
      <Form.Item name="store_ids" label={t('coupons.stores')}>
        <Select mode="multiple" allowClear placeholder={t('coupons.allStores')} options={stores.map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="mode" label={t('coupons.validityMode')}>
        <Radio.Group options={[{ value: 'days', label: t('coupons.modeDays') }, { value: 'dates', label: t('coupons.modeDates') }]} />
      </Form.Item>
      {mode === 'dates'
        ? <Form.Item name="dates" label={t('coupons.validRange')} rules={[required]}><DatePicker.RangePicker /></Form.Item>
        : <Form.Item name="valid_days" label={t('coupons.validDays')} rules={[required]}><InputNumber min={1} max={3660} /></Form.Item>}
      <Form.Item name="hold_minutes" label={t('coupons.holdMinutes')}><InputNumber min={1} max={60} /></Form.Item>
    </FormModal>
  );
}
