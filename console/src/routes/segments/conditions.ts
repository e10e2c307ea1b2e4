import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { MemberStatus, SegmentConditions, Store, Tier } from '../../api/types.ts';
import { formatFen, yuanToFen } from '../../lib/money.ts';

export const WINDOWS = [30, 90, 180, 365] as const;
export type Window = (typeof WINDOWS)[number];

/** The editor's form: what an operator types, turned into the API's conditions by toConditions. */
export interface ConditionValues {
  tiers?: string[];
  stores?: string[];
  status?: MemberStatus[];
  consent?: 'any' | 'yes' | 'no';
  spendWindow?: Window;
  spendMin?: string;
  spendMax?: string;
  visitsWindow?: Window;
  visitsMin?: number | null;
  visitsMax?: number | null;
  daysMin?: number | null;
  daysMax?: number | null;
  enrolled?: [Dayjs | null, Dayjs | null] | null;
  birthdayMonth?: 'any' | 'current' | number;
  r?: number | null;
  f?: number | null;
  m?: number | null;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);
const fen = (v: string | undefined) => (v && v.trim() ? (yuanToFen(v) ?? undefined) : undefined);
const range = <T>(min: T | undefined, max: T | undefined) =>
  min === undefined && max === undefined ? undefined : { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };

export function toConditions(v: ConditionValues): SegmentConditions {
  const c: SegmentConditions = {};
  if (v.tiers?.length) c.tiers = { any_of: v.tiers };
  if (v.stores?.length) c.stores = { any_of: v.stores };
  if (v.status?.length) c.status = { any_of: v.status };
  if (v.consent === 'yes' || v.consent === 'no') c.marketing_consent = v.consent === 'yes';
  const spend = range(fen(v.spendMin), fen(v.spendMax));
  if (spend) c.spend_fen = { window_days: v.spendWindow ?? 90, ...spend };
  const visits = range(num(v.visitsMin), num(v.visitsMax));
  if (visits) c.visits = { window_days: v.visitsWindow ?? 90, ...visits };
  const days = range(num(v.daysMin), num(v.daysMax));
  if (days) c.days_since_last_purchase = days;
  const [from, to] = v.enrolled ?? [null, null];
  if (from || to) c.enrolled = { ...(from ? { from: from.format('YYYY-MM-DD') } : {}), ...(to ? { to: to.format('YYYY-MM-DD') } : {}) };
  if (v.birthdayMonth !== undefined && v.birthdayMonth !== 'any') c.birthday_month = v.birthdayMonth;
  const rfm = Object.fromEntries((['r', 'f', 'm'] as const).flatMap((k) => (v[k] ? [[k, { min: v[k] }]] : [])));
  if (Object.keys(rfm).length) c.rfm = rfm;
  return c;
}

export function fromConditions(c: SegmentConditions): ConditionValues {
  return {
    tiers: c.tiers?.any_of ?? [],
    stores: c.stores?.any_of ?? [],
    status: c.status?.any_of ?? [],
    consent: c.marketing_consent === undefined ? 'any' : c.marketing_consent ? 'yes' : 'no',
    spendWindow: (c.spend_fen?.window_days ?? 90) as Window,
    spendMin: c.spend_fen?.min !== undefined ? formatFen(c.spend_fen.min).replaceAll(',', '') : undefined,
    spendMax: c.spend_fen?.max !== undefined ? formatFen(c.spend_fen.max).replaceAll(',', '') : undefined,
    visitsWindow: (c.visits?.window_days ?? 90) as Window,
    visitsMin: c.visits?.min ?? null,
    visitsMax: c.visits?.max ?? null,
    daysMin: c.days_since_last_purchase?.min ?? null,
    daysMax: c.days_since_last_purchase?.max ?? null,
    enrolled: c.enrolled ? [c.enrolled.from ? dayjs(c.enrolled.from) : null, c.enrolled.to ? dayjs(c.enrolled.to) : null] : null,
    birthdayMonth: c.birthday_month ?? 'any',
    r: c.rfm?.r?.min ?? null,
    f: c.rfm?.f?.min ?? null,
    m: c.rfm?.m?.min ?? null,
  };
}

/** One short phrase per condition, for a list or a card. */
export function describeConditions(c: SegmentConditions, t: TFunction, names: { tiers: Tier[]; stores: Store[] }): string[] {
  const out: string[] = [];
  const r = (x: { min?: number; max?: number }, f: (n: number) => string = String) =>
    x.min !== undefined && x.max !== undefined ? `${f(x.min)}–${f(x.max)}`
      : x.min !== undefined ? t('segments.summary.atLeast', { min: f(x.min) }) : t('segments.summary.atMost', { max: f(x.max ?? 0) });
  const list = (ids: string[], all: { id: string; name: string }[]) => ids.map((id) => all.find((x) => x.id === id)?.name ?? id).join(t('segments.sep'));
  if (c.tiers) out.push(t('segments.summary.tiers', { list: list(c.tiers.any_of, names.tiers) }));
  if (c.stores) out.push(t('segments.summary.stores', { list: list(c.stores.any_of, names.stores) }));
  if (c.status) out.push(t('segments.summary.status', { list: c.status.any_of.map((s) => t(`member.statuses.${s}`)).join(t('segments.sep')) }));
  if (c.marketing_consent !== undefined) out.push(t(c.marketing_consent ? 'segments.summary.consent' : 'segments.summary.noConsent'));
  if (c.spend_fen) out.push(t('segments.summary.spend', { window: t(`segments.windows.${c.spend_fen.window_days}`), range: r(c.spend_fen, (n) => formatFen(n)) }));
  if (c.visits) out.push(t('segments.summary.visits', { window: t(`segments.windows.${c.visits.window_days}`), range: r(c.visits) }));
  if (c.days_since_last_purchase) out.push(t('segments.summary.daysSince', { range: r(c.days_since_last_purchase) }));
  if (c.enrolled) out.push(t('segments.summary.enrolled', { range: `${c.enrolled.from ?? '…'} ${t('segments.to')} ${c.enrolled.to ?? '…'}` }));
  if (c.birthday_month !== undefined) {
    out.push(t('segments.summary.birthday', { month: c.birthday_month === 'current' ? t('segments.currentMonth') : t('segments.month', { month: c.birthday_month }) }));
  }
  if (c.rfm) {
    const parts = (['r', 'f', 'm'] as const).flatMap((k) => (c.rfm?.[k] ? [`${k.toUpperCase()} ${r(c.rfm[k])}`] : []));
    out.push(t('segments.summary.rfm', { list: parts.join(t('segments.sep')) }));
  }
  return out;
}
