import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client.ts';
import { myAssignments, pct, scorecard, submitReview, type Assignment, type Scorecard } from '../../api/quality.ts';
import { formatTime } from '../../lib/format.ts';
import { ReviewForm } from './review-form.tsx';

/** The reviewer's cases still to score; one opens the scorecard beside the list. */
export function TodoTab({ pid, cards, onScored }: { pid: string; cards: Scorecard[]; onScored: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<Assignment[] | null>(null);
  const [open, setOpen] = useState<Assignment | null>(null);
  const load = useCallback(async () => setItems((await myAssignments(pid)).items), [pid]);
  useEffect(() => { void load().catch((err: unknown) => { void message.error(errorText(err)); setItems([]); }); }, [load, message]);
  // A case sampled on a scorecard since changed (its version retired) is scored on the family's
  // current version: the server refuses a retired one. The retired card tells its family.
  const [families, setFamilies] = useState<Record<string, string>>({});
  useEffect(() => {
    const id = open?.scorecard_id;
    if (!id || cards.some((c) => c.id === id) || families[id]) return;
    void scorecard(pid, id).then((c) => setFamilies((f) => ({ ...f, [id]: c.family_id }))).catch((err: unknown) => void message.error(errorText(err)));
  }, [open, cards, families, pid, message]);
  const card = open ? cards.find((c) => c.id === open.scorecard_id) ?? cards.find((c) => c.family_id === families[open.scorecard_id]) : undefined;

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <Table<Assignment> style={{ flex: '1 1 420px' }} rowKey="id" size="middle" loading={items === null} dataSource={items ?? []} pagination={false}
        locale={{ emptyText: t('quality.todoEmpty') }} data-testid="todo-table"
        columns={[
          { title: t('quality.case'), key: 'case', render: (_, a) => <Link to={`/cases/${a.case_id}`} target="_blank"><Typography.Text strong>{a.case_number}</Typography.Text></Link> },
          { title: t('quality.agent'), key: 'agent', render: (_, a) => a.agent_name ?? '—' },
          { title: t('quality.sample.at'), key: 'at', render: (_, a) => formatTime(a.created_at) },
          { title: '', key: 'go', width: 90, render: (_, a) => <Button size="small" type={open?.id === a.id ? 'primary' : 'default'} onClick={() => setOpen(a)} data-testid={`score-${a.case_number}`}>{t('quality.review.start')}</Button> },
        ]} />
      {open && card && (
        <Card style={{ flex: '1 1 460px' }} size="small" title={t('quality.review.title', { number: open.case_number })}
          extra={<Link to={`/cases/${open.case_id}`} target="_blank" data-testid="review-case-link">{t('quality.review.openCase')}</Link>}>
          <ReviewForm key={open.id} card={card} onSubmit={async (answers, comment) => {
            try {
              const r = await submitReview(pid, { case_id: open.case_id, scorecard_id: card.id, answers, comment });
              void message.success(t('quality.review.submitted', { score: r.score === null ? t('quality.review.notScorable') : pct(r.score) }));
              setOpen(null);
              await load();
              onScored();
            } catch (err) { void message.error(errorText(err)); }
          }} />
        </Card>
      )}
    </div>
  );
}
