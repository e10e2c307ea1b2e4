import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { adjustPoints, type NewAdjustment } from '../../../api/endpoints.ts';
import type { ReasonCode } from '../../../api/types.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { useSession } from '../../../session/session.tsx';

const REASONS: ReasonCode[] = ['goodwill', 'correction', 'service_recovery', 'migration', 'other'];

interface Props {
  open: boolean;
  memberId: string;
  onClose(): void;
  onDone(): void;
}

export function AdjustmentForm({ open, memberId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;

  async function submit(v: NewAdjustment, key: string) {
    const r = await adjustPoints(program.id, memberId, { ...v, note: v.note.trim() }, key);
    onDone();
    return t('adjust.done', { balance: r.balance_after });
  }

  return (
    <FormModal<NewAdjustment>
      open={open}
      onClose={onClose}
      title={t('adjust.title')}
      testId="adjustment-form"
      onSubmit={submit}
      initialValues={{ direction: 'credit' }}
    >
      <Form.Item name="direction" label={t('adjust.direction')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[{ value: 'credit', label: t('adjust.credit') }, { value: 'debit', label: t('adjust.debit') }]}
        />
      </Form.Item>
      <Form.Item name="points" label={t('adjust.points')} rules={[{ required: true, message: t('adjust.pointsRequired') }]}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="adjustment-points" />
      </Form.Item>
      <Form.Item name="reason_code" label={t('adjust.reason')} rules={[{ required: true, message: t('adjust.reasonRequired') }]}>
        <Select options={REASONS.map((r) => ({ value: r, label: t(`adjust.reasons.${r}`) }))} data-testid="adjustment-reason" />
      </Form.Item>
      <Form.Item name="note" label={t('adjust.note')} rules={[{ required: true, whitespace: true, message: t('adjust.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="adjustment-note" />
      </Form.Item>
    </FormModal>
  );
}
