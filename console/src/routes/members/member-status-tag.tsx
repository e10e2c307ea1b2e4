import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberStatus } from '../../api/types.ts';

const COLORS: Record<MemberStatus, string> = { active: 'green', suspended: 'orange', terminated: 'default' };

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]} data-testid="member-status">{t(`member.statuses.${status}`)}</Tag>;
}
