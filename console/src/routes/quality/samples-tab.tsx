import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { createSample, reviewers as listReviewers, samples as listSamples, type Sample, type SampleIn, type Scorecard } from '../../api/quality.ts';
import { formatTime } from '../../lib/format.ts';

interface Values { kind: SampleIn['kind']; range: [Dayjs, Dayjs]; size: number; agent_id?: string; scorecard_id: string; reviewer_ids: string[]; reviewers_per_case: number }

/** Sample closed cases (random or by rule) and deal them to reviewers; the samples made, with their cases. */
export function SamplesTab({ pid, cards, agents, canReview, meId, onSampled }: {
  pid: string; cards: Scorecard[]; agents: { id: string; name: string }[]; canReview: boolean; meId?: string; onSampled: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [items, setItems] = useState<Sample[] | null>(null);
  const [people, setPeople] = useState<{ id: string; display_name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => setItems((await listSamples(pid)).items), [pid]);
  useEffect(() => { void load().catch((err: unknown) => { void message.error(errorText(err)); setItems([]); }); }, [load, message]);
  useEffect(() => { if (canReview) void listReviewers(pid).then((r) => setPeople(r.items)).catch(() => setPeople([])); }, [pid, canReview]);

  const create = async (v: Values) => {
    setBusy(true);
    try {
      const s = await createSample(pid, {
        kind: v.kind, from: v.range[0].format('YYYY-MM-DD'), to: v.range[1].format('YYYY-MM-DD'), size: v.size, agent_id: v.agent_id ?? null,
        scorecard_id: v.scorecard_id, reviewer_ids: v.reviewer_ids, reviewers_per_case: v.reviewers_per_case,
      });
      if (s.assignments.length) void message.success(t('quality.sample.created', { n: new Set(s.assignments.map((a) => a.case_id)).size }));
      else void message.warning(t('quality.sample.none'));
      await load();
      onSampled();
    } catch (err) { void message.error(errorText(err)); } finally { setBusy(false); }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {canReview && (
        <Card size="small" title={t('quality.sample.create')}>
          <Form form={form} layout="inline" onFinish={(v) => void create(v)} data-testid="sample-form"
            initialValues={{ kind: 'random', range: [dayjs().subtract(29, 'day'), dayjs()], size: 5, reviewers_per_case: 1, scorecard_id: cards[0]?.id, reviewer_ids: meId ? [meId] : [] }}>
            <Form.Item name="kind" label={t('quality.sample.kind')}>
              <Select style={{ width: 170 }} data-testid="sample-kind" options={(['random', 'low_csat', 'breached_sla'] as const).map((k) => ({ value: k, label: t(`quality.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="range" label={t('quality.sample.range')} rules={[{ required: true }]}><DatePicker.RangePicker allowClear={false} /></Form.Item>
            <Form.Item name="size" label={t('quality.sample.size')}><InputNumber min={1} max={200} style={{ width: 80 }} /></Form.Item>
            <Form.Item name="agent_id" label={t('quality.sample.agent')}>
              <Select allowClear style={{ width: 150 }} options={agents.map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
            <Form.Item name="scorecard_id" label={t('quality.sample.scorecard')} rules={[{ required: true }]}>
              <Select style={{ width: 180 }} options={cards.map((c) => ({ value: c.id, label: `${c.name_zh} v${c.version}` }))} />
            </Form.Item>
            <Form.Item name="reviewer_ids" label={t('quality.sample.reviewers')} rules={[{ required: true }]}>
              <Select mode="multiple" style={{ minWidth: 200 }} options={people.map((p) => ({ value: p.id, label: p.display_name }))} data-testid="sample-reviewers" />
            </Form.Item>
            <Form.Item name="reviewers_per_case" label={t('quality.sample.perCase')} tooltip={t('quality.sample.perCaseHint')}>
              <Select style={{ width: 70 }} options={[{ value: 1, label: '1' }, { value: 2, label: '2' }]} />
            </Form.Item>
            <Form.Item><Button type="primary" htmlType="submit" loading={busy} data-testid="sample-create">{t('quality.sample.create')}</Button></Form.Item>
          </Form>
        </Card>
      )}
      <Table<Sample> rowKey="id" size="middle" loading={items === null} dataSource={items ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('quality.empty') }} data-testid="samples-table"
        columns={[
          { title: t('quality.sample.kind'), key: 'kind', width: 170, render: (_, s) => <Tag>{t(`quality.kinds.${s.kind}`)}</Tag> },
          { title: t('quality.sample.range'), key: 'range', width: 200, render: (_, s) => `${s.from} ~ ${s.to}` },
          {
            title: t('quality.sample.cases'), key: 'cases',
            render: (_, s) => (s.assignments.length ? (
              <Space wrap size={4}>
                {s.assignments.map((a) => (
                  <Tag key={a.id} color={a.review_id ? 'green' : 'default'}>
                    {a.case_number} · {a.agent_name ?? '—'} → {a.reviewer_name ?? '—'} ({a.review_id ? t('quality.sample.done') : t('quality.sample.open')})
                  </Tag>
                ))}
              </Space>
            ) : <Typography.Text type="secondary">{t('quality.sample.none')}</Typography.Text>),
          },
          { title: t('quality.sample.at'), key: 'at', width: 150, render: (_, s) => formatTime(s.created_at) },
        ]} />
    </Space>
  );
}
