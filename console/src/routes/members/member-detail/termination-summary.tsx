import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TerminationSettlement } from '../../../api/types.ts';
import { formatFen } from '../../../lib/money.ts';

const name = (x: { name: string; name_en: string | null }, lang: string) => (lang === 'en' && x.name_en ? x.name_en : x.name);

/**
 * What a termination settles, line by line: before confirming (`done` false: what it will do)
 * and after (what it did). The figures are the server's (the preview and the answer's `settled`).
 */
export function TerminationSummary({ s, done, testId }: { s: TerminationSettlement; done: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = (key: string) => `termination.${done ? 'did' : 'will'}.${key}`;
  const lines: string[] = [t(k('points'), { points: s.points_forfeited }) + (s.points_returned > 0 ? t('termination.returned', { points: s.points_returned }) : '')];
  if (s.coupons_voided > 0) lines.push(t(k('coupons'), { count: s.coupons_voided }));
  if (s.redemptions_cancelled.length > 0) {
    const names = s.redemptions_cancelled.map((r) => name({ name: r.reward_name, name_en: r.reward_name_en }, lang)).join(t('termination.sep'));
    lines.push(t(k('redemptions'), { count: s.redemptions_cancelled.length, names }));
  }
  for (const seat of s.seats_released) lines.push(t(k('seat'), { company: seat.company_name ?? name({ name: seat.plan_name, name_en: seat.plan_name_en }, lang) }));
  const vip = s.vip_membership_ended;
  if (vip) {
    const plan = name({ name: vip.plan_name, name_en: vip.plan_name_en }, lang);
    lines.push(vip.refund_fen > 0 ? t(k('vipRefund'), { plan, refund: `¥${formatFen(vip.refund_fen)}` }) : t(k('vip'), { plan }));
  }
  if (s.cases_left_open.length > 0) lines.push(t('termination.cases', { count: s.cases_left_open.length, numbers: s.cases_left_open.map((c) => c.number).join(t('termination.sep')) }));
  return (
    <ul style={{ paddingInlineStart: 20, margin: 0 }} data-testid={testId}>
      {lines.map((line) => <li key={line}><Typography.Text>{line}</Typography.Text></li>)}
    </ul>
  );
}
