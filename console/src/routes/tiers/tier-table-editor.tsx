import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Progress, Space, Statistic, Table, Tag, Typography, Row, Col } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { applyTierTable, getTierJob, previewTierTable } from '../../api/endpoints.ts';
import type { Tier, TierBasis, TierJob, TierPreview, TierTableInput } from '../../api/types.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { formatFen, yuanToFen } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';

interface Row_ {
  id?: string;
  code: string;
  name: string;
  name_en?: string | null;
  reach: string;
  keep: string;
  earn_multiplier_pct: number;
  parking_hours: number;
}

interface Props {
  open: boolean;
  tiers: Tier[];
  basis: TierBasis;
  onClose(): void;
  onApplied(): void;
}

/** Edits the whole table, previews the moves it would make, then applies it as a job and shows its progress. */
export function TierTableEditor({ open, tiers, basis, onClose, onApplied }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const program = useSession().program!;
  const [form] = Form.useForm<{ tiers: Row_[] }>();
  const [preview, setPreview] = useState<{ body: string; result: TierPreview } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<TierJob | null>(null);
  const key = useRef(newIdempotencyKey());

  const toInput = (v: number) => (basis === 'spend' ? formatFen(v).replaceAll(',', '') : String(v));
  const fromInput = (v: string) => (basis === 'spend' ? yuanToFen(String(v)) : /^\d+$/.test(String(v).trim()) ? Number(v) : null);

  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setPreview(null);
    setProblem(null);
    setJob(null);
    form.setFieldsValue({
      tiers: tiers.map((x) => ({
        id: x.id, code: x.code, name: x.name, name_en: x.name_en, reach: toInput(x.reach_threshold), keep: toInput(x.keep_threshold),
        earn_multiplier_pct: x.benefits.earn_multiplier_pct, parking_hours: x.benefits.parking_hours,
      })),
    });
  }, [open]);

  function body(): TierTableInput | null {
    const rows = (form.getFieldValue('tiers') ?? []) as Row_[];
    const out: TierTableInput['tiers'] = [];
    for (const r of rows) {
      const reach = fromInput(r.reach);
      const keep = fromInput(r.keep);
      if (reach === null || keep === null) return null;
      const old = tiers.find((x) => x.id === r.id);
      out.push({
        ...(r.id ? { id: r.id } : {}), code: (r.code ?? '').trim(), name: (r.name ?? '').trim(), name_en: r.name_en?.trim() || null,
        reach_threshold: reach, keep_threshold: keep,
        benefits: { ...(old?.benefits ?? {}), earn_multiplier_pct: r.earn_multiplier_pct ?? 100, parking_hours: r.parking_hours ?? 0 },
      });
    }
    return { tiers: out };
  }

  const fail = (err: unknown) => {
    const p = err instanceof ApiError ? err.problem : null;
    setProblem(p ? `${p.title}${p.detail ? `：${p.detail}` : ''}${p.field ? ` (${p.field})` : ''}` : String(err));
  };

  async function runPreview() {
    const values = await form.validateFields().catch(() => null);
    const b = values && body();
    if (!b) return;
    setBusy(true);
    setProblem(null);
    try {
      setPreview({ body: JSON.stringify(b), result: await previewTierTable(program.id, b) });
    } catch (err) {
      setPreview(null);
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    const b = body();
    if (!b || !preview || JSON.stringify(b) !== preview.body) return;
    setBusy(true);
    setProblem(null);
    try {
      let j = await applyTierTable(program.id, b, key.current);
      setJob(j);
      while (j.status === 'pending' || j.status === 'running') {
        await new Promise((r) => setTimeout(r, 400));
        j = await getTierJob(program.id, j.id);
        setJob(j);
      }
      if (j.status === 'done') {
        void message.success(t('tiers.jobDone', { up: j.summary.up ?? 0, down: j.summary.down ?? 0 }));
        onApplied();
        onClose();
      } else {
        setProblem(`${t('tiers.jobFailed')}: ${j.error ?? ''}`);
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, whitespace: true, message: t('tiers.required') }];
  const stale = preview !== null && JSON.stringify(body()) !== preview.body;
  const p = preview?.result;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('tiers.editTitle')}
      size={1080}
      destroyOnHidden
      data-testid="tier-editor"
      extra={(
        <Space>
          <Button onClick={() => void runPreview()} loading={busy && !job} data-testid="tier-preview">{t('tiers.preview')}</Button>
          <Button type="primary" disabled={!preview || stale || busy} loading={busy && job !== null} onClick={() => void apply()} data-testid="tier-apply">
            {t('tiers.apply')}
          </Button>
        </Space>
      )}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('tiers.previewFirst')} description={t('tiers.previewHint')} />
        {problem && <Alert type="error" showIcon title={problem} data-testid="tier-editor-error" />}
        <Form form={form} layout="vertical" onValuesChange={() => setProblem(null)}>
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                    <Typography.Text style={{ display: 'inline-block', width: 24, marginTop: 34 }}>{i + 1}</Typography.Text>
                    <Form.Item name={[f.name, 'code']} label={t('tiers.code')} rules={required}><Input style={{ width: 100 }} maxLength={32} /></Form.Item>
                    <Form.Item name={[f.name, 'name']} label={t('tiers.name')} rules={required}><Input style={{ width: 110 }} maxLength={50} /></Form.Item>
                    <Form.Item name={[f.name, 'name_en']} label={t('tiers.nameEn')}><Input style={{ width: 110 }} maxLength={50} /></Form.Item>
                    <Form.Item name={[f.name, 'reach']} label={`${t('tiers.reach')} (${t(`tiers.unit.${basis}`)})`} rules={required}>
                      <Input style={{ width: 130 }} data-testid={`tier-reach-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'keep']} label={`${t('tiers.keep')} (${t(`tiers.unit.${basis}`)})`} rules={required}>
                      <Input style={{ width: 130 }} data-testid={`tier-keep-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'earn_multiplier_pct']} label={t('tiers.multiplierPct')}><InputNumber min={100} max={1000} style={{ width: 110 }} /></Form.Item>
                    <Form.Item name={[f.name, 'parking_hours']} label={t('tiers.parkingHours')}><InputNumber min={0} max={24} style={{ width: 90 }} /></Form.Item>
                    <Button icon={<DeleteOutlined />} style={{ marginTop: 30 }} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('tiers.remove')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', reach: '', keep: '', earn_multiplier_pct: 100, parking_hours: 0 })}>
                  {t('tiers.addTier')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
        {job && (
          <Progress percent={job.total ? Math.round((job.done / job.total) * 100) : job.status === 'done' ? 100 : 0} status={job.status === 'failed' ? 'exception' : 'active'}
            format={() => t('tiers.progress', { done: job.done, total: job.total })} data-testid="tier-job-progress" />
        )}
        {p && (
          <div data-testid="tier-preview-result" style={{ opacity: stale ? 0.5 : 1 }}>
            <Typography.Title level={5}>{t('tiers.previewTitle')}</Typography.Title>
            <Row gutter={16} style={{ marginBottom: 12 }}>
              <Col span={6}><Statistic title={t('tiers.members')} value={p.members} /></Col>
              <Col span={6}><Statistic title={t('tiers.up')} value={p.up} styles={{ content: { color: '#389e0d' } }} /></Col>
              <Col span={6}><Statistic title={t('tiers.down')} value={p.down} styles={{ content: { color: '#cf1322' } }} /></Col>
              <Col span={6}><Statistic title={t('tiers.unchanged')} value={p.unchanged} /></Col>
            </Row>
            <Table
              rowKey={(r) => r.tier_id ?? `new:${r.code}`}
              size="small"
              pagination={false}
              dataSource={p.by_tier}
              columns={[
                {
                  title: t('tiers.name'), key: 'name',
                  render: (_, r) => (
                    <Space>
                      {r.name}
                      {r.tier_id === null && <Tag color="green">{t('tiers.newTier')}</Tag>}
                      {r.tier_id !== null && !(body()?.tiers ?? []).some((x) => x.id === r.tier_id) && <Tag color="red">{t('tiers.retired')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('tiers.before'), dataIndex: 'before', align: 'right' },
                { title: t('tiers.after'), dataIndex: 'after', align: 'right' },
                { title: t('tiers.movingUp'), dataIndex: 'moving_up', align: 'right' },
                { title: t('tiers.movingDown'), dataIndex: 'moving_down', align: 'right' },
                { title: t('tiers.unchanged'), dataIndex: 'unchanged', align: 'right' },
              ]}
            />
          </div>
        )}
      </Space>
    </Drawer>
  );
}
