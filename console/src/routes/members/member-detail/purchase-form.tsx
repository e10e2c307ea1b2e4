import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordPurchase, type NewPurchase } from '../../../api/endpoints.ts';
import type { Purchase, Store } from '../../../api/types.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { yuanToFen } from '../../../lib/money.ts';
import { useSession } from '../../../session/session.tsx';

interface Values {
  store_id: string;
  amount: string;
  receipt_no?: string;
}

interface Props {
  open: boolean;
  memberId: string;
  stores: Store[];
  onClose(): void;
  onDone(p: Purchase): void;
}

export function PurchaseForm({ open, memberId, stores, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { me, program } = useSession();
  // A pos key is bound to one store; the API implies it, so the choice is fixed.
  const fixedStore = me.store_id;
  const defaultStore = fixedStore ?? stores[0]?.id;
  const options = stores.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }));
  if (fixedStore && !stores.some((s) => s.id === fixedStore)) options.push({ value: fixedStore, label: fixedStore });

  async function submit(v: Values, key: string) {
    const body: NewPurchase = { member_id: memberId, store_id: fixedStore ?? v.store_id, amount_fen: yuanToFen(v.amount)! };
    if (v.receipt_no?.trim()) body.receipt_no = v.receipt_no.trim();
    const p = await recordPurchase(program!.id, body, key);
    onDone(p);
    return t('purchase.done', { points: p.points_earned });
  }

  return (
    <FormModal<Values>
      open={open}
      onClose={onClose}
      title={t('purchase.title')}
      testId="purchase-form"
      onSubmit={submit}
      fieldMap={{ amount_fen: 'amount' }}
      initialValues={defaultStore ? { store_id: defaultStore } : {}}
    >
      <Form.Item name="store_id" label={t('purchase.store')} rules={[{ required: true, message: t('purchase.storeRequired') }]}>
        <Select options={options} disabled={fixedStore !== null} showSearch={{ optionFilterProp: 'label' }} data-testid="purchase-store" />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('purchase.amount')}
        rules={[
          { required: true, message: t('purchase.amountRequired') },
          {
            validator: (_, v: string | undefined) => {
              const fen = v ? yuanToFen(v) : null;
              return !v || (fen !== null && fen > 0) ? Promise.resolve() : Promise.reject(new Error(t('purchase.amountInvalid')));
            },
          },
        ]}
      >
        <Input prefix="¥" inputMode="decimal" placeholder="0.00" autoFocus data-testid="purchase-amount" />
      </Form.Item>
      <Form.Item name="receipt_no" label={t('purchase.receiptNo')}>
        <Input maxLength={64} data-testid="purchase-receipt" />
      </Form.Item>
    </FormModal>
  );
}
