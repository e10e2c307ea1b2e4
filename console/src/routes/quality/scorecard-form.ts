// The scorecard editor's pure half: form values ⇄ the API's body, the checks the server makes
// (src/modules/quality/quality.schema.ts ZCategory / ZScorecardIn, mirrored so the operator
// sees them before saving), the server's field paths mapped back onto the form, and the
// one-line reading of how a category counts in the score.
import type { TFunction } from 'i18next';
import type { Scorecard, ScorecardIn } from '../../api/quality.ts';

export interface CategoryValues {
  key: string;
  name_zh: string;
  name_en: string;
  weight: number | null;
  min: number | null;
  max: number | null;
  critical: boolean;
  pass_mark: number | null;
  na_allowed: boolean;
}
export interface ScorecardValues { name_zh: string; name_en: string; categories: CategoryValues[] }
export type CategoryField = keyof CategoryValues;

export const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;
export const LIMITS = { name: 60, categories: 30, weight: [1, 100], min: [0, 10], max: [1, 10] } as const;

/** A key not yet in the card: item_1, item_2, … (the operator may rename it). */
export function newKey(taken: readonly string[]): string {
  for (let i = taken.length + 1; ; i++) if (!taken.includes(`item_${i}`)) return `item_${i}`;
}
export const newCategory = (taken: readonly string[]): CategoryValues => ({
  key: newKey(taken), name_zh: '', name_en: '', weight: 10, min: 0, max: 2, critical: false, pass_mark: null, na_allowed: false,
});
export const NEW_SCORECARD = (): ScorecardValues => ({ name_zh: '', name_en: '', categories: [newCategory([])] });

export const toFormValues = (card: Scorecard): ScorecardValues => ({
  name_zh: card.name_zh, name_en: card.name_en, categories: card.categories.map((c) => ({ ...c })),
});

/** The body the API takes; a pass mark only travels with a critical category. */
export const toInput = (v: ScorecardValues): ScorecardIn => ({
  name_zh: v.name_zh.trim(), name_en: v.name_en.trim(),
  categories: v.categories.map((c) => ({
    key: c.key.trim(), name_zh: c.name_zh.trim(), name_en: c.name_en.trim(), weight: c.weight ?? 0, min: c.min ?? 0, max: c.max ?? 0,
    critical: c.critical, pass_mark: c.critical ? c.pass_mark : null, na_allowed: c.na_allowed,
  })),
});

const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const inRange = (v: unknown, [lo, hi]: readonly [number, number]) => int(v) && v >= lo && v <= hi;

/**
 * What is wrong with one field of a category, as an i18n key under quality.editor.check
 * (null when nothing): the server's rules, in the same order it applies them.
 */
export function categoryIssue(c: CategoryValues, field: CategoryField, all: readonly CategoryValues[]): string | null {
  switch (field) {
    case 'key':
      if (!KEY_RE.test(c.key.trim())) return 'key';
      return all.filter((x) => x.key.trim() === c.key.trim()).length > 1 ? 'duplicateKey' : null;
    case 'name_zh': case 'name_en':
      return !c[field].trim() ? 'required' : c[field].trim().length > LIMITS.name ? 'tooLong' : null;
    case 'weight': return inRange(c.weight, LIMITS.weight) ? null : 'weight';
    case 'min': return inRange(c.min, LIMITS.min) ? null : 'min';
    case 'max':
      if (!inRange(c.max, LIMITS.max)) return 'max';
      return int(c.min) && c.max! <= c.min ? 'scale' : null;
    case 'pass_mark':
      if (!c.critical) return null;
      if (!int(c.pass_mark)) return 'passMarkRequired';
      return (int(c.min) && c.pass_mark <= c.min) || (int(c.max) && c.pass_mark > c.max) ? 'passMark' : null;
    default: return null;
  }
}

/**
 * Where on the form a server problem's field belongs: `categories[3].pass_mark` (how the server
 * names it), `body.categories.3.pass_mark`, `name_zh`; null when the form has no such field.
 */
export function formPath(apiField: string): (string | number)[] | null {
  const parts = apiField.replace(/^body[./]/, '').split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (parts.length === 1 && (parts[0] === 'name_zh' || parts[0] === 'name_en')) return parts;
  if (parts[0] === 'categories' && typeof parts[1] === 'number' && typeof parts[2] === 'string') return parts.slice(0, 3);
  return null;
}

/** "权重 30% · 0–2 分 · 关键项，合格线 2 · 可选「不适用」": how the category counts in a review's score. */
export function categoryReading(c: CategoryValues, all: readonly CategoryValues[], t: TFunction): string {
  const total = all.reduce((a, x) => a + (int(x.weight) ? x.weight : 0), 0);
  const share = int(c.weight) && total > 0 ? Math.round((c.weight / total) * 100) : null;
  const parts = [
    share === null ? t('quality.editor.reading.noWeight') : t('quality.editor.reading.weight', { pct: share }),
    int(c.min) && int(c.max) && c.max > c.min ? t('quality.editor.reading.scale', { min: c.min, max: c.max }) : t('quality.editor.reading.noScale'),
  ];
  if (c.critical) parts.push(categoryIssue(c, 'pass_mark', all) === null ? t('quality.editor.reading.critical', { mark: c.pass_mark }) : t('quality.editor.reading.criticalNoMark'));
  if (c.na_allowed) parts.push(t('quality.editor.reading.na'));
  return parts.join(' · ');
}
