import { Checkbox, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { revealMember, type RevealPurpose, type Revealed } from '../../../api/endpoints.ts';
import type { PersonalField } from '../../../lib/mask.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { useSession } from '../../../session/session.tsx';

const PURPOSES: RevealPurpose[] = ['service_callback', 'delivery', 'identity_check', 'legal_request', 'other'];

interface Values {
  fields: PersonalField[];
  purpose: RevealPurpose;
  note?: string;
}

interface Props {
  open: boolean;
  memberId: string;
  /** The fields the member has (a field left empty has nothing to reveal). */
  available: PersonalField[];
  onClose(): void;
  onRevealed(values: Revealed): void;
}

/**
 * Asks why before showing a member's personal data whole (seed 002 §6: used only for its
 * purpose); the API records the reveal — who, which fields, why — in the audit log.
 */
export function RevealModal({ open, memberId, available, onClose, onRevealed }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;

  async function submit(v: Values) {
    const body = { fields: v.fields, purpose: v.purpose, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
    onRevealed(await revealMember(program.id, memberId, body));
    return t('reveal.done');
  }

  return (
    <FormModal<Values>
      open={open}
      onClose={onClose}
      title={t('reveal.title')}
      testId="reveal-form"
      okText={t('reveal.submit')}
      onSubmit={submit}
      initialValues={{ fields: available }}
    >
      <Typography.Paragraph type="secondary">{t('reveal.intro')}</Typography.Paragraph>
      <Form.Item name="fields" label={t('reveal.fields')} rules={[{ required: true, message: t('reveal.fieldsRequired') }]}>
        <Checkbox.Group options={available.map((f) => ({ value: f, label: t(`reveal.fieldNames.${f}`) }))} data-testid="reveal-fields" />
      </Form.Item>
      <Form.Item name="purpose" label={t('reveal.purpose')} rules={[{ required: true, message: t('reveal.purposeRequired') }]}>
        <Select
          data-testid="reveal-purpose"
          placeholder={t('reveal.purposePlaceholder')}
          options={PURPOSES.map((p) => ({ value: p, label: t(`reveal.purposes.${p}`) }))}
        />
      </Form.Item>
      <NoteField />
    </FormModal>
  );
}

/** The note: required when the purpose is 'other' (the API refuses it without one too). */
function NoteField() {
  const { t } = useTranslation();
  const purpose = Form.useWatch<RevealPurpose | undefined>('purpose', Form.useFormInstance());
  return (
    <Form.Item
      name="note"
      label={t('reveal.note')}
      extra={purpose === 'other' ? t('reveal.noteHelp') : undefined}
      rules={[{ required: purpose === 'other', whitespace: true, message: t('reveal.noteRequired') }]}
    >
      <Input.TextArea maxLength={200} rows={2} data-testid="reveal-note" />
    </Form.Item>
  );
}
