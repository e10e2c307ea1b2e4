import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api/client.ts';
import { createCampaign, updateCampaign } from '../../api/endpoints.ts';
import type { Campaign, CampaignCreate } from '../../api/types.ts';
import { useIdempotencyKey } from '../../lib/idempotency.ts';
import { CampaignCouponField } from '../coupons/campaign-coupon-field.tsx';

interface Values {
  name: string; name_en?: string; description?: string; kind: 'rules' | 'award'; dates: [Dayjs, Dayjs];
  award_points?: number | null; coupon_type_id?: string | null; budget_points?: number | null; per_member_limit?: number | null; holdout_pct?: number;
}

/** Create or edit a campaign. Dates are edited as local days: the start of the first and the end of the last. */
export function CampaignForm({ programId, campaign, open, onClose, onSaved }: {
  programId: string; campaign: Campaign | null; open: boolean; onClose: () => void; onSaved: (c: Campaign) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useIdempotencyKey(open);
  const kind = Form.useWatch('kind', form);
  const locked = campaign !== null && campaign.status !== 'draft';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (campaign) {
      form.setFieldsValue({
        name: campaign.name, name_en: campaign.name_en ?? undefined, description: campaign.description ?? undefined, kind: campaign.kind,
        dates: [dayjs(campaign.starts_at), dayjs(campaign.ends_at).subtract(1, 'ms')], award_points: campaign.award_points, coupon_type_id: campaign.coupon_type_id,
        budget_points: campaign.budget_points, per_member_limit: campaign.per_member_limit, holdout_pct: campaign.holdout_pct,
      });
    } else {
      form.setFieldsValue({ kind: 'rules', holdout_pct: 0, dates: [dayjs().add(1, 'day'), dayjs().add(7, 'day')] });
    }
  }, [open, campaign, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    const starts_at = v.dates[0].startOf('day').toISOString();
    const ends_at = v.dates[1].endOf('day').add(1, 'ms').toISOString();
    const common = {
      name: v.name, name_en: v.name_en || null, description: v.description || null, ends_at,
      budget_points: v.budget_points ?? null, per_member_limit: v.per_member_limit ?? null,
    };
    try {
      const saved = campaign
        ? await updateCampaign(programId, campaign.id, locked ? common : { ...common, starts_at, award_points: v.award_points ?? null, ...(v.kind === 'award' ? { coupon_type_id: v.coupon_type_id ?? null } : {}), holdout_pct: v.holdout_pct ?? 0 })
        : await createCampaign(programId, { ...common, starts_at, kind: v.kind, award_points: v.kind === 'award' ? v.award_points ?? null : null, coupon_type_id: v.kind === 'award' ? v.coupon_type_id ?? null : null, holdout_pct: v.holdout_pct ?? 0 } as CampaignCreate, key);
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.problem.field) {
        const field = err.problem.field === 'starts_at' || err.problem.field === 'ends_at' ? 'dates' : err.problem.field;
        form.setFields([{ name: field as keyof Values, errors: [err.problem.detail ?? err.problem.title] }]);
      }
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={campaign ? t('campaigns.edit') : t('campaigns.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden width={560}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="campaign-form-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="campaign-form">
        <Form.Item name="name" label={t('campaigns.name')} rules={[{ required: true, message: t('campaigns.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="name_en" label={t('campaigns.nameEn')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="description" label={t('campaigns.description')}><Input.TextArea maxLength={1000} rows={2} /></Form.Item>
        <Form.Item name="kind" label={t('campaigns.kind')}>
          <Select disabled={campaign !== null} options={(['rules', 'award'] as const).map((k) => ({ value: k, label: t(`campaigns.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('campaigns.dates')} rules={[{ required: true, message: t('campaigns.required') }]}>
          <DatePicker.RangePicker disabled={[locked, false]} style={{ width: '100%' }} />
        </Form.Item>
        {kind === 'award' && (
          <Form.Item name="award_points" label={t('campaigns.awardPoints')} rules={[{ required: true, message: t('campaigns.required') }]}>
            <InputNumber min={1} precision={0} disabled={locked} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'award' && <CampaignCouponField programId={programId} disabled={locked} />}
        <Form.Item name="budget_points" label={t('campaigns.budget')}><InputNumber min={0} precision={0} placeholder={t('campaigns.noBudget')} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="per_member_limit" label={t('campaigns.perMemberLimit')}><InputNumber min={1} precision={0} placeholder={t('campaigns.noBudget')} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="holdout_pct" label={t('campaigns.holdout')} extra={t('campaigns.holdoutHelp')}>
          <InputNumber min={0} max={50} precision={0} disabled={locked} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
