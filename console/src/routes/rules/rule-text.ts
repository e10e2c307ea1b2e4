import type { TFunction } from 'i18next';
import type { Rule, RuleCaps, RuleConditions, RuleEffect } from '../../api/types.ts';
import { formatFen, formatPoints } from '../../lib/money.ts';

/** 200 → "2", 150 → "1.5": a multiplier as the operator says it. */
export const factorText = (pct: number): string => String(pct / 100);

/** Fen as yuan without trailing zeros: 100 → "1", 150 → "1.5". */
export const yuanText = (fen: number): string => formatFen(fen).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');

/** "消费积分 ×2", "每笔加赠 50 分", "每 1 元 3 分". */
export function effectText(t: TFunction, e: RuleEffect): string {
  const perLine = e.scope === 'line' ? t('rules.effectText.perLine') : '';
  switch (e.kind) {
    case 'multiplier':
      return t('rules.effectText.multiplier', { factor: factorText(e.factor_pct) }) + perLine;
    case 'fixed_bonus':
      return t(e.scope === 'line' ? 'rules.effectText.fixed_bonus_line' : 'rules.effectText.fixed_bonus_purchase', { points: e.points });
    case 'points_per_spend':
      return t('rules.effectText.points_per_spend', { points: e.points, yuan: yuanText(e.per_fen) }) + perLine;
  }
}

interface Names {
  stores: ReadonlyMap<string, string>;
  tiers: ReadonlyMap<string, string>;
}

/** Each condition in words, one tag each; an empty list means the rule applies to every purchase. */
export function conditionTexts(t: TFunction, c: RuleConditions, names: Names): string[] {
  const list = (xs: string[], map?: ReadonlyMap<string, string>) => xs.map((x) => map?.get(x) ?? x).join(t('rules.listSep'));
  const out: string[] = [];
  if (c.weekdays) out.push([...c.weekdays].sort().map((d) => t(`rules.weekdays.${d}`)).join(t('rules.listSep')));
  if (c.dates) out.push(t('rules.cond.dates', { list: list(c.dates) }));
  if (c.hours) out.push(t('rules.cond.hours', { from: c.hours.from, to: c.hours.to }));
  if (c.categories) out.push(t('rules.cond.categories', { list: list(c.categories) }));
  if (c.skus) out.push(t('rules.cond.skus', { list: list(c.skus) }));
  if (c.min_spend_fen !== undefined) out.push(t('rules.cond.minSpend', { yuan: yuanText(c.min_spend_fen) }));
  if (c.first_purchase) out.push(t('rules.cond.firstPurchase'));
  if (c.birthday_month) out.push(t('rules.cond.birthdayMonth'));
  if (c.tiers) out.push(t('rules.cond.tiers', { list: list(c.tiers, names.tiers) }));
  if (c.segments) out.push(t('rules.cond.segments', { count: c.segments.length }));
  if (c.stores) out.push(t('rules.cond.stores', { list: list(c.stores, names.stores) }));
  return out;
}

/** The caps (of a rule, or of the program) and their labels' keys, in the order they are shown. */
export const CAPS = [['per_purchase', 'capPerPurchase'], ['per_member_day', 'capDay'], ['per_member_month', 'capMonth'], ['per_member_year', 'capYear']] as const;

/** A rule's own caps in words: "单笔上限 5,000". */
export function capTexts(t: TFunction, caps: RuleCaps): string[] {
  return CAPS.filter(([k]) => caps[k] !== undefined).map(([k, label]) => `${t(`rules.editor.${label}`)} ${formatPoints(caps[k]!)}`);
}

/** "长期有效", "2026-11-01 ~ 2026-11-30", "2026-11-01 起", "至 2026-11-30". */
export function validityText(t: TFunction, r: Pick<Rule, 'valid_from' | 'valid_to'>): string {
  if (r.valid_from && r.valid_to) return `${r.valid_from} ~ ${r.valid_to}`;
  if (r.valid_from) return t('rules.from', { date: r.valid_from });
  if (r.valid_to) return t('rules.until', { date: r.valid_to });
  return t('rules.always');
}
