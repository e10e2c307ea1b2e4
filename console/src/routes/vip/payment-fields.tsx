import { DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { VipPaymentRecord } from '../../api/vip.ts';
import { yuanToFen } from '../../lib/money.ts';
import { PAYMENT_METHODS } from './vip-format.tsx';

/** The payment part of a start or renewal form. */
export interface PaymentValues { method: VipPaymentRecord['method']; amount: string; paid_on: Dayjs; receipt_no: string; note?: string }

export const paymentDefaults = (feeFen: number | null): Partial<PaymentValues> => ({
  method: 'bank_transfer', paid_on: dayjs(), ...(feeFen !== null ? { amount: (feeFen / 100).toFixed(2) } : {}),
});

export const toPayment = (v: PaymentValues): VipPaymentRecord => ({
  method: v.method, amount_fen: yuanToFen(v.amount) ?? -1, paid_on: v.paid_on.format('YYYY-MM-DD'), receipt_no: v.receipt_no, note: v.note || null,
});

/** Where the server's payment.* field names land in the form. */
export const PAYMENT_FIELDS = { amount_fen: 'amount', method: 'method', paid_on: 'paid_on', receipt_no: 'receipt_no' };

export function PaymentFields() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('vip.required') }];
  return (
    <>
      <Space size="middle" wrap>
        <Form.Item name="method" label={t('vip.method')} rules={required}>
          <Select style={{ width: 140 }} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`vip.methods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="amount" label={t('vip.amountYuan')} rules={required}><Input inputMode="decimal" style={{ width: 140 }} data-testid="vip-pay-amount" /></Form.Item>
        <Form.Item name="paid_on" label={t('vip.paidOn')} rules={required}><DatePicker allowClear={false} /></Form.Item>
      </Space>
      <Form.Item name="receipt_no" label={t('vip.receiptNo')} rules={required}><Input maxLength={64} data-testid="vip-pay-receipt" /></Form.Item>
      <Form.Item name="note" label={t('vip.note')}><Input maxLength={500} /></Form.Item>
    </>
  );
}
