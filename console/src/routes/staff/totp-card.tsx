import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { confirmTotp, disableTotp, startTotp } from '../../api/staff.ts';

/**
 * 两步验证: a person turns on a TOTP code (RFC 6238) for their own sign-in: the secret for an
 * authenticator app, confirmed with a first code; turned off with the password.
 */
export function TotpCard({ enabled, onChange }: { enabled: boolean; onChange(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    try {
      await work();
      if (done) void message.success(done);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Card title={t('totp.title')} style={{ maxWidth: 480, marginTop: 16 }} data-testid="totp-card">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {enabled ? (
        <Form layout="inline" onFinish={(v: { password: string }) => void run(async () => { await disableTotp(v.password); onChange(); }, t('totp.off'))}>
          <Typography.Paragraph style={{ width: '100%' }}>{t('totp.isOn')}</Typography.Paragraph>
          <Form.Item name="password" rules={[{ required: true, message: t('password.required') }]}><Input.Password placeholder={t('password.current')} /></Form.Item>
          <Button danger htmlType="submit">{t('totp.disable')}</Button>
        </Form>
      ) : enrolment ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('totp.scan')}</Typography.Text>
          <Typography.Text copyable code data-testid="totp-secret">{enrolment.secret}</Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: enrolment.otpauth_uri }} style={{ fontSize: 12, wordBreak: 'break-all' }}>{enrolment.otpauth_uri}</Typography.Text>
          <Form layout="inline" onFinish={(v: { totp: string }) => void run(async () => { await confirmTotp(v.totp.trim()); setEnrolment(null); onChange(); }, t('totp.on'))}>
            <Form.Item name="totp" rules={[{ required: true, pattern: /^\d{6}$/, message: t('signIn.totpRequired') }]}><Input maxLength={6} inputMode="numeric" placeholder="123456" data-testid="totp-confirm-input" /></Form.Item>
            <Button type="primary" htmlType="submit" data-testid="totp-confirm">{t('totp.confirm')}</Button>
          </Form>
        </Space>
      ) : (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('totp.why')}</Typography.Text>
          <Button onClick={() => void run(async () => setEnrolment(await startTotp()))} data-testid="totp-start">{t('totp.start')}</Button>
        </Space>
      )}
    </Card>
  );
}
