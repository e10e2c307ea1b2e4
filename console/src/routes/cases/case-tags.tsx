import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/cases.ts';

const PRIORITY_COLOR = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' } as const;
const STATUS_COLOR: Record<string, string> = { closed: 'default', resolved: 'green', evaluation: 'green', solution_told: 'purple', solution_ready: 'cyan' };

export function TypeTag({ type }: { type: Case['type'] }) {
  const { t } = useTranslation();
  return <Tag color={type === 'complaint' ? 'volcano' : 'geekblue'}>{t(`cases.types.${type}`)}</Tag>;
}
export function PriorityTag({ priority }: { priority: Case['priority'] }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLOR[priority]}>{t(`cases.priorities.${priority}`)}</Tag>;
}
export function StatusTag({ c }: { c: Pick<Case, 'status' | 'waiting'> }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={STATUS_COLOR[c.status] ?? 'processing'}>{t(`cases.statuses.${c.status}`)}</Tag>
      {c.waiting && <Tag color="gold">{t('cases.waiting')}</Tag>}
    </span>
  );
}

/** How long a case has been open: minutes, hours or days (a queue is sorted by eye on this). */
export function age(from: string, to: string | null = null): string {
  const ms = (to ? Date.parse(to) : Date.now()) - Date.parse(from);
  const h = Math.floor(ms / 3_600_000);
  if (h < 1) return `${Math.max(0, Math.floor(ms / 60_000))}m`;
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
