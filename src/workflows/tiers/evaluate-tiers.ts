import type { Principal } from '../../platform/context.ts';
import { isFailure, type DomainError } from '../../platform/errors.ts';
import { addDays, localDate, startOfDay } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { asks, decide, type DateWindow, type MemberTierState } from '../../modules/tiers/index.ts';
import type { Modules } from '../../services.ts';
import { effectiveAt, moveTier, rankOf } from './move-tier.ts';

const PAGE = 500;

export interface TierRun {
  program_id: string;
  as_of: string;
  members: number;
  up: number;
  down: number;
  floors_ended: number;
  warnings: number;
}

type Row = Awaited<ReturnType<Modules['members']['tierPage']>>[number];
type States = Awaited<ReturnType<Modules['tiers']['states']>>;

/** A member's tier state on the job's terms (local days in the program's zone). */
export function stateOf(row: Pick<Row, 'tier_id' | 'created_at'>, memberId: string, states: States, tz: string): MemberTierState {
  const period = states.periods.get(memberId);
  const floor = states.floors.get(memberId);
  const floorEnd = states.floorEnds.get(memberId);
  return {
    currentTierId: row.tier_id,
    // a member given a tier before tier periods were kept: from when they joined
    periodStart: row.tier_id ? localDate(period && period.tierId === row.tier_id ? period.startedAt : row.created_at, tz) : null,
    enrolledOn: localDate(row.created_at, tz),
    floor: floor ? { tierId: floor.tierId, endsOn: floor.endsOn } : null,
    lastFloorEnd: floorEnd ? localDate(floorEnd, tz) : null,
  };
}

/**
 * Tier re-evaluation for a day (default: today in each program's zone), for one program
 * or all: floors that ran out end, members short of the keep threshold at a review move
 * down once the grace days are over, members whose figure reaches a higher tier move up,
 * and member.tier_will_drop goes out ahead of a drop, once per drop date. Safe to run
 * again for the same day: what is done is not done twice.
 */
export async function evaluateTiers(s: Modules, opts: { programId?: string; asOf?: string } = {}, actor: Principal | null = null, now = new Date()): Promise<TierRun[] | DomainError> {
  const one = opts.programId ? await s.programs.get(opts.programId) : undefined;
  if (isFailure(one)) return one;
  const programs = one ? [one] : await s.programs.list();
  const results: TierRun[] = [];
  for (const p of programs) {
    const day = opts.asOf ?? localDate(now, p.time_zone);
    const run: TierRun = { program_id: p.id, as_of: day, members: 0, up: 0, down: 0, floors_ended: 0, warnings: 0 };
    results.push(run);
    const table = await s.tiers.table(p.id);
    if (!table.tiers.length) continue;
    for (let after: string | null = null; ;) {
      const rows = await s.members.tierPage(p.id, after, PAGE);
      if (!rows.length) break;
      after = rows[rows.length - 1]!.id;
      run.members += rows.length;
      const states = await s.tiers.states(p.id, rows.map((r) => r.id));
      const plans = rows.map((r) => {
        const state = stateOf(r, r.id, states, p.time_zone);
        return { row: r, state, asks: asks(table.policy, state, day) };
      });
      const windows: { memberId: string; w: DateWindow }[] = [];
      for (const pl of plans) {
        windows.push({ memberId: pl.row.id, w: pl.asks.current });
        if (pl.asks.due) windows.push({ memberId: pl.row.id, w: pl.asks.due.window });
        if (pl.asks.warn) windows.push({ memberId: pl.row.id, w: pl.asks.warn.window });
      }
      const figs = await s.tiers.figures(p.id, table.policy.basis, windows.map((x) => ({ memberId: x.memberId, from: x.w.from, to: x.w.to })));
      let i = 0;
      for (const pl of plans) {
        const current = figs[i++]!;
        const due = pl.asks.due ? figs[i++]! : null;
        const warn = pl.asks.warn ? figs[i++]! : null;
        const d = decide(table, pl.state, day, pl.asks, { current, due, warn });
        if (!d.changed && !d.floorEnded && !d.warning) continue;
        const periodStartedAt = states.periods.get(pl.row.id)?.startedAt ?? null;
        await inTransaction(s.ctx.db, async () => {
          if (d.floorEnded) {
            const endsOn = pl.state.floor!.endsOn!;
            if (await s.tiers.endFloor(p.id, pl.row.id, startOfDay(addDays(endsOn, 1), p.time_zone), 'ended')) run.floors_ended++;
          }
          if (d.changed) {
            const to = d.target?.id ?? null;
            const moved = await moveTier(s, p.id, pl.row.id, {
              from: pl.row.tier_id, to, source: d.source, reason: null, actor: actor?.keyId ?? 'system', at: effectiveAt(day, p.time_zone, now, periodStartedAt),
            });
            if (moved) {
              if (rankOf(table.tiers, to) > rankOf(table.tiers, pl.row.tier_id)) run.up++;
              else run.down++;
            }
          }
          if (d.warning) {
            const sent = await s.tiers.notify(p.id, pl.row.id, {
              tier_id: d.warning.tierId, to_tier_id: d.warning.toTierId, drops_on: d.warning.dropsOn, review_on: d.warning.reviewOn,
              missing: d.warning.missing, basis: table.policy.basis,
            });
            if (sent) run.warnings++;
          }
        });
      }
    }
  }
  return results;
}
