import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordReturn } from '../../../api/endpoints.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { yuanToFen } from '../../../lib/money.ts';
import { useSession } from '../../../session/session.tsx';

interface Values {
  purchase_id: string;
  amount?: string;
}

interface Props {
  open: boolean;
  purchaseId?: string | undefined;
  onClose(): void;
  onDone(): void;
}

export function ReturnForm({ open, purchaseId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;

  async function submit(v: Values, key: string) {
    const amount = v.amount?.trim();
    // No amount means "return the rest", as the API defines it.
    const body = amount ? { purchase_id: v.purchase_id.trim(), amount_fen: yuanToFen(amount)! } : { purchase_id: v.purchase_id.trim() };
    const r = await recordReturn(program.id, body, key);
    onDone();
    const done = t('returnForm.done', { points: r.points_reversed });
    return r.points_unrecovered > 0 ? done + t('returnForm.unrecovered', { points: r.points_unrecovered }) : done;
  }

  return (
    <FormModal<Values>
      open={open}
      onClose={onClose}
      title={t('returnForm.title')}
      testId="return-form"
      onSubmit={submit}
      fieldMap={{ amount_fen: 'amount' }}
      initialValues={{ purchase_id: purchaseId ?? '' }}
    >
      <Form.Item name="purchase_id" label={t('returnForm.purchaseId')} rules={[{ required: true, whitespace: true, message: t('returnForm.purchaseIdRequired') }]}>
        <Input data-testid="return-purchase-id" />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('returnForm.amount')}
        extra={t('returnForm.amountHelp')}
        rules={[{
          validator: (_, v: string | undefined) => {
            const fen = v?.trim() ? yuanToFen(v) : 1;
            return fen !== null && fen > 0 ? Promise.resolve() : Promise.reject(new Error(t('purchase.amountInvalid')));
          },
        }]}
      >
        <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid="return-amount" />
      </Form.Item>
    </FormModal>
  );
}
