import { Alert, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordConsent, type ConsentState } from '../../../api/privacy.ts';
import { FormModal } from '../../../lib/form-modal.tsx';

const KINDS = ['resident_id', 'precise_location', 'financial_account'] as const;
type Kind = (typeof KINDS)[number];
interface Values { note?: string; scope?: Kind[] }

/** Asks before a consent is given or withdrawn (it goes into the history for good), with a note and, for sensitive information, its scope. */
export function ConsentForm({ programId, memberId, change, onClose, onDone }: {
  programId: string; memberId: string; change: { state: ConsentState; granted: boolean } | null; onClose(): void; onDone(): void;
}) {
  const { t } = useTranslation();
  const purpose = change?.state.purpose ?? 'marketing';
  const name = t(`privacy.member.purposes.${purpose}`);
  const sensitive = purpose === 'sensitive';
  // withdrawing sensitive consent offers the kinds consented to now; giving it, every kind
  const kinds = sensitive && change && !change.granted ? change.state.scope : KINDS;
  return (
    <FormModal<Values>
      open={change !== null}
      title={change?.granted ? t('privacy.member.grantConfirm', { purpose: name }) : t('privacy.member.withdrawConfirm', { purpose: name })}
      testId="consent-form"
      danger={!change?.granted}
      okText={change?.granted ? t('privacy.member.grant') : t('privacy.member.withdraw')}
      onClose={onClose}
      initialValues={sensitive ? { scope: change?.granted ? ['resident_id'] : [...(change?.state.scope ?? [])] } : {}}
      onSubmit={async (v, key) => {
        await recordConsent(programId, memberId, {
          purpose, granted: change!.granted, channel: 'console', ...(v.note?.trim() ? { note: v.note.trim() } : {}), ...(sensitive && v.scope?.length ? { scope: v.scope } : {}),
        }, key);
        onDone();
        return t('privacy.member.recorded');
      }}
    >
      <Alert type={change?.granted ? 'info' : 'warning'} showIcon style={{ marginBottom: 16 }}
        title={t('privacy.member.confirmHint')} description={change?.granted ? undefined : purpose === 'marketing' ? t('privacy.member.withdrawMarketingHint') : sensitive ? t('privacy.member.withdrawSensitiveHint') : undefined} />
      {sensitive && (
        <Form.Item name="scope" label={t('privacy.member.scope')} rules={[{ required: true }]}>
          <Checkbox.Group options={kinds.map((k) => ({ value: k, label: t(`privacy.member.sensitiveKinds.${k}`) }))} data-testid="consent-scope" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('privacy.member.note')}><Input.TextArea rows={2} maxLength={500} data-testid="consent-note" /></Form.Item>
    </FormModal>
  );
}
