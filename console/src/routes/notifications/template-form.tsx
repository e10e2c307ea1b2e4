import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Switch, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { createTemplate, previewTemplate, updateTemplate, type NotificationTemplate, type TemplateCreate } from '../../api/notifications.ts';
import { FormModal } from '../../lib/form-modal.tsx';

type Values = Omit<TemplateCreate, 'subject' | 'active'> & { subject?: string; active?: boolean };

/** A template's editor: the event, channel and language (fixed once made), the wording with {{variables}}, and a preview with sample values. */
export function TemplateForm({ programId, open, editing, events, onClose, onSaved }: {
  programId: string; open: boolean; editing: NotificationTemplate | null; events: { key: string; variables: string[] }[]; onClose(): void; onSaved(): void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<Values>
      open={open} title={editing ? t('notifications.edit') : t('notifications.add')} testId="template-form" okText={t('notifications.save')}
      onClose={onClose}
      initialValues={(editing ?? { lang: 'zh', kind: 'service', channel: 'sms', active: true }) as Partial<Values>}
      onSubmit={async (v) => {
        if (editing) await updateTemplate(programId, editing.id, { kind: v.kind, subject: v.subject ?? '', body: v.body, active: v.active ?? true, ...(editing.channel === 'wechat' ? { wechat_template_id: v.wechat_template_id ?? null } : {}) });
        else await createTemplate(programId, { ...v, subject: v.subject ?? '', active: v.active ?? true });
        onSaved();
        return t('notifications.saved');
      }}
    >
      <TemplateFields programId={programId} editing={editing} events={events} />
    </FormModal>
  );
}

/** The fields, inside the modal's form (they read it through its context), and the preview. */
function TemplateFields({ programId, editing, events }: { programId: string; editing: NotificationTemplate | null; events: { key: string; variables: string[] }[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const key = (Form.useWatch('key', form) as string | undefined) ?? editing?.key;
  const channel = (Form.useWatch('channel', form) as string | undefined) ?? editing?.channel;
  const [preview, setPreview] = useState<{ subject: string; body: string } | string | null>(null);
  const variables = events.find((e) => e.key === key)?.variables ?? [];
  const show = async () => {
    const v = form.getFieldsValue();
    try {
      setPreview(await previewTemplate(programId, { key: key ?? '', subject: v.subject ?? '', body: v.body ?? '' }));
    } catch (err) {
      setPreview(errorText(err));
    }
  };
  return (
    <>
        <Form.Item name="key" label={t('notifications.event')} rules={[{ required: true, message: t('notifications.required') }]}>
          <Select disabled={!!editing} data-testid="template-key" options={events.map((e) => ({ value: e.key, label: t(`notifications.events.${e.key}`) }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('notifications.channel')} rules={[{ required: true }]}>
          <Select disabled={!!editing} options={(['sms', 'email', 'wechat', 'portal'] as const).map((c) => ({ value: c, label: t(`notifications.channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="lang" label={t('notifications.lang')} rules={[{ required: true }]}>
          <Select disabled={!!editing} options={(['zh', 'en'] as const).map((l) => ({ value: l, label: t(`notifications.langs.${l}`) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('notifications.kind')} rules={[{ required: true }]}>
          <Select options={(['service', 'marketing'] as const).map((k) => ({ value: k, label: t(`notifications.kinds.${k}`) }))} />
        </Form.Item>
        {channel === 'wechat' && (
          <Form.Item name="wechat_template_id" label={t('notifications.wechatTemplateId')} rules={[{ required: true, message: t('notifications.required') }]}><Input maxLength={100} /></Form.Item>
        )}
        {channel !== 'sms' && <Form.Item name="subject" label={t('notifications.subject')}><Input maxLength={200} data-testid="template-subject" /></Form.Item>}
        <Form.Item name="body" label={t('notifications.body')} rules={[{ required: true, message: t('notifications.required') }]} extra={variables.length ? `${t('notifications.variables')}：${variables.map((x) => `{{${x}}}`).join(' ')}` : undefined}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="template-body" />
        </Form.Item>
        <Form.Item name="active" label={t('notifications.active')} valuePropName="checked"><Switch /></Form.Item>
        <Button icon={<EyeOutlined />} onClick={() => void show()} data-testid="template-preview">{t('notifications.preview')}</Button>
        {preview !== null && (typeof preview === 'string'
          ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={preview} />
          : (
            <div data-testid="template-preview-result" style={{ marginTop: 12, padding: 12, border: '1px solid #d9d9d9', borderRadius: 8, background: '#fafafa' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('notifications.previewHint')}</Typography.Text>
              {preview.subject && <div><Typography.Text strong>{preview.subject}</Typography.Text></div>}
              <div style={{ whiteSpace: 'pre-wrap' }}>{preview.body}</div>
            </div>
          ))}
    </>
  );
}
