import dayjs from 'dayjs';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../console/src/i18n/en.ts';
import { zh } from '../../console/src/i18n/zh.ts';
import { formFieldOf, toFormValues, toRuleInput, NEW_RULE } from '../../console/src/routes/rules/rule-form.ts';
import { conditionTexts, effectText, validityText } from '../../console/src/routes/rules/rule-text.ts';
import type { Rule } from '../../console/src/api/types.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { zh: { translation: zh }, en: { translation: en } }, lng: 'zh', interpolation: { escapeValue: false } });
});

const rule = (over: Partial<Rule>): Rule => ({
  id: 'rul_1', version: 1, status: 'active', name: '周末双倍积分', name_en: null, priority: 10, mode: 'stackable', valid_from: null, valid_to: null,
  conditions: {}, effect: { kind: 'multiplier', factor_pct: 200, scope: 'purchase' }, caps: {}, campaign_id: null,
  effective_from: '2026-11-01T00:00:00Z', actor: null, created_at: '2026-11-01T00:00:00Z', ...over,
});

describe('rules in words', () => {
  it('says an effect as an operator would', () => {
    const t = i18n.getFixedT('zh');
    expect(effectText(t, { kind: 'multiplier', factor_pct: 200, scope: 'purchase' })).toBe('消费积分 ×2');
    expect(effectText(t, { kind: 'multiplier', factor_pct: 150, scope: 'purchase' })).toBe('消费积分 ×1.5');
    expect(effectText(t, { kind: 'fixed_bonus', points: 50, scope: 'purchase' })).toBe('每笔加赠 50 分');
    expect(effectText(t, { kind: 'points_per_spend', points: 3, per_fen: 100, scope: 'purchase' })).toBe('每 1 元 3 分');
    expect(effectText(i18n.getFixedT('en'), { kind: 'fixed_bonus', points: 50, scope: 'line' })).toBe('+50 points per line');
  });

  it('names each condition, with store and tier names', () => {
    const t = i18n.getFixedT('zh');
    const names = { stores: new Map([['sto_1', '上海徐汇店']]), tiers: new Map([['tier_1', '金卡']]) };
    expect(conditionTexts(t, { weekdays: [7, 6], min_spend_fen: 10_000, stores: ['sto_1'], tiers: ['tier_1'], first_purchase: true }, names))
      .toEqual(['周六、周日', '满 100 元', '首单', '等级：金卡', '门店：上海徐汇店']);
    expect(validityText(t, rule({ valid_from: '2026-11-01', valid_to: '2026-11-30' }))).toBe('2026-11-01 ~ 2026-11-30');
    expect(validityText(t, rule({}))).toBe('长期有效');
  });
});

describe('the rule editor form', () => {
  it('turns what the operator typed into the API definition: yuan to fen, ×2 to 200 %, no empty lists', () => {
    const input = toRuleInput({
      ...NEW_RULE, name: ' 双倍积分 ', valid_to: dayjs('2026-12-31'),
      conditions: { weekdays: [7, 6], categories: [' beauty ', ''], stores: [], dates: [dayjs('2026-11-11'), dayjs('2026-11-11')], min_spend: '99.9',
        hours: { from: dayjs('2000-01-01T22:00'), to: dayjs('2000-01-01T02:00') } },
      effect: { kind: 'multiplier', scope: 'purchase', factor: 2 }, caps: { per_purchase: 500, per_member_day: null },
    });
    expect(input).toEqual({
      name: '双倍积分', name_en: null, priority: 10, mode: 'stackable', valid_from: null, valid_to: '2026-12-31',
      conditions: { weekdays: [6, 7], categories: ['beauty'], dates: ['2026-11-11'], min_spend_fen: 9_990, hours: { from: '22:00', to: '02:00' } },
      effect: { kind: 'multiplier', factor_pct: 200, scope: 'purchase' }, caps: { per_purchase: 500 }, campaign_id: null,
    });
  });

  it('reads a rule back unchanged, its segments and campaign included', () => {
    const r = rule({ conditions: { segments: ['seg_1'], skus: ['A'] }, effect: { kind: 'points_per_spend', points: 3, per_fen: 150, scope: 'line' }, campaign_id: 'cmp_1' });
    expect(toRuleInput(toFormValues(r))).toMatchObject({ conditions: r.conditions, effect: r.effect, campaign_id: 'cmp_1' });
    expect(toRuleInput({ ...toFormValues(r), campaign_id: null, conditions: { ...toFormValues(r).conditions, segments: [] } })).toMatchObject({ conditions: { skus: ['A'] }, campaign_id: null });
  });

  it('puts a server error on the field it names', () => {
    expect(formFieldOf('conditions.weekdays[1]')).toEqual(['conditions', 'weekdays']);
    expect(formFieldOf('body.effect.factor_pct')).toEqual(['effect', 'factor']);
    expect(formFieldOf('draft.conditions.min_spend_fen', 'draft.')).toEqual(['conditions', 'min_spend']);
    expect(formFieldOf('purchase.amount_fen', 'draft.')).toBeNull();
    expect(formFieldOf('valid_to')).toEqual(['valid_to']);
  });
});
