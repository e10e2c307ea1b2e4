import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { GiftOutlined, KeyOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { LangSwitch } from '../../layout/app-layout.tsx';
import { useSessionState } from '../../session/session.tsx';

interface PasswordValues { username: string; password: string; totp?: string }

/**
 * 登录: staff sign in with username and password (and the 6-digit code when their account
 * has two-step verification). Machines and operators with a key use the secondary form.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { session, signIn, signInPassword } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [withKey, setWithKey] = useState(false);
  const [askTotp, setAskTotp] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);

  const from = (location.state as { from?: string } | null)?.from ?? '/members';
  if (session) return <Navigate to={session.me.must_change_password ? '/password' : from} replace />;

  async function attempt(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      void navigate(from, { replace: true });
    } catch (err) {
      const p = err instanceof ApiError ? err.problem : null;
      if (p?.code === 'totp_required') setAskTotp(true);
      else setError({ title: p?.title ?? t('signIn.failed'), ...(p?.detail ? { detail: p.detail } : {}) });
    } finally {
      setBusy(false);
    }
  }

  const password = (v: PasswordValues) => attempt(() => signInPassword({ username: v.username.trim(), password: v.password, ...(v.totp ? { totp: v.totp.trim() } : {}) }));
  const key = (v: { key: string }) => attempt(() => signIn(v.key.trim()));

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #e6f4ff 0%, #f5f5f5 60%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LangSwitch />
      </div>
      <Card style={{ width: 400, boxShadow: '0 6px 24px rgba(0,0,0,0.08)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <GiftOutlined style={{ fontSize: 36, color: '#1677ff' }} />
          <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 4 }}>{t('app.title')}</Typography.Title>
          <Typography.Text type="secondary">{withKey ? t('signIn.subtitle') : t('signIn.subtitlePassword')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error.title} description={error.detail} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
        {withKey ? (
          <Form key="key" layout="vertical" onFinish={(v: { key: string }) => void key(v)} requiredMark={false}>
            <Form.Item name="key" label={t('signIn.apiKey')} rules={[{ required: true, whitespace: true, message: t('signIn.apiKeyRequired') }]}>
              <Input.Password prefix={<KeyOutlined />} placeholder={t('signIn.apiKeyPlaceholder')} autoFocus autoComplete="off" data-testid="api-key-input" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-button">{t('signIn.submit')}</Button>
          </Form>
        ) : (
          <Form key="password" layout="vertical" onFinish={(v: PasswordValues) => void password(v)} requiredMark={false}>
            <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="username-input" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password-input" />
            </Form.Item>
            {askTotp && (
              <Form.Item name="totp" label={t('signIn.totp')} extra={t('signIn.totpHint')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('signIn.totpRequired') }]}>
                <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoFocus autoComplete="one-time-code" data-testid="totp-input" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-button">{t('signIn.submit')}</Button>
          </Form>
        )}
        <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{withKey ? t('signIn.hint') : t('signIn.hintPassword')}</Typography.Text>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => { setWithKey(!withKey); setError(null); }} data-testid="sign-in-mode">
            {withKey ? t('signIn.usePassword') : t('signIn.useKey')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
