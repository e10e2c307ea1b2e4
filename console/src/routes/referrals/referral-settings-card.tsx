import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api/client.ts';
import { getReferralSettings, saveReferralSettings, type ReferralSettings } from '../../api/referrals.ts';
import { formatFen, yuanToFen } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';

interface Values { share_base_url?: string; monthly_cap?: number | null; burst_count: number; burst_minutes: number; min_purchase: string }

/** The program's referral settings: the share link's base, the monthly cap, the burst limit, the minimum first purchase. */
export function ReferralSettingsCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const program = useSession().program!;
  const [form] = Form.useForm<Values>();
  const [settings, setSettings] = useState<ReferralSettings | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getReferralSettings(program.id).then(setSettings, (err: unknown) => void message.error(errorText(err)));
  }, [program.id, message]);
  useEffect(() => {
    if (settings) {
      form.setFieldsValue({
        share_base_url: settings.share_base_url ?? '', monthly_cap: settings.monthly_cap, burst_count: settings.burst_count,
        burst_minutes: settings.burst_minutes, min_purchase: formatFen(settings.min_purchase_fen),
      });
    }
  }, [settings, form]);

  async function save(v: Values) {
    setBusy(true);
    try {
      const saved = await saveReferralSettings(program.id, {
        share_base_url: v.share_base_url?.trim() ? v.share_base_url.trim() : null, monthly_cap: v.monthly_cap ?? null,
        burst_count: v.burst_count, burst_minutes: v.burst_minutes, min_purchase_fen: yuanToFen(v.min_purchase) ?? 0,
      });
      setSettings(saved);
      void message.success(t('referrals.settings.saved'));
    } catch (err) {
      const field = err instanceof ApiError ? err.problem.field : undefined;
      const name = field === 'min_purchase_fen' ? 'min_purchase' : field;
      if (name && ['share_base_url', 'monthly_cap', 'burst_count', 'burst_minutes', 'min_purchase'].includes(name)) form.setFields([{ name: name as keyof Values, errors: [errorText(err)] }]);
      else void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<Space><SettingOutlined />{t('referrals.settings.title')}</Space>} loading={!settings} data-testid="referral-settings">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="share_base_url" label={t('referrals.settings.shareBase')} extra={t('referrals.settings.shareBaseHelp')}>
          <Input placeholder="https://m.example.cn/join?ref=" maxLength={300} data-testid="settings-share-base" />
        </Form.Item>
        <Space size={16} wrap align="start">
          <Form.Item name="monthly_cap" label={t('referrals.settings.monthlyCap')} extra={t('referrals.settings.monthlyCapHelp')}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: 160 }} placeholder={t('referrals.settings.noCap')} data-testid="settings-cap" />
          </Form.Item>
          <Form.Item label={t('referrals.settings.burst')} extra={t('referrals.settings.burstHelp')}>
            <Space>
              <Form.Item name="burst_count" noStyle rules={[{ required: true }]}><InputNumber min={1} max={10_000} precision={0} style={{ width: 90 }} /></Form.Item>
              <Typography.Text>{t('referrals.settings.within')}</Typography.Text>
              <Form.Item name="burst_minutes" noStyle rules={[{ required: true }]}><InputNumber min={1} max={1440} precision={0} style={{ width: 90 }} /></Form.Item>
              <Typography.Text>{t('referrals.settings.minutes')}</Typography.Text>
            </Space>
          </Form.Item>
          <Form.Item name="min_purchase" label={t('referrals.settings.minPurchase')} extra={t('referrals.settings.minPurchaseHelp')}
            rules={[{ validator: async (_, v: string) => { if (!yuanToFen(String(v ?? '')) ) throw new Error(t('referrals.settings.minPurchaseInvalid')); } }]}>
            <Input style={{ width: 160 }} suffix={t('common.yuan')} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-save">{t('referrals.settings.save')}</Button>
      </Form>
    </Card>
  );
}
