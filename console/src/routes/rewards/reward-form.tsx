import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { createReward, updateReward, uploadRewardImage, type Reward, type RewardKind } from '../../api/rewards.ts';
import type { Store, Tier } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { formatFen, yuanToFen } from '../../lib/money.ts';

const KINDS: RewardKind[] = ['goods', 'coupon', 'parking', 'service', 'partner'];
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

interface Values {
  kind: RewardKind; name: string; name_en?: string; description?: string; description_en?: string;
  points: number; cash?: string; stock?: number | null; per_member_limit?: number | null; period_limit?: number | null; limit_period?: 'day' | 'month' | 'year' | null;
  tier_ids?: string[]; store_ids?: string[]; dates?: [Dayjs | null, Dayjs | null] | null; parking_hours?: number | null; coupon_type_id?: string; active: boolean;
}

const base64 = (file: File) => new Promise<string>((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
  r.onerror = () => reject(r.error ?? new Error('read failed'));
  r.readAsDataURL(file);
});

/** Create or edit a catalogue item; an image chosen here is uploaded once the item is saved. */
export function RewardForm({ programId, reward, open, tiers, stores, onClose, onSaved }: {
  programId: string; reward: Reward | null; open: boolean; tiers: Tier[]; stores: Store[]; onClose(): void; onSaved(r: Reward): void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const init: Partial<Values> = reward ? {
    kind: reward.kind, name: reward.name, name_en: reward.name_en ?? undefined, description: reward.description ?? undefined, description_en: reward.description_en ?? undefined,
    points: reward.points, cash: reward.cash_fen ? formatFen(reward.cash_fen) : undefined, stock: reward.stock, per_member_limit: reward.per_member_limit,
    period_limit: reward.period_limit, limit_period: reward.limit_period, tier_ids: reward.tier_ids, store_ids: reward.store_ids,
    dates: [reward.valid_from ? dayjs(reward.valid_from) : null, reward.valid_to ? dayjs(reward.valid_to) : null], parking_hours: reward.parking_hours,
    coupon_type_id: reward.coupon_type_id ?? undefined, active: reward.active,
  } : { kind: 'goods', active: true };

  async function submit(v: Values, key: string) {
    const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
    const body = {
      name: v.name, name_en: v.name_en?.trim() || null, description: v.description?.trim() || null, description_en: v.description_en?.trim() || null,
      points: v.points, cash_fen: v.cash ? (yuanToFen(v.cash) ?? 0) : 0, stock: v.stock ?? null, per_member_limit: v.per_member_limit ?? null,
      period_limit: v.period_limit ?? null, limit_period: v.period_limit ? (v.limit_period ?? 'month') : null, tier_ids: v.tier_ids ?? [], store_ids: v.store_ids ?? [],
      valid_from: day(v.dates?.[0]), valid_to: day(v.dates?.[1]), parking_hours: v.kind === 'parking' ? (v.parking_hours ?? null) : null,
      coupon_type_id: v.kind === 'coupon' ? (v.coupon_type_id?.trim() || null) : null, active: v.active,
    };
    let saved = reward ? await updateReward(programId, reward.id, body) : await createReward(programId, { kind: v.kind, ...body }, key);
    if (file) saved = await uploadRewardImage(programId, saved.id, { content_type: file.type as (typeof IMAGE_TYPES)[number], data_base64: await base64(file) });
    setFile(null);
    onSaved(saved);
    return t('rewards.saved');
  }

  return (
    <FormModal<Values> open={open} onClose={() => { setFile(null); onClose(); }} title={reward ? t('rewards.edit') : t('rewards.create')} testId="reward-form"
      onSubmit={submit} initialValues={init} fieldMap={{ cash_fen: 'cash', valid_to: 'dates', valid_from: 'dates' }}>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kind" label={t('rewards.kind')} rules={[{ required: true }]}>
            <Select disabled={reward !== null} options={KINDS.map((k) => ({ value: k, label: t(`rewards.kinds.${k}`) }))} data-testid="reward-kind" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="active" label={t('rewards.active')} valuePropName="checked"><Switch /></Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="name" label={t('rewards.name')} rules={[{ required: true, message: t('rewards.required') }]}><Input maxLength={100} data-testid="reward-name" /></Form.Item></Col>
        <Col span={12}><Form.Item name="name_en" label={t('rewards.nameEn')}><Input maxLength={100} /></Form.Item></Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="description" label={t('rewards.description')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
        <Col span={12}><Form.Item name="description_en" label={t('rewards.descriptionEn')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}><Form.Item name="points" label={t('rewards.points')} rules={[{ required: true, message: t('rewards.required') }]}><InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="reward-points" /></Form.Item></Col>
        <Col span={8}><Form.Item name="cash" label={t('rewards.cash')}><Input inputMode="decimal" placeholder="0.00" /></Form.Item></Col>
        <Col span={8}><Form.Item name="stock" label={t('rewards.stock')} extra={t('rewards.stockHint')}><InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="reward-stock" /></Form.Item></Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}><Form.Item name="per_member_limit" label={t('rewards.perMemberLimit')}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Form.Item name="period_limit" label={t('rewards.periodLimit')}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}>
          <Form.Item name="limit_period" label={t('rewards.limitPeriod')}>
            <Select allowClear options={(['day', 'month', 'year'] as const).map((p) => ({ value: p, label: t(`rewards.periods.${p}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
        {({ getFieldValue }) => (getFieldValue('kind') === 'parking'
          ? <Form.Item name="parking_hours" label={t('rewards.parkingHours')} rules={[{ required: true, message: t('rewards.required') }]}><InputNumber min={1} max={720} precision={0} /></Form.Item>
          : getFieldValue('kind') === 'coupon'
            ? <Form.Item name="coupon_type_id" label={t('rewards.couponType')} rules={[{ required: true, message: t('rewards.required') }]}><Input maxLength={64} /></Form.Item>
            : null)}
      </Form.Item>
      <Form.Item name="dates" label={t('rewards.validity')}><DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="tier_ids" label={t('rewards.tiers')} extra={t('rewards.tiersHint')}>
        <Select mode="multiple" allowClear options={tiers.map((x) => ({ value: x.id, label: x.name }))} />
      </Form.Item>
      <Form.Item name="store_ids" label={t('rewards.stores')} extra={t('rewards.storesHint')}>
        <Select mode="multiple" allowClear options={stores.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
      </Form.Item>
      <Form.Item label={t('rewards.image')} extra={t('rewards.imageHint')}>
        <Upload accept={IMAGE_TYPES.join(',')} maxCount={1} beforeUpload={(f) => { setFile(f.size <= 1_048_576 ? f : null); return false; }}
          onRemove={() => setFile(null)} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
          <Button icon={<UploadOutlined />} data-testid="reward-image">{t('rewards.uploadImage')}</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}
