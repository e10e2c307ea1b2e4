import { z } from 'zod';
import { ZRuleCaps, ZRuleConditions, ZRuleEffect, ZRuleInput } from './rule.schema.ts';
import type { RuleRow } from './rule.table.ts';

export { ZRuleInput };
const STATUSES = ['active', 'paused', 'archived'] as const;
export const ZRuleStatusQuery = z.strictObject({ status: z.enum(STATUSES).optional().describe('Only rules in this status (default: all but archived)') });
export const ZRuleStatusChange = z.strictObject({ status: z.enum(STATUSES) }).meta({ id: 'RuleStatusChange' });

const ZRuleVersionInfo = z.object({
  version: z.number().int(), status: z.enum(STATUSES), effective_from: z.string(), effective_to: z.string().nullable(), actor: z.string().nullable(),
}).meta({ id: 'RuleVersionInfo' });

export const ZRule = z.object({
  id: z.string(), version: z.number().int().describe('The latest version'), status: z.enum(STATUSES),
  name: z.string(), name_en: z.string().nullable(), priority: z.number().int(), mode: z.enum(['exclusive', 'stackable']),
  valid_from: z.string().nullable(), valid_to: z.string().nullable(),
  conditions: ZRuleConditions, effect: ZRuleEffect, caps: ZRuleCaps, campaign_id: z.string().nullable(),
  effective_from: z.string().describe('When this version came into force'), actor: z.string().nullable(), created_at: z.string(),
  versions: z.array(ZRuleVersionInfo).optional().describe('Every version, newest first (reading one rule)'),
}).meta({ id: 'Rule' });
export type TRule = z.infer<typeof ZRule>;

export function toRule(r: RuleRow, versions?: RuleRow[]): TRule {
  return {
    id: r.id, version: r.version, status: r.status, name: r.name, name_en: r.name_en, priority: r.priority, mode: r.mode,
    valid_from: r.valid_from, valid_to: r.valid_to, conditions: r.conditions, effect: r.effect, caps: r.caps, campaign_id: r.campaign_id,
    effective_from: r.effective_from.toISOString(), actor: r.actor, created_at: r.created_at.toISOString(),
    ...(versions ? { versions: versions.map((v) => ({ version: v.version, status: v.status, effective_from: v.effective_from.toISOString(), effective_to: v.effective_to?.toISOString() ?? null, actor: v.actor })) } : {}),
  };
}
