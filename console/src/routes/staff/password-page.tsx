import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, errorText } from '../../api/client.ts';
import { changePassword, ownAccount, type Staff } from '../../api/staff.ts';
import { TotpCard } from './totp-card.tsx';
import { useSession } from '../../session/session.tsx';

interface Values { current: string; next: string; confirm: string }

/** 修改密码: a person's own; forced after an administrator reset it (nothing else answers until then). */
export function PasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [account, setAccount] = useState<Staff | null>(null);
  const loadAccount = useCallback(() => { if (me.staff_id) void ownAccount().then(setAccount, () => setAccount(null)); }, [me.staff_id]);
  useEffect(() => { if (!me.must_change_password) loadAccount(); }, [loadAccount, me.must_change_password]);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await changePassword(v.current, v.next);
      void message.success(t('password.changed'));
      await refresh();
      void navigate('/members', { replace: true });
    } catch (err) {
      const p = err instanceof ApiError ? err.problem : null;
      const field = p?.field === 'current_password' ? 'current' : p?.field === 'new_password' ? 'next' : null;
      if (field && p) form.setFields([{ name: field, errors: [p.detail ?? p.title] }]);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      {me.must_change_password && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} data-testid="password-forced" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v: Values) => void submit(v)} requiredMark={false}>
        <Form.Item name="current" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="next" label={t('password.next')} extra={t('password.rule')}
          rules={[{ required: true, message: t('password.required') }, { min: 10, message: t('password.rule') }, { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('password.rule') }]}>
          <Input.Password autoComplete="new-password" data-testid="password-next" />
        </Form.Item>
        <Form.Item name="confirm" label={t('password.confirm')} dependencies={['next']}
          rules={[{ required: true, message: t('password.required') }, ({ getFieldValue }) => ({ validator: (_r, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) })]}>
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">{t('password.submit')}</Button>
      </Form>
    </Card>
    {account && <TotpCard enabled={account.totp_enabled} onChange={loadAccount} />}
    </>
  );
}
