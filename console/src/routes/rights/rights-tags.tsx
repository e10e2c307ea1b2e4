import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RightsRequest, RightsStatus } from '../../api/rights.ts';

const COLORS: Record<RightsStatus, string> = { received: 'blue', in_progress: 'gold', completed: 'green', refused: 'default' };

export function RightsStatusTag({ status }: { status: RightsStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`rights.statuses.${status}`)}</Tag>;
}

/**
 * The due date, red with an "overdue" tag once an open request is past it; orange
 * "provisional" while it runs through a year without an official holiday schedule.
 */
export function DueDate({ r }: { r: RightsRequest }) {
  const { t } = useTranslation();
  const provisional = r.due_provisional && (
    <Tooltip title={t('rights.provisionalHelp')}><Tag color="orange" data-testid={`provisional-${r.id}`}>{t('rights.provisional')}</Tag></Tooltip>
  );
  if (!r.overdue) return <span>{r.due_on} {provisional}</span>;
  return (
    <span data-testid={`overdue-${r.id}`}>
      <Typography.Text type="danger" strong>{r.due_on}</Typography.Text> <Tag color="red">{t('rights.overdue')}</Tag>{provisional}
    </span>
  );
}

/** The member as the list shows them: masked name and phone, and the member number. */
export function RightsMember({ r }: { r: RightsRequest }) {
  const { t } = useTranslation();
  const m = r.member;
  if (m.erased) return <span>{m.member_no ?? m.id} <Tag>{t('rights.erased')}</Tag></span>;
  return <span>{m.name ?? '—'} · {m.phone ?? '—'} <Typography.Text type="secondary">({m.member_no})</Typography.Text></span>;
}
