import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { releaseReferral, type Referral } from '../../api/referrals.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { useSession } from '../../session/session.tsx';

interface Props { referral: Referral | null; onClose(): void; onDone(r: Referral): void }

/** Staff release a blocked referral with a reason; it is then paid when the friend's first purchase qualifies. */
export function ReleaseForm({ referral, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;
  return (
    <FormModal<{ reason: string }>
      open={referral !== null}
      title={t('referrals.releaseTitle')}
      testId="release-form"
      onClose={onClose}
      onSubmit={async (v, key) => {
        const r = await releaseReferral(program.id, referral!.id, v.reason.trim(), key);
        onDone(r);
        return t('referrals.releasedDone');
      }}
    >
      {referral?.block_reason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t(`referrals.blockReasons.${referral.block_reason}`)} />}
      <Form.Item name="reason" label={t('referrals.releaseReason')} rules={[{ required: true, whitespace: true, message: t('referrals.releaseReasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="release-reason" />
      </Form.Item>
    </FormModal>
  );
}
