import { isFailure, notFound, type Result } from '../../platform/errors.ts';
import { localDate } from '../../platform/time.ts';
import { dropsOn, keepReview, toTier, windowOn, type TMemberTier } from '../../modules/tiers/index.ts';
import type { Modules } from '../../services.ts';
import { stateOf } from './evaluate-tiers.ts';

/**
 * A member's tier and progress: the current tier and any floor, the figure in today's
 * window, the next tier and what is missing to reach it, the review that decides whether
 * the tier is kept and what is missing for it, and the history of periods and floors.
 */
export async function memberTier(s: Modules, programId: string, memberId: string, now = new Date()): Promise<Result<TMemberTier>> {
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const info = await s.members.tierInfo(programId, memberId);
  if (!info) return notFound('member', 'member_id');
  const tz = settings.timeZone;
  const today = localDate(now, tz);
  const [table, states, history, names] = await Promise.all([
    s.tiers.table(programId), s.tiers.states(programId, [memberId]), s.tiers.history(programId, memberId), s.tiers.tierNames(programId),
  ]);
  const { policy, tiers } = table;
  const state = stateOf(info, memberId, states, tz);
  const current = tiers.find((t) => t.id === info.tier_id) ?? null;
  const window = windowOn(policy, today, state.enrolledOn);
  const review = current ? keepReview(policy, state, today) : null;
  const [figure, keepFigure] = await s.tiers.figures(programId, policy.basis, [
    { memberId, ...window }, ...(review ? [{ memberId, ...review.window }] : []),
  ]);
  const openFloor = history.floors.find((f) => f.ended_at === null && (f.ends_on === null || f.ends_on >= today)) ?? null;
  const floorTier = openFloor ? tiers.find((t) => t.id === openFloor.tier_id) ?? null : null;
  const next = tiers.find((t) => t.rank > (current?.rank ?? 0)) ?? null;
  const ref = (id: string | null) => {
    const n = id ? names.get(id) : undefined;
    return id && n ? { id, code: n.code, name: n.name, name_en: n.name_en } : null;
  };
  const floorView = (f: (typeof history.floors)[number]) => ({
    id: f.id, tier: ref(f.tier_id), reason: f.reason, ends_on: f.ends_on, actor: f.actor, created_at: f.created_at.toISOString(),
    ended_at: f.ended_at?.toISOString() ?? null, end_reason: f.end_reason,
  });
  let keep: TMemberTier['keep'] = null;
  if (current && review) {
    const missing = Math.max(0, current.keep - (keepFigure ?? 0));
    const held = floorTier && floorTier.rank >= current.rank && (openFloor!.ends_on === null || openFloor!.ends_on >= review.reviewOn);
    keep = {
      threshold: current.keep, review_on: review.reviewOn, window: review.window, figure: keepFigure ?? 0, missing,
      drops_on: missing > 0 && !held && tiers.some((t) => t.rank < current.rank) ? dropsOn(policy, review.reviewOn) : null,
    };
  }
  const open = history.periods.find((p) => p.ended_at === null);
  return {
    member_id: memberId,
    basis: policy.basis,
    tier: current ? toTier(current) : null,
    since: open && open.tier_id === info.tier_id ? open.started_at.toISOString() : null,
    floor: openFloor ? floorView(openFloor) : null,
    window,
    figure: figure ?? 0,
    next: next ? { tier: ref(next.id)!, reach_threshold: next.reach, missing: Math.max(0, next.reach - (figure ?? 0)) } : null,
    keep,
    history: history.periods.map((p) => ({
      id: p.id, tier: ref(p.tier_id), from_tier: ref(p.from_tier_id), started_at: p.started_at.toISOString(), ended_at: p.ended_at?.toISOString() ?? null,
      source: p.source, reason: p.reason, actor: p.actor,
    })),
    floors: history.floors.map(floorView),
  };
}
