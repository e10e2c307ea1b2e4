import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Rule, RuleCaps, RuleConditions, RuleEffect, RuleInput } from '../../api/types.ts';
import { formatFen, yuanToFen } from '../../lib/money.ts';
import { CAPS } from './rule-text.ts';

/** The editor's fields: what the operator types (yuan, ×2, dates), not the API's shape (fen, 200 %, strings). */
export interface RuleFormValues {
  name: string;
  name_en?: string | undefined;
  priority: number;
  mode: Rule['mode'];
  valid_from?: Dayjs | null | undefined;
  valid_to?: Dayjs | null | undefined;
  conditions: {
    stores?: string[] | undefined;
    categories?: string[] | undefined;
    skus?: string[] | undefined;
    tiers?: string[] | undefined;
    segments?: string[] | undefined;
    weekdays?: number[] | undefined;
    dates?: Dayjs[] | null | undefined;
    hours?: { from?: Dayjs | null | undefined; to?: Dayjs | null | undefined } | undefined;
    min_spend?: string | undefined;
    first_purchase?: boolean | undefined;
    birthday_month?: boolean | undefined;
  };
  effect: {
    kind: RuleEffect['kind'];
    scope: RuleEffect['scope'];
    /** the multiplier as said: 2 is 200 % */
    factor?: number | null | undefined;
    points?: number | null | undefined;
    per_yuan?: string | undefined;
  };
  caps: { [K in keyof RuleCaps]?: number | null | undefined };
  campaign_id?: string | null | undefined;
}

export const NEW_RULE: RuleFormValues = {
  name: '', priority: 10, mode: 'stackable', conditions: {},
  effect: { kind: 'multiplier', scope: 'purchase', factor: 2, points: 50, per_yuan: '1' }, caps: {},
};

const nonEmpty = <T>(xs: T[] | null | undefined): T[] | undefined => (xs && xs.length > 0 ? xs : undefined);
const num = (n: number | null | undefined): number | undefined => (n === null || n === undefined ? undefined : n);

/** The API's definition. */
export function toRuleInput(v: RuleFormValues): RuleInput {
  const c = v.conditions ?? {};
  const hours = c.hours?.from && c.hours?.to ? { from: c.hours.from.format('HH:mm'), to: c.hours.to.format('HH:mm') } : undefined;
  const minSpend = c.min_spend?.trim() ? yuanToFen(c.min_spend) ?? undefined : undefined;
  const conditions: RuleConditions = {
    stores: nonEmpty(c.stores), categories: nonEmpty(c.categories?.map((s) => s.trim()).filter(Boolean)),
    skus: nonEmpty(c.skus?.map((s) => s.trim()).filter(Boolean)), tiers: nonEmpty(c.tiers), segments: nonEmpty(c.segments),
    weekdays: nonEmpty(c.weekdays ? [...c.weekdays].sort() : undefined),
    dates: nonEmpty(c.dates ? [...new Set(c.dates.map((d) => d.format('YYYY-MM-DD')))].sort() : undefined),
    hours, min_spend_fen: minSpend, first_purchase: c.first_purchase || undefined, birthday_month: c.birthday_month || undefined,
  };
  for (const k of Object.keys(conditions) as (keyof RuleConditions)[]) if (conditions[k] === undefined) delete conditions[k];
  const e = v.effect;
  const effect: RuleEffect = e.kind === 'multiplier'
    ? { kind: 'multiplier', factor_pct: Math.round((e.factor ?? 0) * 100), scope: e.scope }
    : e.kind === 'fixed_bonus'
      ? { kind: 'fixed_bonus', points: e.points ?? 0, scope: e.scope }
      : { kind: 'points_per_spend', points: e.points ?? 0, per_fen: yuanToFen(e.per_yuan ?? '') ?? 0, scope: e.scope };
  const caps: RuleCaps = {};
  for (const [k] of CAPS) {
    const n = num(v.caps?.[k]);
    if (n !== undefined) caps[k] = n;
  }
  return {
    name: v.name.trim(), name_en: v.name_en?.trim() || null, priority: v.priority, mode: v.mode,
    valid_from: v.valid_from ? v.valid_from.format('YYYY-MM-DD') : null, valid_to: v.valid_to ? v.valid_to.format('YYYY-MM-DD') : null,
    conditions, effect, caps, campaign_id: v.campaign_id ?? null,
  };
}

const hhmm = (s: string) => dayjs(`2000-01-01T${s}`);

export function toFormValues(r: Rule): RuleFormValues {
  const c = r.conditions;
  const e = r.effect;
  return {
    name: r.name, name_en: r.name_en ?? undefined, priority: r.priority, mode: r.mode,
    valid_from: r.valid_from ? dayjs(r.valid_from) : null, valid_to: r.valid_to ? dayjs(r.valid_to) : null,
    conditions: {
      stores: c.stores, categories: c.categories, skus: c.skus, tiers: c.tiers, segments: c.segments, weekdays: c.weekdays,
      dates: c.dates?.map((d) => dayjs(d)), hours: c.hours ? { from: hhmm(c.hours.from), to: hhmm(c.hours.to) } : undefined,
      min_spend: c.min_spend_fen !== undefined ? formatFen(c.min_spend_fen).replace(/,/g, '') : undefined,
      first_purchase: c.first_purchase, birthday_month: c.birthday_month,
    },
    effect: {
      kind: e.kind, scope: e.scope,
      factor: e.kind === 'multiplier' ? e.factor_pct / 100 : 2,
      points: e.kind === 'multiplier' ? 50 : e.points,
      per_yuan: e.kind === 'points_per_spend' ? formatFen(e.per_fen).replace(/,/g, '') : '1',
    },
    caps: { ...r.caps },
    campaign_id: r.campaign_id,
  };
}

/** The API names a field by its path in the definition; these are the editor's fields it may name. */
const FORM_FIELDS: Record<string, (string | number)[]> = {
  name: ['name'], name_en: ['name_en'], priority: ['priority'], mode: ['mode'], valid_from: ['valid_from'], valid_to: ['valid_to'],
  'conditions.stores': ['conditions', 'stores'], 'conditions.categories': ['conditions', 'categories'], 'conditions.skus': ['conditions', 'skus'],
  'conditions.tiers': ['conditions', 'tiers'], 'conditions.segments': ['conditions', 'segments'], campaign_id: ['campaign_id'], 'conditions.weekdays': ['conditions', 'weekdays'], 'conditions.dates': ['conditions', 'dates'],
  'conditions.hours': ['conditions', 'hours', 'from'], 'conditions.hours.from': ['conditions', 'hours', 'from'], 'conditions.hours.to': ['conditions', 'hours', 'to'],
  'conditions.min_spend_fen': ['conditions', 'min_spend'],
  'effect.factor_pct': ['effect', 'factor'], 'effect.points': ['effect', 'points'], 'effect.per_fen': ['effect', 'per_yuan'], 'effect.scope': ['effect', 'scope'], 'effect.kind': ['effect', 'kind'],
  'caps.per_purchase': ['caps', 'per_purchase'], 'caps.per_member_day': ['caps', 'per_member_day'],
  'caps.per_member_month': ['caps', 'per_member_month'], 'caps.per_member_year': ['caps', 'per_member_year'],
};

/**
 * `conditions.weekdays[1]`, `body.caps.per_purchase`, `draft.effect.factor_pct` → the editor's field, or null.
 * `prefix` strips the part of the path that is not the rule (the simulate endpoint's `draft.`).
 */
export function formFieldOf(apiField: string, prefix = ''): (string | number)[] | null {
  let path = apiField.replace(/^body[./]/, '');
  if (prefix) {
    if (!path.startsWith(prefix)) return null;
    path = path.slice(prefix.length);
  }
  const parts = path.replace(/\[\d+\]/g, '').split('.').filter((s) => s && !/^\d+$/.test(s));
  for (let n = parts.length; n > 0; n--) {
    const hit = FORM_FIELDS[parts.slice(0, n).join('.')];
    if (hit) return hit;
  }
  return null;
}

interface FieldProblem {
  title: string;
  detail?: string | null | undefined;
  field?: string | null | undefined;
  errors?: { field: string; message: string }[] | null | undefined;
}

/** Puts a problem's messages on the fields they name; returns what no field took (null: all placed). */
export function placeProblem(form: FormInstance, p: FieldProblem, fieldOf: (apiField: string) => (string | number)[] | null): string | null {
  const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const put = (field: string, message: string) => {
    const name = fieldOf(field);
    if (!name) return false;
    const key = name.join('.');
    if (!placed.has(key)) placed.set(key, { name, errors: [message] });
    return true;
  };
  let rest = false;
  for (const e of p.errors ?? []) if (!put(e.field, e.message)) rest = true;
  if (!p.errors?.length && p.field && !put(p.field, p.detail ?? p.title)) rest = true;
  if (!p.errors?.length && !p.field) rest = true;
  form.setFields([...placed.values()]);
  return rest || placed.size === 0 ? (p.detail ?? p.title) : null;
}
