import { addDays, addMonths, startOfDay } from '../../platform/time.ts';
import type { Period } from './rights.table.ts';

// How long each kind of data is kept (PIPL 第十九条: no longer than the purpose needs; seed
// 003 §5.2 定期清理过时信息). A program may change a period; a kind it leaves alone keeps the
// default. The audit log is not among them: it is the record of who did what with members'
// data (管理职责) and a tamper-evident hash chain that deleting would break, and it holds
// personal data only masked.
export const RETENTION_KINDS = {
  terminated_members: {
    default: { n: 3, unit: 'year' }, action: 'anonymise',
    zh: '已注销会员的个人信息（注销后）', en: 'Terminated members\' personal data (after termination)',
  },
  purchase_lines: {
    default: { n: 5, unit: 'year' }, action: 'clear',
    zh: '消费明细（商品行；金额与积分保留）', en: 'Purchase line details (amounts and points stay)',
  },
  expired_coupons: {
    default: { n: 2, unit: 'year' }, action: 'delete',
    zh: '过期未用的券码（有效期结束后）', en: 'Unused coupon codes (after they expired)',
  },
  idempotency_records: {
    default: { n: 30, unit: 'day' }, action: 'delete',
    zh: '接口重试记录', en: 'API retry (idempotency) records',
  },
  referral_signals: {
    default: { n: 1, unit: 'year' }, action: 'delete',
    zh: '推荐风控信号', en: 'Referral check signals',
  },
  rights_exports: {
    default: { n: 30, unit: 'day' }, action: 'expire',
    zh: '个人信息副本的下载（完成后）', en: 'Downloads of completed copies (after completion)',
  },
  // every change writes an event (platform/outbox.ts) that the notification relay turns into
  // messages within minutes; kept a while for an operator's replay, then it is only a copy of
  // data the modules hold (with names and notes in its payload), and it would grow forever
  outbox_events: {
    default: { n: 90, unit: 'day' }, action: 'delete',
    zh: '系统事件记录（消息通知已据此发出）', en: 'System event records (the notifications were sent from them)',
  },
} as const satisfies Record<string, { default: Period; action: string; zh: string; en: string }>;
export type RetentionKind = keyof typeof RETENTION_KINDS;
export const RETENTION_KIND_NAMES = Object.keys(RETENTION_KINDS) as RetentionKind[];

/** The periods in force: the program's own, else the defaults. */
export function periodsOf(stored: Record<string, Period> | undefined): Record<RetentionKind, Period> {
  return Object.fromEntries(RETENTION_KIND_NAMES.map((k) => [k, stored?.[k] ?? RETENTION_KINDS[k].default])) as Record<RetentionKind, Period>;
}

/** The local date a period before `date`. */
export function minus(date: string, p: Period): string {
  if (p.unit === 'day') return addDays(date, -p.n);
  return addMonths(date, -(p.unit === 'year' ? 12 * p.n : p.n));
}

/** The local date a period after `date`. */
export const plus = (date: string, p: Period): string => minus(date, { n: -p.n, unit: p.unit });

/**
 * The instant before which a row is past its period on the local day asOf: a row of local
 * day D is kept through D + period and goes on the day after. Kept 30 days: a row of 1 Jan
 * stays on 31 Jan, goes on 1 Feb.
 */
export function cutoff(asOf: string, p: Period, timeZone: string): Date {
  return startOfDay(minus(asOf, p), timeZone);
}
