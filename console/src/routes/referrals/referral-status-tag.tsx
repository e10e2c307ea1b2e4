import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Referral, ReferralStatus } from '../../api/referrals.ts';

const COLORS: Record<ReferralStatus, string> = { pending: 'processing', blocked: 'error', released: 'warning', rewarded: 'success', void: 'default' };

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]} data-testid={`referral-status-${status}`}>{t(`referrals.statuses.${status}`)}</Tag>;
}

/** Why a referral is where it is, in words: the block reason, the release, the void or the points paid. */
export function ReferralReason({ r }: { r: Referral }) {
  const { t, i18n } = useTranslation();
  const lines: string[] = [];
  if (r.block_reason) lines.push(t(`referrals.blockReasons.${r.block_reason}`));
  if (r.released_at) lines.push(t('referrals.releasedBecause', { reason: r.release_reason ?? '' }));
  if (r.void_reason) lines.push(t(`referrals.voidReasons.${r.void_reason}`));
  if (r.status === 'rewarded') lines.push(t('referrals.paid', { referrer: r.referrer_points ?? 0, friend: r.friend_points ?? 0 }));
  if (r.status === 'pending') lines.push(t('referrals.waiting'));
  return <Typography.Text type={r.status === 'blocked' ? 'danger' : 'secondary'}>{lines.join(i18n.language === 'en' ? '; ' : '；')}</Typography.Text>;
}

/** A member as a list names them: their name and number. */
export const memberLabel = (m: Referral['friend'], none: string) => `${m.name ?? none} · ${m.member_no ?? m.id}`;

/** The same, linked to their page, the number in grey, on one line. */
export function MemberLink({ m }: { m: Referral['friend'] }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Link to={`/members/${m.id}`}>{m.name ?? t('member.noName')}</Link>{' '}
      <Typography.Text type="secondary">{m.member_no ?? m.id}</Typography.Text>
    </span>
  );
}
