import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleStatus } from '../../api/types.ts';

const COLORS: Record<RuleStatus, string> = { active: 'green', paused: 'orange', archived: 'default' };

export function RuleStatusTag({ status }: { status: RuleStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`rules.statuses.${status}`)}</Tag>;
}
