import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Store } from '../../api/types.ts';
import { submitSuggestion, type Suggestion, type SuggestionCategory, type SuggestionChannel } from '../../api/suggestions.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { useSession } from '../../session/session.tsx';
import { MemberSelect } from '../vip/member-select.tsx';

const CHANNELS: SuggestionChannel[] = ['store', 'phone', 'sms', 'email', 'portal', 'wechat', 'staff'];
interface Values { title: string; body: string; category_id: string; store_id?: string; channel: SuggestionChannel; member_id?: string }

/** Records a member's suggestion as it came in (or staff's own); store staff's store is their own. */
export function SubmitForm({ open, categories, stores, onClose, onDone }: { open: boolean; categories: SuggestionCategory[]; stores: Store[]; onClose(): void; onDone(s: Suggestion): void }) {
  const { t } = useTranslation();
  const { program, me } = useSession();
  const ownStore = me?.store_id ?? undefined;
  return (
    <FormModal<Values>
      open={open} title={t('suggestions.create')} testId="suggestion-form" onClose={onClose}
      initialValues={{ channel: 'store', store_id: ownStore }}
      onSubmit={async (v, key) => {
        const s = await submitSuggestion(program!.id, {
          title: v.title.trim(), body: v.body.trim(), category_id: v.category_id, channel: v.channel,
          ...(v.store_id ? { store_id: v.store_id } : {}), ...(v.channel !== 'staff' && v.member_id ? { member_id: v.member_id } : {}),
        }, key);
        onDone(s);
        return t('suggestions.form.created');
      }}
    >
      <Form.Item name="title" label={t('suggestions.form.title')} rules={[{ required: true, whitespace: true, message: t('suggestions.form.required') }]}>
        <Input maxLength={120} data-testid="suggestion-form-title" />
      </Form.Item>
      <Form.Item name="body" label={t('suggestions.form.body')} rules={[{ required: true, whitespace: true, message: t('suggestions.form.required') }]}>
        <Input.TextArea rows={4} maxLength={4000} data-testid="suggestion-form-body" />
      </Form.Item>
      <Form.Item name="category_id" label={t('suggestions.form.category')} rules={[{ required: true, message: t('suggestions.form.required') }]}>
        <Select data-testid="suggestion-form-category" options={categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="store_id" label={t('suggestions.form.store')}>
        <Select allowClear disabled={Boolean(ownStore)} placeholder={t('suggestions.noStore')} data-testid="suggestion-form-store" options={stores.map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="channel" label={t('suggestions.form.channel')} rules={[{ required: true }]}>
        <Select data-testid="suggestion-form-channel" options={CHANNELS.map((c) => ({ value: c, label: t(`suggestions.channels.${c}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.channel !== b.channel}>
        {({ getFieldValue }) => getFieldValue('channel') !== 'staff' && (
          <Form.Item name="member_id" label={t('suggestions.form.member')} extra={t('suggestions.form.memberHelp')} rules={[{ required: true, message: t('suggestions.form.required') }]}>
            <MemberSelect programId={program!.id} testId="suggestion-form-member" />
          </Form.Item>
        )}
      </Form.Item>
    </FormModal>
  );
}
