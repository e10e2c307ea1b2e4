import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorText } from '../../api/client.ts';
import { createSegment, getSegment, previewSegment, updateSegment } from '../../api/endpoints.ts';
import type { SegmentPreview } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';
import { fromConditions, toConditions, WINDOWS, type ConditionValues } from './conditions.ts';
import { SegmentMembersTable } from './segment-members-table.tsx';
import { useProgramNames } from './use-program-names.ts';

interface Values extends ConditionValues {
  name: string;
  name_en?: string;
  description?: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const SCORES = [1, 2, 3, 4, 5];

/** New segment (/segments/new) or a segment's definition (/segments/:id/edit), with a live preview of size and members. */
export function SegmentEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { segmentId } = useParams();
  const program = useSession().program!;
  const names = useProgramNames(program.id);
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState(!segmentId);
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail: string | null } | null>(null);
  const key = useRef(newIdempotencyKey());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef(0);

  const runPreview = useCallback(async () => {
    const ask = ++asked.current;
    setPreviewing(true);
    try {
      const r = await previewSegment(program.id, toConditions(form.getFieldsValue(true) as Values), 10);
      if (ask === asked.current) { setPreview(r); setPreviewError(null); }
    } catch (err) {
      if (ask === asked.current) setPreviewError(errorText(err));
    } finally {
      if (ask === asked.current) setPreviewing(false);
    }
  }, [program.id, form]);
  const schedulePreview = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void runPreview(), 350);
  };

  useEffect(() => {
    if (!segmentId) {
      form.setFieldsValue({ status: ['active'], consent: 'any', birthdayMonth: 'any', spendWindow: 90, visitsWindow: 90 });
      void runPreview();
      return;
    }
    void getSegment(program.id, segmentId).then((s) => {
      form.setFieldsValue({ name: s.name, name_en: s.name_en ?? '', description: s.description ?? '', ...fromConditions(s.conditions) });
      setLoaded(true);
      void runPreview();
    });
  }, [program.id, segmentId, form, runPreview]);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setProblem(null);
    const body = { name: v.name.trim(), name_en: v.name_en?.trim() || null, description: v.description?.trim() || null, conditions: toConditions(v) };
    try {
      const s = segmentId ? await updateSegment(program.id, segmentId, body, key.current) : await createSegment(program.id, body, key.current);
      void message.success(t('segments.saved'));
      void navigate(`/segments/${s.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        setProblem({ title: err.problem.title, detail: err.problem.detail ?? null });
        // corrected values are a new request
        key.current = newIdempotencyKey();
      } else setProblem({ title: t('errors.generic'), detail: String(err) });
    } finally {
      setSaving(false);
    }
  }

  const windowOptions = WINDOWS.map((w) => ({ value: w, label: t(`segments.windows.${w}`) }));
  const title = segmentId ? t('segments.edit') : t('segments.create');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/segments">{t('nav.segments')}</Link> }, { title }]} />
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card title={title} loading={!loaded}>
            {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem.title} description={problem.detail} data-testid="segment-form-error" />}
            <Form<Values> form={form} layout="vertical" onValuesChange={schedulePreview} data-testid="segment-form">
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="name" label={t('segments.name')} rules={[{ required: true, whitespace: true, message: t('segments.nameRequired') }]}>
                    <Input maxLength={50} data-testid="segment-name-input" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="name_en" label={t('segments.nameEn')}><Input maxLength={100} /></Form.Item>
                </Col>
              </Row>
              <Form.Item name="description" label={t('segments.description')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
              <Typography.Title level={5}>{t('segments.conditions')}</Typography.Title>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="tiers" label={t('segments.fields.tiers')}>
                    <Select mode="multiple" allowClear placeholder={t('segments.any')} options={names.tiers.map((x) => ({ value: x.id, label: x.name }))} data-testid="segment-tiers" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="stores" label={t('segments.fields.stores')}>
                    <Select mode="multiple" allowClear placeholder={t('segments.any')} options={names.stores.map((x) => ({ value: x.id, label: x.name }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="status" label={t('segments.fields.status')}>
                    <Checkbox.Group options={(['active', 'suspended', 'terminated'] as const).map((s) => ({ value: s, label: t(`member.statuses.${s}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="consent" label={t('segments.fields.marketingConsent')}>
                    <Select options={[{ value: 'any', label: t('segments.any') }, { value: 'yes', label: t('segments.yes') }, { value: 'no', label: t('segments.no') }]} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('segments.fields.spend')}>
                <Space.Compact>
                  <Form.Item name="spendWindow" noStyle><Select style={{ width: 140 }} options={windowOptions} /></Form.Item>
                  <Form.Item name="spendMin" noStyle><Input style={{ width: 130 }} placeholder={t('segments.min')} data-testid="segment-spend-min" /></Form.Item>
                  <Form.Item name="spendMax" noStyle><Input style={{ width: 130 }} placeholder={t('segments.max')} /></Form.Item>
                </Space.Compact>
              </Form.Item>
              <Form.Item label={t('segments.fields.visits')}>
                <Space.Compact>
                  <Form.Item name="visitsWindow" noStyle><Select style={{ width: 140 }} options={windowOptions} /></Form.Item>
                  <Form.Item name="visitsMin" noStyle><InputNumber style={{ width: 130 }} min={0} precision={0} placeholder={t('segments.min')} /></Form.Item>
                  <Form.Item name="visitsMax" noStyle><InputNumber style={{ width: 130 }} min={0} precision={0} placeholder={t('segments.max')} /></Form.Item>
                </Space.Compact>
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item label={t('segments.fields.daysSince')}>
                    <Space.Compact>
                      <Form.Item name="daysMin" noStyle><InputNumber style={{ width: 110 }} min={0} precision={0} placeholder={t('segments.min')} data-testid="segment-days-min" /></Form.Item>
                      <Form.Item name="daysMax" noStyle><InputNumber style={{ width: 110 }} min={0} precision={0} placeholder={t('segments.max')} /></Form.Item>
                    </Space.Compact>
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="birthdayMonth" label={t('segments.fields.birthdayMonth')}>
                    <Select options={[
                      { value: 'any', label: t('segments.any') }, { value: 'current', label: t('segments.currentMonth') },
                      ...MONTHS.map((m) => ({ value: m, label: t('segments.month', { month: m }) })),
                    ]} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="enrolled" label={t('segments.fields.enrolled')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} />
              </Form.Item>
              <Form.Item label={t('segments.fields.rfm')}>
                <Space wrap>
                  {(['r', 'f', 'm'] as const).map((k) => (
                    <Space key={k} size={4}>
                      <Typography.Text>{t(`segments.fields.${k}`)}</Typography.Text>
                      <Form.Item name={k} noStyle>
                        <Select style={{ width: 90 }} allowClear placeholder={t('segments.any')} options={SCORES.map((n) => ({ value: n, label: String(n) }))} data-testid={`segment-rfm-${k}`} />
                      </Form.Item>
                    </Space>
                  ))}
                </Space>
              </Form.Item>
            </Form>
            <Space>
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="segment-save">{t('segments.save')}</Button>
              <Button onClick={() => void navigate(segmentId ? `/segments/${segmentId}` : '/segments')}>{t('segments.cancel')}</Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card title={t('segments.preview')} styles={{ body: { paddingBottom: 0 } }}>
            {previewError && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={previewError} data-testid="segment-preview-error" />}
            <Statistic title={t('segments.previewSize')} value={preview?.size ?? '—'} loading={previewing && !preview} />
            <span data-testid="segment-preview-size" hidden>{preview ? String(preview.size) : ''}</span>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {preview?.stats_refreshed_at ? t('segments.previewHint', { time: formatTime(preview.stats_refreshed_at) }) : t('segments.previewNever')}
            </Typography.Paragraph>
            <div style={{ margin: '0 -24px' }}>
              <SegmentMembersTable rows={preview?.sample ?? []} loading={previewing} testId="segment-preview" emptyText={t('segments.sampleEmpty')} />
            </div>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
