import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { refuseRightsRequest, type RefusalReason, type RightsRequest } from '../../api/rights.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { useSession } from '../../session/session.tsx';

const REASONS: RefusalReason[] = ['identity_not_verified', 'legal_retention', 'manifestly_unfounded', 'excessive', 'other'];

/** A refusal names one reason of the fixed list and explains it in words the member is told. */
export function RefuseForm({ request, onClose, onDone }: { request: RightsRequest | null; onClose(): void; onDone(r: RightsRequest): void }) {
  const { t } = useTranslation();
  const program = useSession().program!;
  return (
    <FormModal<{ reason: RefusalReason; text: string }>
      open={request !== null}
      title={t('rights.refuseTitle')}
      testId="rights-refuse-form"
      danger
      okText={t('rights.refuse')}
      onClose={onClose}
      onSubmit={async (v, key) => {
        const r = await refuseRightsRequest(program.id, request!.id, { reason: v.reason, text: v.text.trim() }, key);
        onDone(r);
        return t('rights.refused');
      }}
    >
      <Form.Item name="reason" label={t('rights.reason')} rules={[{ required: true, message: t('rights.reasonRequired') }]}>
        <Select data-testid="rights-refuse-reason" options={REASONS.map((r) => ({ value: r, label: t(`rights.reasons.${r}`) }))} />
      </Form.Item>
      <Form.Item name="text" label={t('rights.text')} rules={[{ required: true, whitespace: true, message: t('rights.textRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="rights-refuse-text" />
      </Form.Item>
    </FormModal>
  );
}
