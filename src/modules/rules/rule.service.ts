import { ttlCache } from '../../platform/cache.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { ruleArchived } from './rule.errors.ts';
import * as repo from './rule.repository.ts';
import type { RuleCaps, RuleConditions, RuleEffect, RuleVersion } from './rule.ts';
import type { RuleRow } from './rule.table.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';

/** What an operator writes: a rule's definition (every edit is a new version). */
export interface RuleInput {
  name: string;
  name_en?: string | null;
  priority: number;
  mode: 'exclusive' | 'stackable';
  valid_from?: string | null;
  valid_to?: string | null;
  conditions: RuleConditions;
  effect: RuleEffect;
  caps?: RuleCaps;
  campaign_id?: string | null;
}
export type RuleStatus = RuleRow['status'];

// Every purchase reads the program's rule versions; a short-lived cache keeps that off the
// database (edits in this process clear it at once, other instances within the TTL).
const RULES_TTL_MS = 5_000;

export function toVersion(r: RuleRow): RuleVersion {
  return {
    id: r.id, version: r.version, name: r.name, name_en: r.name_en, priority: r.priority, mode: r.mode,
    valid_from: r.valid_from, valid_to: r.valid_to, effective_from: r.effective_from, effective_to: r.effective_to,
    active: r.status === 'active', conditions: r.conditions, effect: r.effect, caps: r.caps, campaign_id: r.campaign_id,
  };
}

export function ruleService(ctx: Ctx) {
  const cache = ttlCache<string, RuleVersion[]>(ctx, { ttlMs: RULES_TTL_MS });

  /** Closes the version in force and opens the next one with `change` applied, at one instant. */
  async function nextVersion(programId: string, id: string, actor: string | null, change: (latest: RuleRow) => Partial<RuleRow> | null): Promise<Result<RuleRow>> {
    return inTransaction(ctx.db, async (trx) => {
      const latest = await repo.lockLatest(trx, programId, id);
      if (!latest) return notFound('rule', 'rule_id');
      if (latest.status === 'archived') return ruleArchived(id);
      const patch = change(latest);
      if (!patch) return latest;
      const at = new Date();
      await repo.closeVersion(trx, programId, id, latest.version, at);
      const next = { ...latest, ...patch };
      const row = await repo.insertVersion(trx, {
        ...next, version: latest.version + 1, effective_from: at, effective_to: null, actor,
        conditions: JSON.stringify(next.conditions), effect: JSON.stringify(next.effect), caps: JSON.stringify(next.caps), created_at: undefined,
      });
      cache.delete(programId);
      return row;
    });
  }

  return {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['earn_counters', '积分上限计数', 'Earning cap counters'],
    ]),
    /** Every version of every rule: the engine picks those in force at a purchase's time. */
    async versions(programId: string): Promise<RuleVersion[]> {
      const hit = cache.get(programId);
      if (hit) return hit;
      const rows = (await repo.listVersions(ctx.db, programId)).map(toVersion);
      cache.set(programId, rows);
      return rows;
    },
    /** Each rule's latest version (archived ones only when asked). */
    async list(programId: string, status?: RuleStatus): Promise<RuleRow[]> {
      const latest = new Map<string, RuleRow>();
      for (const r of await repo.listVersions(ctx.db, programId)) latest.set(r.id, r);
      return [...latest.values()].filter((r) => (status ? r.status === status : r.status !== 'archived'))
        .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
    },
    /** A rule's versions, newest first. */
    async history(programId: string, id: string): Promise<Result<RuleRow[]>> {
      const rows = await repo.ruleVersions(ctx.db, programId, id);
      return rows.length ? rows : notFound('rule', 'rule_id');
    },
    async create(programId: string, input: RuleInput, actor: string | null) {
      const row = await repo.insertVersion(ctx.db, {
        program_id: programId, id: newId('rul'), version: 1, status: 'active', ...fields(input),
        effective_from: new Date(), effective_to: null, actor,
      });
      cache.delete(programId);
      return row;
    },
    update: (programId: string, id: string, input: RuleInput, actor: string | null) =>
      nextVersion(programId, id, actor, () => {
        const f = fields(input);
        return { ...f, conditions: input.conditions, effect: input.effect, caps: input.caps ?? {} } as Partial<RuleRow>;
      }),
    setStatus: (programId: string, id: string, status: RuleStatus, actor: string | null) =>
      nextVersion(programId, id, actor, (latest) => (latest.status === status ? null : { status })),
  };
}
export type RuleService = ReturnType<typeof ruleService>;

function fields(input: RuleInput) {
  return {
    name: input.name, name_en: input.name_en ?? null, priority: input.priority, mode: input.mode,
    valid_from: input.valid_from ?? null, valid_to: input.valid_to ?? null,
    conditions: JSON.stringify(input.conditions), effect: JSON.stringify(input.effect), caps: JSON.stringify(input.caps ?? {}),
    campaign_id: input.campaign_id ?? null,
  };
}

/** An unsaved rule as the engine sees it: in force at any time, standing in for `id` if given. */
export function draftVersion(input: RuleInput & { id?: string }): RuleVersion {
  return {
    id: input.id ?? 'draft', version: 0, name: input.name, name_en: input.name_en ?? null, priority: input.priority, mode: input.mode,
    valid_from: input.valid_from ?? null, valid_to: input.valid_to ?? null, effective_from: new Date(0), effective_to: null, active: true,
    conditions: input.conditions, effect: input.effect, caps: input.caps ?? {}, campaign_id: input.campaign_id ?? null,
  };
}
