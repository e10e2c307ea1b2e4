import type { SeatRow } from '../../modules/memberships/index.ts';
import type { Modules } from '../../services.ts';
import { moveTier, rankOf } from '../tiers/move-tier.ts';

// A VIP plan's tier floor (seed 002 §8 VIP客户服务: while paid, the member is at least the
// plan's tier), put in place through the tiers module's manual floors with the reason
// "vip" and the membership's last day as the floor's end. When the membership ends the
// floor ends and the tier follows the tiers module's rules from then on (the re-evaluation
// job drops a member whose figure no longer keeps the tier, with its warning and grace).

/**
 * Puts the plan's floor on a seat's member until `endsOn`, in the caller's transaction,
 * and lifts the member to the floor's tier at once when below it. A higher floor the
 * member already has (set by hand) is kept: the VIP floor would lower it.
 */
export async function applyVipFloor(s: Modules, seat: SeatRow, tierId: string | null, endsOn: string, actor: string | null, now: Date) {
  if (!tierId) return;
  const { program_id: programId, member_id: memberId } = seat;
  const table = await s.tiers.table(programId);
  if (!table.tiers.some((t) => t.id === tierId)) return;
  const row = await s.members.lockTier(programId, memberId);
  // under the member's lock: one terminated meanwhile (a termination releases seats) gets no floor
  if (!row || row.status === 'terminated') return;
  const open = (await s.tiers.states(programId, [memberId])).floors.get(memberId) as { id: string; tierId: string } | undefined;
  if (open && open.id !== seat.floor_id && rankOf(table.tiers, open.tierId) > rankOf(table.tiers, tierId)) return;
  const floorId = await s.tiers.addFloor(programId, memberId, { tier_id: tierId, reason: 'vip', ends_on: endsOn }, actor, now);
  await s.memberships.setSeatFloor(seat, floorId);
  if (rankOf(table.tiers, row.tier_id) < rankOf(table.tiers, tierId)) {
    await moveTier(s, programId, memberId, { from: row.tier_id, to: tierId, source: 'manual', reason: 'vip', actor, at: now });
  }
}

/** Ends the floor a seat put in place, if it is still the member's open floor. */
export async function withdrawVipFloor(s: Modules, seat: SeatRow, now: Date, reason: string) {
  if (!seat.floor_id) return;
  const open = (await s.tiers.states(seat.program_id, [seat.member_id])).floors.get(seat.member_id) as { id: string } | undefined;
  if (open?.id === seat.floor_id) await s.tiers.endFloor(seat.program_id, seat.member_id, now, reason);
}
