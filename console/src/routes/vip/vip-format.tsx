import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VipMembership, VipPlan } from '../../api/vip.ts';
import { formatFen } from '../../lib/money.ts';

const COLORS: Record<VipMembership['status'], string> = { active: 'green', expired: 'default', ended: 'volcano' };

/** A membership's status; an active one ending within 30 days says so. */
export function VipStatusTag({ m }: { m: Pick<VipMembership, 'status' | 'days_left'> }) {
  const { t } = useTranslation();
  if (m.status === 'active' && m.days_left <= 30) return <Tag color="orange" data-testid="vip-status">{t('vip.expiringIn', { n: m.days_left })}</Tag>;
  return <Tag color={COLORS[m.status]} data-testid="vip-status">{t(`vip.statuses.${m.status}`)}</Tag>;
}

export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `¥${formatFen(fen)}`);

export function planName(p: { name: string; name_en: string | null }, lang: string) {
  return lang === 'en' && p.name_en ? p.name_en : p.name;
}

/** Who holds a membership: the company, or the one member. */
export function holder(m: VipMembership) {
  if (m.kind === 'corporate') return m.company_name ?? '—';
  const s = m.members[0]?.member;
  return s ? `${s.name ?? '—'} · ${s.member_no ?? ''}` : '—';
}

export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'other'] as const;
export type PlanLike = Pick<VipPlan, 'kind' | 'annual_fee_fen' | 'term_months'>;
