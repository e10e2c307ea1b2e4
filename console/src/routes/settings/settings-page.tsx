import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api/client.ts';
import { getProgram, updateProgram } from '../../api/endpoints.ts';
import type { Program } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { ApiKeysTab } from './api-keys-tab.tsx';
import { StoresTab } from './stores-tab.tsx';

interface Values { name: string; pending_days: number; expiry_notice_days: number }

/** 计划设置: the program's name and waiting periods (the earning settings are on the rules screen), its stores and API keys. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('settings.title')}>
      <Tabs
        data-testid="settings-tabs"
        items={[
          { key: 'program', label: t('settings.program'), children: <ProgramTab /> },
          { key: 'stores', label: t('settings.stores'), children: <StoresTab /> },
          { key: 'keys', label: t('settings.keys'), children: <ApiKeysTab /> },
        ]}
      />
    </Card>
  );
}

function ProgramTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { program } = useSession();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<Program | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (program) getProgram(program.id).then(setCurrent, (err: unknown) => setError(errorText(err)));
  }, [program]);

  async function save(v: Values) {
    setBusy(true);
    try {
      setCurrent(await updateProgram(current!.id, { name: v.name.trim(), pending_days: v.pending_days, expiry_notice_days: v.expiry_notice_days }));
      void message.success(t('staff.saved'));
    } catch (err) {
      const p = err instanceof ApiError ? err.problem : null;
      if (p?.field && ['name', 'pending_days', 'expiry_notice_days'].includes(p.field)) form.setFields([{ name: p.field as keyof Values, errors: [p.detail ?? p.title] }]);
      else void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!current) return null;
  return (
    <div style={{ maxWidth: 560 }}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[
        { key: 'id', label: 'ID', children: current.id },
        { key: 'tz', label: t('settings.timeZone'), children: current.time_zone },
        { key: 'cur', label: t('settings.currency'), children: current.currency },
      ]} />
      <Form form={form} layout="vertical" initialValues={current} onFinish={(v: Values) => void save(v)} requiredMark={false}>
        <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, whitespace: true, message: t('staff.required') }]}>
          <Input data-testid="settings-name" />
        </Form.Item>
        <Form.Item name="pending_days" label={t('settings.pendingDays')} extra={t('settings.pendingHint')} rules={[{ required: true, message: t('staff.required') }]}>
          <InputNumber min={0} max={365} precision={0} data-testid="settings-pending" />
        </Form.Item>
        <Form.Item name="expiry_notice_days" label={t('settings.noticeDays')} rules={[{ required: true, message: t('staff.required') }]}>
          <InputNumber min={0} max={365} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-save">{t('common.submit')}</Button>
      </Form>
    </div>
  );
}
