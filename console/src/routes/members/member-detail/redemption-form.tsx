import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { redeemPoints } from '../../../api/endpoints.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { useSession } from '../../../session/session.tsx';

interface Values {
  points: number;
  description?: string;
}

interface Props {
  open: boolean;
  memberId: string;
  available: number | undefined;
  onClose(): void;
  onDone(): void;
}

export function RedemptionForm({ open, memberId, available, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;

  async function submit(v: Values, key: string) {
    const body = v.description?.trim() ? { points: v.points, description: v.description.trim() } : { points: v.points };
    const r = await redeemPoints(program.id, memberId, body, key);
    onDone();
    return t('redeem.done', { points: r.points, balance: r.balance_after });
  }

  return (
    <FormModal<Values> open={open} onClose={onClose} title={t('redeem.title')} testId="redemption-form" onSubmit={submit}>
      <Form.Item
        name="points"
        label={t('redeem.points')}
        extra={available !== undefined ? `${t('balance.available')}: ${available}` : undefined}
        rules={[{ required: true, message: t('redeem.pointsRequired') }]}
      >
        <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="redemption-points" />
      </Form.Item>
      <Form.Item name="description" label={t('redeem.description')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
