import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '../../api/types.ts';

const COLORS: Record<CampaignStatus, string> = { draft: 'default', active: 'green', ended: 'blue', cancelled: 'red' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]} data-testid="campaign-status">{t(`campaigns.statuses.${status}`)}</Tag>;
}

/** Budget used of the budget, as a share (null: no budget). */
export const budgetShare = (c: { budget_points: number | null; budget_used: number }) =>
  c.budget_points ? Math.min(100, Math.round((c.budget_used / c.budget_points) * 100)) : null;
