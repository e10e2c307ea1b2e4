import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../../api/cases.ts';
import { formatTime } from '../../lib/format.ts';

const COLOR: Record<string, string> = { message_out: 'green', message_in: 'blue', note: 'gray', status: 'purple', goodwill: 'gold', proceeding: 'red' };

/** What happened on the case, oldest first: messages (to and from the member) look unlike internal notes. */
export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const { t } = useTranslation();
  const what = (e: CaseEvent) => {
    const d = e.data as Record<string, string | number | null | undefined>;
    switch (e.kind) {
      case 'status': return `${t(`cases.statuses.${String(d.from)}`)} → ${t(`cases.statuses.${String(d.to)}`)}`;
      case 'assignment': return `${t(`cases.via.${String(d.via)}`, { defaultValue: String(d.via) })}`;
      case 'waiting': return d.waiting ? t('cases.actions.wait') : t('cases.actions.resume');
      case 'message_out': return `${t(`cases.channels.${String(d.channel)}`)} · ${t(`cases.delivery.${String(d.delivery)}`)}`;
      case 'message_in': return t(`cases.channels.${String(d.channel)}`);
      case 'goodwill': return d.kind === 'points' ? `+${d.points} ${t('cases.goodwillKinds.points')}` : t('cases.goodwillKinds.coupon');
      case 'proceeding': return `${t(`cases.proceedingKinds.${String(d.kind)}`)} · ${String(d.held_on)}`;
      case 'opened': return t(`cases.channels.${String(d.channel)}`);
      default: return '';
    }
  };
  return (
    <Timeline data-testid="case-timeline" items={events.map((e) => ({
      color: COLOR[e.kind] ?? 'blue',
      content: (
        <div data-testid={`event-${e.kind}`}>
          <div>
            <Tag color={e.kind === 'note' ? 'default' : e.kind.startsWith('message') ? 'green' : undefined}>{t(`cases.events.${e.kind}`)}</Tag>
            <Typography.Text type="secondary">{what(e)}</Typography.Text>
            <Typography.Text type="secondary" style={{ float: 'right', fontSize: 12 }}>{e.actor_name ?? ''} {formatTime(e.at)}</Typography.Text>
          </div>
          {e.body && (
            <div style={{
              whiteSpace: 'pre-wrap', marginTop: 4, padding: e.kind === 'note' || e.kind.startsWith('message') ? '6px 10px' : 0,
              background: e.kind === 'note' ? '#fffbe6' : e.kind === 'message_out' ? '#f6ffed' : e.kind === 'message_in' ? '#e6f4ff' : undefined, borderRadius: 6,
            }}>{e.body}</div>
          )}
        </div>
      ),
    }))} />
  );
}
