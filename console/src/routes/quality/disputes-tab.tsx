import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { disputes as listDisputes, pct, resolveDispute, reviews, scorecard, type Dispute, type Review, type Scorecard } from '../../api/quality.ts';
import { formatTime } from '../../lib/format.ts';
import { ReviewForm } from './review-form.tsx';

export const DISPUTE_COLORS = { open: 'orange', upheld: 'green', rejected: 'default' } as const;

/** Agents' disputes: open ones are resolved here (upheld with a re-score, or rejected); decided ones show the outcome. */
export function DisputesTab({ pid, canReview, onResolved }: { pid: string; canReview: boolean; onResolved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<Dispute[] | null>(null);
  const [open, setOpen] = useState<{ d: Dispute; review: Review; card: Scorecard } | null>(null);
  const [resolution, setResolution] = useState('');
  const load = useCallback(async () => setItems((await listDisputes(pid)).items), [pid]);
  useEffect(() => { void load().catch((err: unknown) => { void message.error(errorText(err)); setItems([]); }); }, [load, message]);

  const start = async (d: Dispute) => {
    const all = (await reviews(pid, { agent_id: d.agent_id })).items;
    const review = all.find((r) => r.id === d.review_id);
    // the review's own scorecard version, which may since have been retired
    if (review) { setResolution(''); setOpen({ d, review, card: await scorecard(pid, review.scorecard_id) }); }
  };
  const decide = async (body: Parameters<typeof resolveDispute>[2]) => {
    if (!open) return;
    try {
      await resolveDispute(pid, open.d.id, body);
      void message.success(t('quality.dispute.resolved'));
      setOpen(null);
      await load();
      onResolved();
    } catch (err) { void message.error(errorText(err)); }
  };
  const card = open?.card;

  return (
    <>
      <Table<Dispute> rowKey="id" size="middle" loading={items === null} dataSource={items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('quality.empty') }} data-testid="disputes-table"
        columns={[
          { title: t('quality.case'), key: 'case', width: 140, render: (_, d) => <Typography.Text strong>{d.case_number}</Typography.Text> },
          { title: t('quality.agent'), key: 'agent', width: 110, render: (_, d) => d.agent_name ?? '—' },
          { title: t('quality.dispute.reason'), key: 'reason', dataIndex: 'reason' },
          { title: t('quality.dispute.raised'), key: 'raised', width: 140, render: (_, d) => formatTime(d.raised_at) },
          { title: '', key: 'status', width: 110, render: (_, d) => <Tag color={DISPUTE_COLORS[d.status]}>{t(`quality.dispute.status.${d.status}`)}</Tag> },
          {
            title: t('quality.dispute.resolution'), key: 'outcome', width: 260,
            render: (_, d) => (d.status === 'open'
              ? (canReview ? <Button size="small" onClick={() => void start(d).catch((err: unknown) => void message.error(errorText(err)))} data-testid={`resolve-${d.case_number}`}>{t('quality.dispute.resolve')}</Button> : '—')
              : <span>{d.resolution} ({pct(d.score_before)} → {pct(d.score_after)}, {d.resolved_by_name ?? '—'})</span>),
          },
        ]} />
      <Modal open={open !== null} width={640} title={open ? `${t('quality.dispute.resolve')}: ${open.d.case_number}` : ''} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Card size="small"><Typography.Text type="secondary">{t('quality.dispute.reason')}:</Typography.Text> {open.d.reason}</Card>
            <Input.TextArea rows={2} placeholder={t('quality.dispute.resolution')} value={resolution} onChange={(e) => setResolution(e.target.value)} data-testid="dispute-resolution" />
            <Button disabled={!resolution.trim()} onClick={() => void decide({ outcome: 'rejected', resolution })} data-testid="dispute-reject">{t('quality.dispute.reject')}</Button>
            {card && <ReviewForm card={card} initial={open.review.answers} submitLabel={t('quality.dispute.uphold')} testId="rescore-form"
              onSubmit={async (answers) => { if (resolution.trim()) await decide({ outcome: 'upheld', resolution, answers }); else void message.warning(t('quality.dispute.resolution')); }} />}
          </Space>
        )}
      </Modal>
    </>
  );
}
