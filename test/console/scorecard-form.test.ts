// The scorecard editor's checks mirror the server's (ZScorecardIn): for each case below both
// must agree on whether the scorecard is accepted and on which field is wrong; the server's
// field paths land on the form field they name; the reading line says how a category counts.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../console/src/i18n/en.ts';
import { zh } from '../../console/src/i18n/zh.ts';
import {
  categoryIssue, categoryReading, formPath, newCategory, toInput, type CategoryField, type CategoryValues,
} from '../../console/src/routes/quality/scorecard-form.ts';
import { ZScorecardIn } from '../../src/modules/quality/quality.schema.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { zh: { translation: zh }, en: { translation: en } }, lng: 'zh', interpolation: { escapeValue: false } });
});

const cat = (over: Partial<CategoryValues> = {}): CategoryValues => ({
  key: 'compliance', name_zh: '合规', name_en: 'Compliance', weight: 30, min: 0, max: 2, critical: true, pass_mark: 2, na_allowed: false, ...over,
});
const FIELDS: CategoryField[] = ['key', 'name_zh', 'name_en', 'weight', 'min', 'max', 'pass_mark'];
const clientFields = (cs: CategoryValues[]) =>
  cs.flatMap((c, i) => FIELDS.filter((f) => categoryIssue(c, f, cs) !== null).map((f) => `categories[${i}].${f}`));
const serverFields = (cs: CategoryValues[]) => {
  const r = ZScorecardIn.safeParse(toInput({ name_zh: '评分表', name_en: 'Card', categories: cs }));
  if (r.success) return [];
  return r.error.issues.map((i) => (i.path.length >= 3 ? `categories[${String(i.path[1])}].${String(i.path[2])}` : i.path.join('.')));
};

describe('scorecard editor checks', () => {
  const cases: Array<[string, CategoryValues[], string[]]> = [
    ['a good critical category', [cat()], []],
    ['critical without a pass mark', [cat({ pass_mark: null })], ['categories[0].pass_mark']],
    ['pass mark at the bottom of the scale', [cat({ pass_mark: 0 })], ['categories[0].pass_mark']],
    ['pass mark above the top', [cat({ pass_mark: 3 })], ['categories[0].pass_mark']],
    ['a pass mark left on a category no longer critical', [cat({ critical: false, pass_mark: 9 })], []],
    ['top not above bottom', [cat({ min: 2, max: 2, critical: false })], ['categories[0].max']],
    ['weight 0', [cat({ weight: 0 })], ['categories[0].weight']],
    ['weight over 100', [cat({ weight: 101 })], ['categories[0].weight']],
    ['blank name', [cat({ name_zh: '  ' })], ['categories[0].name_zh']],
    ['a key with a capital', [cat({ key: 'Compliance' })], ['categories[0].key']],
  ];
  it.each(cases)('%s: the client and the server agree', (_, cs, expected) => {
    expect(clientFields(cs)).toEqual(expected);
    expect(serverFields(cs).sort()).toEqual(expected);
  });
  it('two categories with one key: the client names both, the server the list', () => {
    const cs = [cat(), cat({ critical: false })];
    expect(clientFields(cs)).toEqual(['categories[0].key', 'categories[1].key']);
    expect(serverFields(cs)).toEqual(['categories']);
  });
  it('a new category gets a key not taken', () => {
    // numbered after the categories already there, skipping one taken
    expect(newCategory(['greeting', 'solution']).key).toBe('item_3');
    expect(newCategory(['greeting', 'item_2']).key).toBe('item_3');
    expect(newCategory(['item_3', 'item_2']).key).toBe('item_4');
  });
});

describe('scorecard editor: server fields onto the form, and the reading', () => {
  it('maps the server\'s field paths onto form fields', () => {
    expect(formPath('categories[3].pass_mark')).toEqual(['categories', 3, 'pass_mark']);
    expect(formPath('body.categories.0.weight')).toEqual(['categories', 0, 'weight']);
    expect(formPath('name_en')).toEqual(['name_en']);
    expect(formPath('scorecard_id')).toBeNull();
    expect(formPath('categories')).toBeNull();
  });
  it('reads a category as a share of the weights, its scale, critical pass mark and N/A (zh, en)', () => {
    const all = [cat(), cat({ key: 'greeting', weight: 70, critical: false, pass_mark: null, na_allowed: true, min: 1, max: 5 })];
    expect(categoryReading(all[0]!, all, i18n.t)).toBe('权重 30% · 0–2 分 · 关键项，合格线 2');
    expect(categoryReading(all[1]!, all, i18n.t)).toBe('权重 70% · 1–5 分 · 可选「不适用」');
    expect(categoryReading(all[0]!, all, i18n.getFixedT('en'))).toBe('Weight 30% · scored 0–2 · critical, pass mark 2');
    expect(categoryReading(cat({ pass_mark: null }), [cat({ pass_mark: null })], i18n.t)).toBe('权重 100% · 0–2 分 · 关键项，合格线待填写');
    expect(categoryReading(cat({ pass_mark: 0 }), [cat({ pass_mark: 0 })], i18n.t)).toBe('权重 100% · 0–2 分 · 关键项，合格线待填写');
  });
});
