import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Descriptions, Drawer, Empty, List, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SlaClocks } from '../sla/sla-clocks.tsx';
import { errorText } from '../../api/client.ts';
import type { Store } from '../../api/types.ts';
import { getSuggestion, reviewSuggestion, type Suggestion, type SuggestionDetail } from '../../api/suggestions.ts';
import { formatTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { ActorName } from '../../lib/actor-name.tsx';
import { useSession } from '../../session/session.tsx';
import { DecisionForms, type Decision } from './decision-forms.tsx';
import { SuggestionAuthor, SuggestionStatusTag } from './suggestion-tags.tsx';

interface Props { id: string | null; stores: Store[]; adoptionPoints: number; onClose(): void; onChanged(s: Suggestion): void }

/** One suggestion: its text, who made and supports it, its history, and what may be decided next. */
export function SuggestionDrawer({ id, stores, adoptionPoints, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { program, can } = useSession();
  const [s, setS] = useState<SuggestionDetail | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    if (!id) return setS(null);
    try {
      setS(await getSuggestion(program!.id, id));
    } catch (err) {
      void message.error(errorText(err));
    }
  }, [id, program, message]);
  useEffect(() => { void load(); }, [load]);
  const changed = (x: Suggestion) => { setDecision(null); onChanged(x); void load(); };
  const review = async () => {
    setBusy(true);
    try {
      changed(await reviewSuggestion(program!.id, s!.id, newIdempotencyKey()));
      void message.success(t('suggestions.reviewed'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const open = s !== null && (s.status === 'new' || s.status === 'under_review');
  const storeName = (sid: string | null) => (sid ? (stores.find((x) => x.id === sid)?.name ?? sid) : t('suggestions.noStore'));

  return (
    <Drawer open={id !== null} onClose={onClose} size={600} title={s?.title ?? t('suggestions.detail')} destroyOnHidden data-testid="suggestion-drawer">
      {s && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="suggestion-body">{s.body}</Typography.Paragraph>
          <Descriptions column={2} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('suggestions.status')}><SuggestionStatusTag status={s.status} /></Descriptions.Item>
            <Descriptions.Item label={t('suggestions.category')}>{s.category.name}</Descriptions.Item>
            <Descriptions.Item label={t('suggestions.author')}><SuggestionAuthor s={s} /></Descriptions.Item>
            <Descriptions.Item label={t('suggestions.channel')}>{t(`suggestions.channels.${s.channel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('suggestions.store')}>{storeName(s.store_id)}</Descriptions.Item>
            <Descriptions.Item label={t('suggestions.submittedAt')}>{formatTime(s.submitted_at)}</Descriptions.Item>
            {s.status === 'adopted' && (
              <Descriptions.Item label={t('suggestions.reward')} span={2}>
                <span data-testid="suggestion-reward">{s.reward_points ? t('suggestions.rewardPoints', { points: s.reward_points }) : t('suggestions.noReward')}</span>
              </Descriptions.Item>
            )}
            {s.decision_note && <Descriptions.Item label={t('suggestions.decisionNote')} span={2}>{s.decision_note}</Descriptions.Item>}
            {s.decline_reason && <Descriptions.Item label={t('suggestions.declineReason')} span={2}>{s.decline_reason}</Descriptions.Item>}
            {s.merged_into && <Descriptions.Item label={t('suggestions.mergedInto')} span={2}><Typography.Text code>{s.merged_into}</Typography.Text></Descriptions.Item>}
            {s.decided_at && <Descriptions.Item label={t('suggestions.decidedAt')}>{formatTime(s.decided_at)}</Descriptions.Item>}
            {s.decided_by && <Descriptions.Item label={t('suggestions.decidedBy')}><ActorName id={s.decided_by} /></Descriptions.Item>}
          </Descriptions>
          {/* the processing deadline in working days (seed 000: slow feedback handling is the problem to solve) */}
          <div data-testid="suggestion-sla-slot"><SlaClocks subjectType="suggestion" subjectId={s.id} reloadKey={s.status} /></div>
          {open && can('suggestions.manage') && (
            <Space wrap>
              {s.status === 'new' && <Button loading={busy} onClick={() => void review()} data-testid="suggestion-review">{t('suggestions.review')}</Button>}
              <Button type="primary" onClick={() => setDecision('adopt')} data-testid="suggestion-adopt">{t('suggestions.adopt')}</Button>
              <Button onClick={() => setDecision('merge')} data-testid="suggestion-merge">{t('suggestions.merge')}</Button>
              <Button danger onClick={() => setDecision('decline')} data-testid="suggestion-decline">{t('suggestions.decline')}</Button>
            </Space>
          )}
          <div>
            <Typography.Title level={5}>{t('suggestions.supporters', { n: s.support_count })}</Typography.Title>
            <List
              size="small" bordered data-testid="suggestion-supporters" dataSource={s.supporters}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.noSupporters')} /> }}
              renderItem={(x) => (
                <List.Item extra={<Typography.Text type="secondary">{formatTime(x.supported_at)}</Typography.Text>}>
                  <span>{x.name ?? '—'} <Typography.Text type="secondary">{x.member_no}</Typography.Text>{x.via !== 'support' && <Typography.Text type="secondary">（{t(`suggestions.vias.${x.via}`)}）</Typography.Text>}</span>
                </List.Item>
              )}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('suggestions.history')}</Typography.Title>
            <Timeline
              data-testid="suggestion-history"
              items={s.history.map((h) => ({
                content: (
                  <span>
                    {t(`suggestions.historyKinds.${h.kind}`, { defaultValue: h.kind })}
                    {h.kind === 'rewarded' && h.detail ? ` · ${t('suggestions.rewardPoints', { points: h.detail.points })}` : ''}
                    {h.kind === 'declined' && h.detail ? ` · ${String(h.detail.reason)}` : ''}
                    <Typography.Text type="secondary"> · {formatTime(h.at)}</Typography.Text>
                  </span>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      <DecisionForms decision={decision} suggestion={s} adoptionPoints={adoptionPoints} onClose={() => setDecision(null)} onDone={changed} />
    </Drawer>
  );
}
