import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Modal, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { dispute, myReviews, pct, type Dispute, type Review } from '../../api/quality.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';
import { DISPUTE_COLORS } from './disputes-tab.tsx';

/** 我的质检: the signed-in agent's reviews, each disputable once, with the outcome. */
export function MyQualityPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { program } = useSession();
  const pid = program?.id ?? '';
  const [data, setData] = useState<{ items: Review[]; disputes: Dispute[] } | null>(null);
  const [target, setTarget] = useState<Review | null>(null);
  const [reason, setReason] = useState('');
  const load = useCallback(async () => setData(await myReviews(pid)), [pid]);
  useEffect(() => { if (pid) void load().catch((err: unknown) => { void message.error(errorText(err)); setData({ items: [], disputes: [] }); }); }, [pid, load, message]);
  const scored = (data?.items ?? []).filter((r) => r.score !== null);
  const mean = scored.length ? scored.reduce((a, r) => a + r.score!, 0) / scored.length : null;
  const outcome = (r: Review) => data?.disputes.find((d) => d.review_id === r.id);

  const send = async () => {
    if (!target) return;
    try {
      await dispute(pid, target.id, reason);
      void message.success(t('quality.dispute.sent'));
      setTarget(null);
      await load();
    } catch (err) { void message.error(errorText(err)); }
  };

  return (
    <Card title={t('quality.mine.title')} data-testid="my-quality">
      <Typography.Paragraph type="secondary">{t('quality.mine.intro')}</Typography.Paragraph>
      <Statistic style={{ marginBottom: 16 }} title={t('quality.mine.average')} value={pct(mean)} />
      <Table<Review> rowKey="id" size="middle" loading={data === null} dataSource={data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('quality.mine.empty') }} data-testid="my-reviews"
        columns={[
          { title: t('quality.case'), key: 'case', width: 140, render: (_, r) => <Typography.Text strong>{r.case_number}</Typography.Text> },
          { title: t('quality.score'), key: 'score', width: 120, render: (_, r) => (r.critical_failed ? <Tag color="red">0% · {t('quality.review.failed')}</Tag> : pct(r.score)) },
          { title: t('quality.overall'), key: 'comment', render: (_, r) => r.comment || '—' },
          { title: t('quality.reviewed'), key: 'at', width: 140, render: (_, r) => formatTime(r.reviewed_at) },
          {
            title: t('quality.tabs.disputes'), key: 'dispute', width: 260,
            render: (_, r) => {
              const d = outcome(r);
              if (!d) return <Button size="small" onClick={() => { setReason(''); setTarget(r); }} data-testid={`dispute-${r.case_number}`}>{t('quality.dispute.button')}</Button>;
              return <span><Tag color={DISPUTE_COLORS[d.status]}>{t(`quality.dispute.status.${d.status}`)}</Tag>{d.resolution ?? ''}</span>;
            },
          },
        ]} />
      <Modal open={target !== null} title={target ? `${t('quality.dispute.button')}: ${target.case_number}` : ''} onCancel={() => setTarget(null)}
        onOk={() => void send()} okButtonProps={{ disabled: !reason.trim() }} destroyOnHidden>
        <Input.TextArea rows={3} placeholder={t('quality.dispute.reasonPh')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="dispute-reason" />
      </Modal>
    </Card>
  );
}
