import { Col, Form, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createPolicy, updatePolicy, type SlaPolicy, type SlaPolicyCreate } from '../../api/sla.ts';
import { FormModal } from '../../lib/form-modal.tsx';

interface Values {
  subject_type: SlaPolicy['subject_type']; metric: SlaPolicy['metric']; tier_id: string | null; priority: SlaPolicy['priority'];
  unit: SlaPolicy['unit']; target: number; warn_percent: number; escalate: boolean; escalate_to: string | null;
}
const ANY = '';

/**
 * Adds a policy, or edits one (scope fixed: type, metric, tier and priority). A built-in one is
 * "overridden": a new any-tier, any-priority policy of its type and metric, prefilled with it.
 */
export function PolicyForm({ programId, editing, open, tiers, staff, onClose, onSaved }: {
  programId: string; editing: SlaPolicy | null; open: boolean; tiers: { id: string; name: string }[]; staff: { id: string; name: string }[];
  onClose(): void; onSaved(): void;
}) {
  const { t } = useTranslation();
  const stored = editing && !editing.builtin ? editing : null;
  const opt = (group: string, keys: readonly string[]) => keys.map((k) => ({ value: k, label: t(`sla.${group}.${k}`) }));
  return (
    <FormModal<Values>
      open={open} testId="sla-policy-form" title={stored ? t('sla.editTitle') : t('sla.addTitle')} onClose={onClose}
      initialValues={{
        subject_type: editing?.subject_type ?? 'complaint', metric: editing?.metric ?? 'first_response', tier_id: editing?.tier_id ?? ANY, priority: editing?.priority ?? (ANY as never),
        unit: editing?.unit ?? 'working_days', target: editing?.target ?? 3, warn_percent: editing?.warn_percent ?? 75, escalate: editing?.escalate ?? true, escalate_to: editing?.escalate_to ?? ANY,
      }}
      onSubmit={async (v, key) => {
        const escalateTo = v.escalate_to || null;
        if (stored) await updatePolicy(programId, stored.id, { unit: v.unit, target: v.target, warn_percent: v.warn_percent, escalate: v.escalate, escalate_to: escalateTo });
        else {
          const body: SlaPolicyCreate = { subject_type: v.subject_type, metric: v.metric, tier_id: v.tier_id || null, priority: v.priority || null, unit: v.unit, target: v.target, warn_percent: v.warn_percent, escalate: v.escalate, escalate_to: escalateTo };
          await createPolicy(programId, body, key);
        }
        onSaved();
        return stored ? t('sla.saved') : t('sla.created');
      }}
    >
      <Form.Item name="subject_type" label={t('sla.type')}><Select disabled={!!stored} options={opt('subjectTypes', ['service_request', 'complaint', 'suggestion'])} data-testid="policy-type" /></Form.Item>
      <Form.Item name="metric" label={t('sla.metric')}><Select disabled={!!stored} options={opt('metrics', ['first_response', 'next_response', 'resolution', 'outcome'])} data-testid="policy-metric" /></Form.Item>
      <Form.Item name="tier_id" label={t('sla.tier')}><Select disabled={!!stored} options={[{ value: ANY, label: t('sla.any') }, ...tiers.map((x) => ({ value: x.id, label: x.name }))]} /></Form.Item>
      <Form.Item name="priority" label={t('sla.priority')}><Select disabled={!!stored} options={[{ value: ANY, label: t('sla.any') }, ...opt('priorities', ['low', 'normal', 'high', 'urgent'])]} data-testid="policy-priority" /></Form.Item>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="target" label={t('sla.target')} rules={[{ required: true, message: t('sla.required') }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="policy-target" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="unit" label={t('sla.unit')}>
            <Select options={opt('units', ['calendar_hours', 'working_hours', 'working_days'])} data-testid="policy-unit" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('sla.unitHelp')}</Typography.Paragraph>
      <Form.Item name="warn_percent" label={t('sla.warn')}><InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 160 }} data-testid="policy-warn" /></Form.Item>
      <Form.Item name="escalate" label={t('sla.escalate')} valuePropName="checked"><Switch data-testid="policy-escalate" /></Form.Item>
      <Form.Item name="escalate_to" label={t('sla.escalateTo')}><Select options={[{ value: ANY, label: t('sla.escalateDefault') }, ...staff.map((s) => ({ value: s.id, label: s.name }))]} /></Form.Item>
    </FormModal>
  );
}
