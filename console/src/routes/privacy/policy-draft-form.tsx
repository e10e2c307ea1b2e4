import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { createPolicyDraft, updatePolicyDraft, type Policy, type PolicyKind } from '../../api/privacy.ts';
import { FormModal } from '../../lib/form-modal.tsx';

interface Values { title: string; title_en?: string; body: string; body_en?: string; summary?: string }
const orNull = (v: string | undefined) => (v && v.trim() ? v : null);

/** The draft editor: a new draft of a kind, or an existing draft (a published version is never edited). */
export function PolicyDraftForm({ programId, kind, draft, open, onClose, onDone }: {
  programId: string; kind: PolicyKind; draft: Policy | null; open: boolean; onClose(): void; onDone(): void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<Values>
      open={open}
      title={`${draft ? t('privacy.editDraft') : t('privacy.newDraft')} · ${t(`privacy.kinds.${kind}`)}`}
      testId="policy-draft"
      onClose={onClose}
      initialValues={draft ? { title: draft.title, title_en: draft.title_en ?? '', body: draft.body, body_en: draft.body_en ?? '', summary: draft.summary ?? '' } : undefined}
      onSubmit={async (v) => {
        const body = { title: v.title, title_en: orNull(v.title_en), body: v.body, body_en: orNull(v.body_en), summary: orNull(v.summary) };
        if (draft) await updatePolicyDraft(programId, draft.id, body);
        else await createPolicyDraft(programId, { kind, ...body });
        onDone();
        return t('privacy.saved');
      }}
    >
      <Form.Item name="title" label={t('privacy.fields.titleZh')} rules={[{ required: true }]}><Input maxLength={100} data-testid="policy-title" /></Form.Item>
      <Form.Item name="title_en" label={t('privacy.fields.titleEn')}><Input maxLength={200} /></Form.Item>
      <Form.Item name="summary" label={t('privacy.fields.summary')}><Input.TextArea rows={2} maxLength={1000} data-testid="policy-summary" /></Form.Item>
      <Form.Item name="body" label={t('privacy.fields.bodyZh')} rules={[{ required: true }]}><Input.TextArea rows={8} data-testid="policy-body" /></Form.Item>
      <Form.Item name="body_en" label={t('privacy.fields.bodyEn')}><Input.TextArea rows={4} /></Form.Item>
    </FormModal>
  );
}
