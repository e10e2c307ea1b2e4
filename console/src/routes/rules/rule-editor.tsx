import { useCallback, useEffect, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Col, DatePicker, Divider, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Spin, Switch, Table,
  Tag, TimePicker, Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { createRule, getRule, updateRule } from '../../api/endpoints.ts';
import type { Problem, Rule, RuleVersionInfo, Store, Tier } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { yuanToFen } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';
import { DryRunPanel } from './dry-run-panel.tsx';
import { NEW_RULE, formFieldOf, placeProblem, toFormValues, toRuleInput, type RuleFormValues } from './rule-form.ts';
import { RuleStatusTag } from './rule-status-tag.tsx';
import { CAPS } from './rule-text.ts';

interface Props {
  /** null: closed; `{ id: null }`: a new rule. */
  target: { id: string | null } | null;
  stores: Store[];
  tiers: Tier[];
  segments: { id: string; name: string }[];
  campaigns: { id: string; name: string }[];
  onClose(): void;
  onSaved(rule: Rule): void;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const yuanRule = (message: string, required: boolean) => ({
  validator: (_: unknown, v: string | undefined) => {
    if (!v?.trim()) return required ? Promise.reject(new Error(message)) : Promise.resolve();
    const fen = yuanToFen(v);
    return fen !== null && (fen > 0 || !required) ? Promise.resolve() : Promise.reject(new Error(message));
  },
});

export function RuleEditor({ target, stores, tiers, segments, campaigns, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const program = useSession().program!;
  const [form] = Form.useForm<RuleFormValues>();
  const [rule, setRule] = useState<Rule | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail: string | null } | null>(null);
  const kind = Form.useWatch(['effect', 'kind'], form);
  const factor = Form.useWatch(['effect', 'factor'], form);
  const name = Form.useWatch('name', form);
  const id = target?.id ?? null;
  const readOnly = rule?.status === 'archived';

  useEffect(() => {
    setProblem(null);
    setRule(null);
    if (!target) return;
    form.resetFields();
    if (target.id === null) {
      form.setFieldsValue(NEW_RULE);
      return;
    }
    setLoading(true);
    getRule(program.id, target.id).then(
      (r) => {
        setRule(r);
        form.setFieldsValue(toFormValues(r));
      },
      (err: unknown) => setProblem({ title: err instanceof ApiError ? err.problem.title : String(err), detail: err instanceof ApiError ? (err.problem.detail ?? null) : null }),
    ).finally(() => setLoading(false));
  }, [target, program.id, form]);

  /** The definition being edited, if the form is valid (the dry run tries it unsaved). */
  const draft = useCallback(async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) {
      void message.warning(t('rules.editor.invalid'));
      return null;
    }
    return toRuleInput(values);
  }, [form, rule, message, t]);

  const showProblem = useCallback((p: Problem, prefix = '') => {
    const rest = placeProblem(form, p, (f) => formFieldOf(f, prefix));
    setProblem({ title: p.title, detail: rest === p.title ? null : rest });
  }, [form]);

  async function save() {
    const input = await draft();
    if (!input) return;
    setSaving(true);
    setProblem(null);
    try {
      const saved = id ? await updateRule(program.id, id, input) : await createRule(program.id, input);
      void message.success(id ? t('rules.saved', { name: saved.name, version: saved.version }) : t('rules.created', { name: saved.name }));
      onSaved(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError) showProblem(err.problem);
      else setProblem({ title: t('errors.generic'), detail: String(err) });
    } finally {
      setSaving(false);
    }
  }

  const title = !id ? t('rules.editor.createTitle') : readOnly ? t('rules.editor.viewTitle', { name: rule?.name ?? '' }) : t('rules.editor.editTitle', { name: rule?.name ?? '' });
  const pct = Math.round((factor ?? 0) * 100);

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={<Space>{title}{rule && <RuleStatusTag status={rule.status} />}{rule && <Tag>v{rule.version}</Tag>}</Space>}
      size={1280}
      destroyOnHidden
      data-testid="rule-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {!readOnly && <Button type="primary" loading={saving} onClick={() => void save()} data-testid="rule-save">{t('rules.editor.save')}</Button>}
        </Space>
      }
    >
      <Spin spinning={loading}>
        <Row gutter={24}>
          <Col xs={24} xl={13}>
            {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem.title} description={problem.detail} data-testid="rule-editor-error" />}
            <Form<RuleFormValues> form={form} layout="vertical" disabled={readOnly} initialValues={NEW_RULE}>
              <Divider titlePlacement="start" style={{ marginTop: 0 }}>{t('rules.editor.basics')}</Divider>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="name" label={t('rules.name')} rules={[{ required: true, whitespace: true, message: t('rules.editor.nameRequired') }]}>
                    <Input maxLength={100} data-testid="rule-name" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="name_en" label={t('rules.nameEn')}>
                    <Input maxLength={100} data-testid="rule-name-en" />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="priority" label={t('rules.priority')} tooltip={t('rules.editor.priorityHelp')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="rule-priority" />
                  </Form.Item>
                </Col>
                <Col span={18}>
                  <Form.Item name="mode" label={t('rules.mode')} rules={[{ required: true }]}>
                    <Radio.Group data-testid="rule-mode">
                      {(['stackable', 'exclusive'] as const).map((m) => (
                        <Radio key={m} value={m} data-testid={`rule-mode-${m}`}>
                          {t(`rules.modes.${m}`)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`rules.modeHelp.${m}`)}</Typography.Text>
                        </Radio>
                      ))}
                    </Radio.Group>
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="valid_from" label={t('rules.editor.validFrom')}>
                    <DatePicker style={{ width: '100%' }} placeholder={t('rules.always')} data-testid="rule-valid-from" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="valid_to" label={t('rules.editor.validTo')}>
                    <DatePicker style={{ width: '100%' }} placeholder={t('rules.always')} data-testid="rule-valid-to" />
                  </Form.Item>
                </Col>
              </Row>

              <Divider titlePlacement="start">{t('rules.editor.effect')}</Divider>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name={['effect', 'kind']} label={t('rules.editor.kind')} rules={[{ required: true }]}>
                    <Select
                      data-testid="rule-effect-kind"
                      options={(['multiplier', 'fixed_bonus', 'points_per_spend'] as const).map((k) => ({ value: k, label: t(`rules.editor.kinds.${k}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['effect', 'scope']} label={t('rules.editor.scope')} rules={[{ required: true }]}>
                    <Radio.Group
                      optionType="button"
                      options={(['purchase', 'line'] as const).map((s) => ({ value: s, label: t(`rules.editor.scopes.${s}`) }))}
                    />
                  </Form.Item>
                </Col>
                {kind === 'multiplier' && (
                  <Col span={24}>
                    <Form.Item
                      name={['effect', 'factor']}
                      label={t('rules.editor.factor')}
                      extra={pct >= 100 ? t('rules.editor.factorHelp', { factor: factor, pct, extra: pct - 100 }) : undefined}
                      rules={[{ required: true, message: t('rules.editor.factorRequired') }]}
                    >
                      <InputNumber prefix="×" min={1} max={10} step={0.5} style={{ width: 200 }} data-testid="rule-factor" />
                    </Form.Item>
                  </Col>
                )}
                {kind !== 'multiplier' && (
                  <Col span={12}>
                    <Form.Item name={['effect', 'points']} label={t('rules.editor.points')} rules={[{ required: true, message: t('rules.editor.pointsRequired') }]}>
                      <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="rule-points" />
                    </Form.Item>
                  </Col>
                )}
                {kind === 'points_per_spend' && (
                  <Col span={12}>
                    <Form.Item name={['effect', 'per_yuan']} label={t('rules.editor.perYuan')} rules={[yuanRule(t('rules.editor.amountInvalid'), true)]}>
                      <Input prefix="¥" inputMode="decimal" data-testid="rule-per-yuan" />
                    </Form.Item>
                  </Col>
                )}
              </Row>

              <Divider titlePlacement="start">{t('rules.editor.conditions')}</Divider>
              <Row gutter={16}>
                <Col span={24}>
                  <Form.Item name={['conditions', 'weekdays']} label={t('rules.editor.weekdays')}>
                    <Checkbox.Group
                      data-testid="rule-weekdays"
                      options={WEEKDAYS.map((d) => ({ value: d, label: t(`rules.weekdayShort.${d}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['conditions', 'dates']} label={t('rules.editor.dates')}>
                    <DatePicker multiple style={{ width: '100%' }} maxTagCount="responsive" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label={t('rules.editor.hours')} tooltip={t('rules.editor.hoursHelp')} style={{ marginBottom: 0 }}>
                    <div style={{ display: 'flex', gap: 8 }}>
                      <Form.Item name={['conditions', 'hours', 'from']} style={{ flex: 1 }}>
                        <TimePicker format="HH:mm" placeholder={t('rules.editor.hoursFrom')} style={{ width: '100%' }} minuteStep={5} />
                      </Form.Item>
                      <Form.Item
                        name={['conditions', 'hours', 'to']}
                        style={{ flex: 1 }}
                        dependencies={[['conditions', 'hours', 'from']]}
                        rules={[({ getFieldValue }) => ({
                          validator: (_, v: unknown) => (!v === !getFieldValue(['conditions', 'hours', 'from'])
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('rules.editor.hoursHelp')))),
                        })]}
                      >
                        <TimePicker format="HH:mm" placeholder={t('rules.editor.hoursTo')} style={{ width: '100%' }} minuteStep={5} />
                      </Form.Item>
                    </div>
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['conditions', 'categories']} label={t('rules.editor.categories')} tooltip={t('rules.editor.tagsHelp')}>
                    <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} placeholder={t('rules.editor.tagsHelp')} data-testid="rule-categories" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['conditions', 'skus']} label={t('rules.editor.skus')} tooltip={t('rules.editor.tagsHelp')}>
                    <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} placeholder={t('rules.editor.tagsHelp')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['conditions', 'stores']} label={t('rules.editor.stores')} tooltip={t('rules.editor.storesHelp')}>
                    <Select mode="multiple" allowClear options={stores.map((s) => ({ value: s.id, label: s.name }))} showSearch={{ optionFilterProp: 'label' }} placeholder={t('rules.editor.storesHelp')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['conditions', 'tiers']} label={t('rules.editor.tiers')} tooltip={t('rules.editor.tiersHelp')}>
                    <Select mode="multiple" allowClear options={tiers.map((x) => ({ value: x.id, label: x.name }))} showSearch={{ optionFilterProp: 'label' }} placeholder={t('rules.editor.tiersHelp')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['conditions', 'segments']} label={t('rules.editor.segments')} tooltip={t('rules.editor.segmentsHelp')}>
                    <Select mode="multiple" allowClear options={segments.map((x) => ({ value: x.id, label: x.name }))} showSearch={{ optionFilterProp: 'label' }} placeholder={t('rules.editor.segmentsHelp')} data-testid="rule-segments" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="campaign_id" label={t('rules.editor.campaign')} tooltip={t('rules.editor.campaignHelp')}>
                    <Select allowClear options={campaigns.map((x) => ({ value: x.id, label: x.name }))} showSearch={{ optionFilterProp: 'label' }} placeholder={t('rules.editor.campaignNone')} data-testid="rule-campaign" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['conditions', 'min_spend']} label={t('rules.editor.minSpend')} rules={[yuanRule(t('rules.editor.amountInvalid'), false)]}>
                    <Input prefix="¥" inputMode="decimal" placeholder="0.00" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['conditions', 'first_purchase']} label={t('rules.editor.firstPurchase')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['conditions', 'birthday_month']} label={t('rules.editor.birthdayMonth')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </Row>

              <Divider titlePlacement="start">{t('rules.editor.caps')}</Divider>
              <Typography.Paragraph type="secondary">{t('rules.editor.capsHelp')}</Typography.Paragraph>
              <Row gutter={16}>
                {CAPS.map(([k, label]) => (
                  <Col span={6} key={k}>
                    <Form.Item name={['caps', k]} label={t(`rules.editor.${label}`)}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder={t('rules.settings.noCap')} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Form>
            {rule?.versions && <VersionTable versions={rule.versions} />}
          </Col>
          <Col xs={24} xl={11}>
            <DryRunPanel
              stores={stores}
              draft={readOnly ? null : draft}
              draftOf={id}
              draftName={name || t('rules.editor.createTitle')}
              onDraftProblem={(p) => showProblem(p, 'draft.')}
            />
          </Col>
        </Row>
      </Spin>
    </Drawer>
  );
}

function VersionTable({ versions }: { versions: RuleVersionInfo[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('rules.editor.versions')} style={{ marginTop: 8 }} styles={{ body: { padding: 0 } }}>
      <Table<RuleVersionInfo>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={versions}
        data-testid="rule-versions"
        columns={[
          { title: t('rules.editor.versionCol'), dataIndex: 'version', width: 80, render: (v: number, r) => <Space size={4}>{`v${v}`}{r.effective_to === null && <Tag color="blue">{t('rules.editor.current')}</Tag>}</Space> },
          { title: t('rules.status'), dataIndex: 'status', width: 90, render: (s: Rule['status']) => <RuleStatusTag status={s} /> },
          { title: t('rules.editor.effectiveFrom'), dataIndex: 'effective_from', render: formatTime },
          { title: t('rules.editor.effectiveTo'), dataIndex: 'effective_to', render: formatTime },
        ]}
      />
    </Card>
  );
}
