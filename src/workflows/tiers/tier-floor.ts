import type { Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import { addDays, localDate } from '../../platform/time.ts';
import { asks, decide, TIER_MESSAGES, type TMemberTier, type TTierFloorCreate } from '../../modules/tiers/index.ts';
import type { Modules } from '../../services.ts';
import { stateOf } from './evaluate-tiers.ts';
import { memberTier } from './member-tier.ts';
import { moveTier } from './move-tier.ts';

/**
 * Manual assignment (人工调整等级): puts the member in the tier at once, up or down, with a
 * reason, and holds it as a floor until ends_on (inclusive) or until ended by hand: the
 * figure may lift the member above it, nothing drops them below it. The audit is the
 * floor row and the tier period, both with the actor.
 */
export async function assignTierFloor(s: Modules, programId: string, memberId: string, input: TTierFloorCreate, actor: Principal, key: string | undefined, now = new Date()): Promise<Result<{ status: number; body: TMemberTier; replayed: boolean }>> {
  return idempotent(s.ctx.db, { programId, scope: 'tier_floor', key, hash: requestHash({ memberId, ...input }) }, async () => {
    const settings = await s.programs.settings(programId);
    if (isFailure(settings)) return settings;
    const status = await s.members.requireStatus(programId, memberId, ['active', 'suspended']);
    if (isFailure(status)) return status;
    const table = await s.tiers.table(programId);
    const tier = table.tiers.find((t) => t.id === input.tier_id);
    if (!tier) return notFound('tier', 'tier_id');
    if (input.ends_on && input.ends_on < localDate(now, settings.timeZone)) return validation('ends_on', TIER_MESSAGES.ends_on_past());
    const row = await s.members.lockTier(programId, memberId);
    await s.tiers.addFloor(programId, memberId, input, actor.keyId, now);
    if (row!.tier_id !== tier.id) {
      await moveTier(s, programId, memberId, { from: row!.tier_id, to: tier.id, source: 'manual', reason: input.reason, actor: actor.keyId, at: now });
    }
    const body = await memberTier(s, programId, memberId, now);
    if (isFailure(body)) return body;
    return { status: 201, body };
  });
}

/**
 * Ends the member's manual floor now. The member then keeps the tier while the figure
 * meets its keep threshold, else falls to the tier the figure keeps (floor_end), at once:
 * the floor's end was chosen by hand.
 */
export async function endTierFloor(s: Modules, programId: string, memberId: string, actor: Principal, key: string | undefined, now = new Date()): Promise<Result<{ status: number; body: TMemberTier; replayed: boolean }>> {
  return idempotent(s.ctx.db, { programId, scope: 'tier_floor_end', key, hash: requestHash({ memberId }) }, async () => {
    const settings = await s.programs.settings(programId);
    if (isFailure(settings)) return settings;
    const row = await s.members.lockTier(programId, memberId);
    if (!row) return notFound('member', 'member_id');
    const tz = settings.timeZone;
    const today = localDate(now, tz);
    const [table, states] = await Promise.all([s.tiers.table(programId), s.tiers.states(programId, [memberId])]);
    if (!states.floors.has(memberId)) return notFound('tier floor', 'member_id');
    const info = (await s.members.tierInfo(programId, memberId))!;
    const state = { ...stateOf(info, memberId, states, tz), floor: { tierId: states.floors.get(memberId)!.tierId, endsOn: addDays(today, -1) } };
    const a = asks(table.policy, state, today);
    const [current] = await s.tiers.figures(programId, table.policy.basis, [{ memberId, ...a.current }]);
    const d = decide(table, state, today, { ...a, due: null, warn: null }, { current: current ?? 0, due: null, warn: null });
    await s.tiers.endFloor(programId, memberId, now, 'ended by hand');
    if (d.changed) {
      await moveTier(s, programId, memberId, { from: row.tier_id, to: d.target?.id ?? null, source: 'floor_end', reason: 'floor ended by hand', actor: actor.keyId, at: now });
    }
    const body = await memberTier(s, programId, memberId, now);
    if (isFailure(body)) return body;
    return { status: 200, body };
  });
}
