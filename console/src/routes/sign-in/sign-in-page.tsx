import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { KeyOutlined, GiftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { LangSwitch } from '../../layout/app-layout.tsx';
import { useSessionState } from '../../session/session.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const { session, signIn } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);

  const from = (location.state as { from?: string } | null)?.from ?? '/members';
  if (session) return <Navigate to={from} replace />;

  async function submit({ key }: { key: string }) {
    setBusy(true);
    setError(null);
    try {
      await signIn(key.trim());
      void navigate(from, { replace: true });
    } catch (err) {
      const p = err instanceof ApiError ? err.problem : null;
      setError({ title: p?.title ?? t('signIn.failed'), ...(p?.detail ? { detail: p.detail } : {}) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #e6f4ff 0%, #f5f5f5 60%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LangSwitch />
      </div>
      <Card style={{ width: 400, boxShadow: '0 6px 24px rgba(0,0,0,0.08)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <GiftOutlined style={{ fontSize: 36, color: '#1677ff' }} />
          <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 4 }}>{t('app.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('signIn.subtitle')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error.title} description={error.detail} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
        <Form layout="vertical" onFinish={(v: { key: string }) => void submit(v)} requiredMark={false}>
          <Form.Item name="key" label={t('signIn.apiKey')} rules={[{ required: true, whitespace: true, message: t('signIn.apiKeyRequired') }]}>
            <Input.Password prefix={<KeyOutlined />} placeholder={t('signIn.apiKeyPlaceholder')} autoFocus autoComplete="off" data-testid="api-key-input" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-button">
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('signIn.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
