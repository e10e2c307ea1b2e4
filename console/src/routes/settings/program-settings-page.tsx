import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session.tsx';
import { errorText } from '../../api/client.ts';
import { getProgram, updateProgram } from '../../api/endpoints.ts';
import type { Program, ProgramUpdate } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { yuanToFen } from '../../lib/money.ts';
import { EarnSettingsCard } from '../rules/earn-settings-card.tsx';
import { yuanText } from '../rules/rule-text.ts';

// The zones a Chinese operator picks from; any IANA zone can be sent through the API.
const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles'];
type Policy = Program['expiry']['policy'];

interface Values {
  name: string; time_zone: string; points: number; per_yuan: string; pending_days: number;
  policy: Policy; months?: number; expiry_notice_days: number;
}

/** 计划设置: the program's name, zone, earn rate, pending days and expiry; the earn settings below as on the rules page. */
export function ProgramSettingsPage() {
  const programId = useSession().program!.id;
  const { t } = useTranslation();
  const [program, setProgram] = useState<Program | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    getProgram(programId).then(setProgram, (err: unknown) => setError(errorText(err)));
  }, [programId]);
  useEffect(load, [load]);

  async function submit(v: Values) {
    const body: ProgramUpdate = {
      name: v.name, time_zone: v.time_zone, pending_days: v.pending_days, expiry_notice_days: v.expiry_notice_days,
      earn_rate: { points: v.points, per_fen: yuanToFen(v.per_yuan) ?? 0 },
      expiry: v.policy === 'rolling_months' ? { policy: v.policy, months: v.months ?? 24 } : { policy: v.policy },
    };
    setProgram(await updateProgram(programId, body));
    return t('settings.saved');
  }

  const p = program;
  const expiryText = (e: Program['expiry']) => (e.policy === 'rolling_months' ? t('settings.expiry.rolling', { n: e.months }) : t(`settings.expiry.${e.policy}`));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      <Card
        title={<Space><SettingOutlined />{t('settings.title')}</Space>} loading={!p && !error} data-testid="program-settings"
        extra={<Button type="primary" disabled={!p} onClick={() => setOpen(true)} data-testid="program-settings-edit">{t('settings.edit')}</Button>}
      >
        {p && (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={[
            { key: 'name', label: t('settings.name'), children: <span data-testid="program-settings-name">{p.name}</span> },
            { key: 'id', label: t('settings.id'), children: <code>{p.id}</code> },
            { key: 'zone', label: t('settings.timeZone'), children: p.time_zone },
            { key: 'currency', label: t('settings.currency'), children: p.currency },
            { key: 'rate', label: t('rules.settings.rate'), children: t('rules.settings.rateText', { points: p.earn_rate.points, yuan: yuanText(p.earn_rate.per_fen) }) },
            { key: 'pending', label: t('settings.pendingDays'), children: t('settings.days', { n: p.pending_days }) },
            { key: 'expiry', label: t('settings.expiryPolicy'), children: expiryText(p.expiry) },
            { key: 'notice', label: t('settings.noticeDays'), children: t('settings.days', { n: p.expiry_notice_days }) },
          ]} />
        )}
      </Card>
      <EarnSettingsCard />
      {p && (
        <FormModal<Values>
          open={open} onClose={() => setOpen(false)} title={t('settings.editTitle')} testId="program-settings-form" onSubmit={submit}
          fieldMap={{ per_fen: 'per_yuan', months: 'months', policy: 'policy' }}
          initialValues={{
            name: p.name, time_zone: p.time_zone, points: p.earn_rate.points, per_yuan: yuanText(p.earn_rate.per_fen), pending_days: p.pending_days,
            policy: p.expiry.policy, months: p.expiry.policy === 'rolling_months' ? p.expiry.months : 24, expiry_notice_days: p.expiry_notice_days,
          }}
        >
          <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, whitespace: true, message: t('settings.required') }]}>
            <Input maxLength={100} data-testid="program-settings-name-input" />
          </Form.Item>
          <Form.Item name="time_zone" label={t('settings.timeZone')} extra={t('settings.timeZoneHelp')}>
            <Select showSearch options={[...new Set([p.time_zone, ...ZONES])].map((z) => ({ value: z, label: z }))} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="points" label={t('settings.ratePoints')}><InputNumber min={0} max={1000} precision={0} /></Form.Item>
            <Form.Item name="per_yuan" label={t('settings.ratePerYuan')} rules={[{ validator: (_, v: string) => ((yuanToFen(v ?? '') ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('settings.amountInvalid')))) }]}>
              <Input prefix="¥" inputMode="decimal" style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="pending_days" label={t('settings.pendingDays')}><InputNumber min={0} max={365} precision={0} /></Form.Item>
          </Space>
          <Space size="large" wrap>
            <Form.Item name="policy" label={t('settings.expiryPolicy')}>
              <Select style={{ width: 220 }} options={(['rolling_months', 'year_end_following', 'never'] as const).map((v) => ({ value: v, label: t(`settings.policies.${v}`) }))} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => getFieldValue('policy') === 'rolling_months' && (
              <Form.Item name="months" label={t('settings.months')}><InputNumber min={1} max={120} precision={0} /></Form.Item>
            )}</Form.Item>
            <Form.Item name="expiry_notice_days" label={t('settings.noticeDays')}><InputNumber min={0} max={365} precision={0} /></Form.Item>
          </Space>
        </FormModal>
      )}
    </Space>
  );
}
