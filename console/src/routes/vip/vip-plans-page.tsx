import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listTiers } from '../../api/endpoints.ts';
import type { Tier } from '../../api/types.ts';
import { createVipPlan, listVipPlans, updateVipPlan, type VipPlan } from '../../api/vip.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { yuanToFen } from '../../lib/money.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { planName, yuan } from './vip-format.tsx';

interface Values {
  kind: 'individual' | 'corporate'; name: string; name_en?: string; fee?: string; term_months: number; max_seats?: number;
  tier_id?: string | null; earn_multiplier_pct: number; account_manager: boolean; refund_policy: 'pro_rata' | 'none'; active?: boolean;
}

/** VIP 方案: the plans with their fee, term and benefits; create and edit. */
export function VipPlansPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { program } = useSession();
  const pid = program?.id ?? '';
  const [plans, setPlans] = useState<VipPlan[] | null>(null);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<VipPlan | 'new' | null>(null);

  const load = useCallback(async () => {
    if (!pid) return;
    try {
      const [p, tl] = await Promise.all([listVipPlans(pid), listTiers(pid)]);
      setPlans(p.items);
      setTiers(tl.items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid]);
  useEffect(() => { void load(); }, [load]);

  const tierName = (id: string | null) => (id ? tiers.find((x) => x.id === id)?.name ?? id : t('common.none'));
  const plan = editing === 'new' ? null : editing;
  const submit = async (v: Values) => {
    const fee = v.fee ? yuanToFen(v.fee) : null;
    const body = {
      name: v.name, name_en: v.name_en || null, annual_fee_fen: fee, term_months: v.term_months, tier_id: v.tier_id ?? null,
      earn_multiplier_pct: v.earn_multiplier_pct, account_manager: v.account_manager, refund_policy: v.refund_policy,
      ...(v.kind === 'corporate' ? { max_seats: v.max_seats ?? 10 } : {}),
    };
    if (plan) await updateVipPlan(pid, plan.id, { ...body, active: v.active ?? true });
    else await createVipPlan(pid, { ...body, kind: v.kind });
    await load();
    return t('vip.saved');
  };

  return (
    <Card title={t('vip.plansTitle')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="vip-plan-create">{t('vip.newPlan')}</Button>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<VipPlan>
        rowKey="id" pagination={false} loading={plans === null && !error} dataSource={plans ?? []} data-testid="vip-plan-table"
        locale={{ emptyText: <Empty description={t('vip.noPlans')} /> }}
        columns={[
          { title: t('vip.planName'), key: 'name', render: (_, p) => <Space>{planName(p, lang)}{!p.active && <Tag>{t('vip.inactive')}</Tag>}</Space> },
          { title: t('vip.kind'), key: 'kind', render: (_, p) => <Tag color={p.kind === 'corporate' ? 'purple' : 'blue'}>{t(`vip.kinds.${p.kind}`)}</Tag> },
          { title: t('vip.annualFee'), key: 'fee', align: 'right', render: (_, p) => (p.kind === 'corporate' && p.annual_fee_fen === null ? t('vip.negotiated') : yuan(p.annual_fee_fen)) },
          { title: t('vip.term'), key: 'term', render: (_, p) => t('vip.months', { n: p.term_months }) },
          { title: t('vip.seats'), dataIndex: 'max_seats' },
          { title: t('vip.tierFloor'), key: 'tier', render: (_, p) => tierName(p.tier_id) },
          { title: t('vip.multiplier'), key: 'mult', render: (_, p) => `${p.earn_multiplier_pct}%` },
          { title: t('vip.accountManager'), key: 'am', render: (_, p) => (p.account_manager ? t('common.yes') : t('common.no')) },
          { title: t('vip.refundPolicy'), key: 'refund', render: (_, p) => t(`vip.refundPolicies.${p.refund_policy}`) },
          { title: t('vip.activeCount'), dataIndex: 'memberships_active', align: 'right' },
          { title: '', key: 'edit', render: (_, p) => <Button size="small" onClick={() => setEditing(p)} data-testid="vip-plan-edit">{t('vip.edit')}</Button> },
        ]}
      />
      <FormModal<Values>
        open={editing !== null} title={plan ? t('vip.editPlan') : t('vip.newPlan')} testId="vip-plan-form" onClose={() => setEditing(null)} onSubmit={submit}
        fieldMap={{ annual_fee_fen: 'fee' }}
        initialValues={plan ? {
          kind: plan.kind, name: plan.name, name_en: plan.name_en ?? '', fee: plan.annual_fee_fen === null ? '' : String(plan.annual_fee_fen / 100), term_months: plan.term_months,
          max_seats: plan.max_seats, tier_id: plan.tier_id, earn_multiplier_pct: plan.earn_multiplier_pct, account_manager: plan.account_manager, refund_policy: plan.refund_policy, active: plan.active,
        } : { kind: 'individual', term_months: 12, earn_multiplier_pct: 100, account_manager: false, refund_policy: 'pro_rata', max_seats: 10 }}
      >
        <Form.Item name="kind" label={t('vip.kind')}>
          <Select disabled={plan !== null} options={(['individual', 'corporate'] as const).map((k) => ({ value: k, label: t(`vip.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('vip.planName')} rules={[{ required: true, message: t('vip.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="name_en" label={t('vip.planNameEn')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="fee" label={t('vip.annualFeeYuan')} extra={t('vip.feeHelp')}><Input inputMode="decimal" /></Form.Item>
        <Space size="large" wrap>
          <Form.Item name="term_months" label={t('vip.termMonths')}><InputNumber min={1} max={60} /></Form.Item>
          <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => getFieldValue('kind') === 'corporate' && (
            <Form.Item name="max_seats" label={t('vip.seats')}><InputNumber min={1} max={1000} /></Form.Item>
          )}</Form.Item>
          <Form.Item name="earn_multiplier_pct" label={t('vip.multiplierPct')}><InputNumber min={100} max={1000} step={10} /></Form.Item>
        </Space>
        <Form.Item name="tier_id" label={t('vip.tierFloor')}>
          <Select allowClear options={tiers.map((x) => ({ value: x.id, label: x.name }))} placeholder={t('common.none')} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="account_manager" label={t('vip.accountManager')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="refund_policy" label={t('vip.refundPolicy')}>
            <Select style={{ width: 200 }} options={(['pro_rata', 'none'] as const).map((k) => ({ value: k, label: t(`vip.refundPolicies.${k}`) }))} />
          </Form.Item>
          {plan && <Form.Item name="active" label={t('vip.offered')} valuePropName="checked"><Switch /></Form.Item>}
        </Space>
      </FormModal>
    </Card>
  );
}
