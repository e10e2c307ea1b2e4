import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Suggestion, SuggestionStatus } from '../../api/suggestions.ts';

const COLOURS: Record<SuggestionStatus, string> = { new: 'blue', under_review: 'gold', adopted: 'green', declined: 'default', duplicate: 'purple' };

export function SuggestionStatusTag({ status }: { status: SuggestionStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]} data-testid={`suggestion-status-${status}`}>{t(`suggestions.statuses.${status}`)}</Tag>;
}

/** Who made it: the member (masked name and number), or staff. */
export function SuggestionAuthor({ s }: { s: Suggestion }) {
  const { t } = useTranslation();
  if (!s.member) return <Typography.Text type="secondary">{t('suggestions.staffAuthor')}</Typography.Text>;
  return <span>{s.member.name ?? '—'} <Typography.Text type="secondary">{s.member.member_no}</Typography.Text></span>;
}
