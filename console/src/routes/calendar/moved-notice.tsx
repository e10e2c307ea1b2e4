import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClockMoved, RequestMoved } from '../../api/calendar.ts';
import { formatTime } from '../../lib/format.ts';

/**
 * After a calendar change (a date, the opening hours, a year loaded): how many deadlines the
 * server re-dated, and each one, data-rights requests by date and service-desk clocks by time.
 */
export function MovedNotice({ moved, clocks, testId, onClose }: { moved: RequestMoved[]; clocks: ClockMoved[]; testId: string; onClose?: () => void }) {
  const { t } = useTranslation();
  const n = moved.length + clocks.length;
  const breached = clocks.filter((c) => c.breached_at).length;
  const subject = (c: ClockMoved) => t(`sla.subjectTypes.${c.subject_type}`, { defaultValue: c.subject_type });
  const metric = (c: ClockMoved) => t(`sla.metrics.${c.metric}`, { defaultValue: c.metric });
  return (
    <Alert type={n ? 'info' : 'success'} showIcon closable={!!onClose} onClose={onClose} data-testid={testId}
      title={n ? t('calendar.moved', { n }) : t('calendar.movedNone')}
      description={n ? <>
        {moved.map((m) => <div key={m.id} data-testid="moved-request">{t('calendar.movedItem', {
          kind: t(`rights.kinds.${m.kind}`, { defaultValue: m.kind }), member: m.member_no ?? '—', from: m.old_due_on, to: m.new_due_on,
        })}</div>)}
        {clocks.map((c) => <div key={c.id} data-testid="moved-clock">{t('calendar.movedClock', {
          subject: subject(c), id: c.subject_label ?? c.subject_id, metric: metric(c), from: formatTime(c.old_due_at), to: formatTime(c.new_due_at),
        })}</div>)}
        {breached > 0 && <div>{t('calendar.breachedKept', { n: breached })}</div>}
      </> : undefined} />
  );
}
