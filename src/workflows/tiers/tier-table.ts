import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import { localDate } from '../../platform/time.ts';
import { assertNoTransaction, inTransaction } from '../../platform/transaction.ts';
import {
  proposedDefs, tableTarget, TIER_MESSAGES, tierJobRunning, windowOn, type TierDef, type TierTableView, type TTierJob, type TTierPreview, type TTierTableInput,
} from '../../modules/tiers/index.ts';
import { validation } from '../../platform/errors.ts';
import type { Modules } from '../../services.ts';
import { effectiveAt, moveTier } from './move-tier.ts';

const PAGE = 500;

/** Moves of one member between a current table and a proposed one. */
type Direction = 'up' | 'down' | 'unchanged';

function direction(current: TierDef[], proposed: TierDef[], from: string | null, to: TierDef | null): Direction {
  if (from === (to?.id ?? null)) return 'unchanged';
  if (!to) return 'down';
  if (!from) return 'up';
  // the member's tier kept by the table: compare places in the new table; retired: the old place
  const place = proposed.find((t) => t.id === from)?.rank ?? current.find((t) => t.id === from)?.rank ?? 0;
  return to.rank > place ? 'up' : to.rank < place ? 'down' : 'unchanged';
}

/**
 * Walks the program's members (not terminated) with what the proposed table makes of each:
 * `visit` is called per member with the current and the target tier.
 */
async function walk(s: Modules, programId: string, proposed: TierDef[], now: Date, visit: (memberId: string, from: string | null, to: TierDef | null, periodStartedAt: Date | null) => Promise<void>, page?: (done: number) => Promise<void>) {
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const table = await s.tiers.table(programId);
  const today = localDate(now, settings.timeZone);
  let done = 0;
  for (let after: string | null = null; ;) {
    const rows = await s.members.tierPage(programId, after, PAGE);
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const states = await s.tiers.states(programId, rows.map((r) => r.id));
    const figs = await s.tiers.figures(programId, table.policy.basis, rows.map((r) => ({ memberId: r.id, ...windowOn(table.policy, today, localDate(r.created_at, settings.timeZone)) })));
    for (const [i, r] of rows.entries()) {
      const floor = states.floors.get(r.id);
      const floorTier = floor && (floor.endsOn === null || floor.endsOn >= today) ? floor.tierId : null;
      await visit(r.id, r.tier_id, tableTarget(proposed, figs[i]!, r.tier_id, floorTier), states.periods.get(r.id)?.startedAt ?? null);
    }
    done += rows.length;
    await page?.(done);
  }
  return table;
}

function checkIds(table: TierTableView, input: TTierTableInput) {
  const known = new Set(table.tiers.map((t) => t.id));
  for (const [i, t] of input.tiers.entries()) if (t.id && !known.has(t.id)) return validation(`tiers[${i}].id`, TIER_MESSAGES.unknown_tier());
  return null;
}

/** What a proposed tier table would do: how many members move up, down or stay, per tier. Writes nothing. */
export async function previewTierTable(s: Modules, programId: string, input: TTierTableInput, now = new Date()): Promise<Result<TTierPreview>> {
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const current = await s.tiers.table(programId);
  const bad = checkIds(current, input);
  if (bad) return bad;
  const proposed = proposedDefs(input);
  const counts = new Map<string, { before: number; after: number; moving_up: number; moving_down: number; unchanged: number }>();
  const count = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { before: 0, after: 0, moving_up: 0, moving_down: 0, unchanged: 0 }));
    return c;
  };
  const out = { members: 0, up: 0, down: 0, unchanged: 0, no_tier_before: 0, no_tier_after: 0 };
  const walked = await walk(s, programId, proposed, now, async (_id, from, to) => {
    out.members++;
    const dir = direction(current.tiers, proposed, from, to);
    out[dir]++;
    if (from) {
      const c = count(from);
      c.before++;
      c[dir === 'up' ? 'moving_up' : dir === 'down' ? 'moving_down' : 'unchanged']++;
    } else out.no_tier_before++;
    if (to) count(to.id).after++;
    else out.no_tier_after++;
  });
  if (isFailure(walked)) return walked;
  const zero = { before: 0, after: 0, moving_up: 0, moving_down: 0, unchanged: 0 };
  const row = (t: TierDef, tierId: string | null) => ({ code: t.code, name: t.name, tier_id: tierId, ...zero, ...counts.get(t.id) });
  const retired = current.tiers.filter((t) => !proposed.some((p) => p.id === t.id));
  return { ...out, by_tier: [...proposed.map((t) => row(t, t.id.startsWith('new:') ? null : t.id)), ...retired.map((t) => row(t, t.id))] };
}

/**
 * Applies a new tier table: the table is written at once (the purchase path reads it from
 * then on), and a job moves the members in the background, with progress to read. Refused
 * while another table change is still being applied. A retry with the same key replays.
 * Not inside a caller's transaction: the job must see the committed table.
 */
export async function applyTierTable(s: Modules, programId: string, input: TTierTableInput, actor: Principal, key: string | undefined): Promise<Result<{ status: number; body: TTierJob; replayed: boolean }>> {
  // the job starts once the table is committed: not inside a caller's transaction
  assertNoTransaction(s.ctx.db);
  const r = await idempotent(s.ctx.db, { programId, scope: 'tier_table', key, hash: requestHash(input) }, async () => {
    const program = await s.programs.get(programId);
    if (isFailure(program)) return program;
    const running = await s.tiers.runningJob(programId);
    if (running) return tierJobRunning(running.id);
    const written = await s.tiers.writeTable(programId, input);
    if (isFailure(written)) return written;
    const id = await s.tiers.createJob(programId, 'apply_table', actor.keyId);
    const job = await s.tiers.job(programId, id);
    if (isFailure(job)) return job;
    return { status: 202, body: job };
  });
  if (isFailure(r)) return r;
  if (!r.replayed) startInBackground(s, programId, r.body.id);
  return r;
}

const inFlight = new Set<Promise<unknown>>();

function startInBackground(s: Modules, programId: string, jobId: string) {
  // after the caller's transaction (if any) has committed the job row
  const p = new Promise((resolve) => setImmediate(resolve)).then(() => runTableJob(s, programId, jobId)).catch(() => undefined);
  inFlight.add(p);
  void p.finally(() => inFlight.delete(p));
}

/** Resolves when the table jobs started by this process have finished (the server's shutdown). */
export async function tierJobsSettled() {
  while (inFlight.size) await Promise.all([...inFlight]);
}

/**
 * Moves every member to the tier the program's table gives them (table_change): what the
 * figure reaches, the current tier while the figure keeps it, never below an active floor.
 * Progress is written after each page. Safe to run again: members already placed stay.
 */
export async function runTableJob(s: Modules, programId: string, jobId: string, now = new Date()) {
  try {
    const settings = await s.programs.settings(programId);
    if (isFailure(settings)) return settings;
    const total = await s.members.countLive(programId);
    await s.tiers.updateJob(programId, jobId, { status: 'running', total, done: 0 });
    const table = await s.tiers.table(programId);
    const summary = { up: 0, down: 0, unchanged: 0 };
    const walked = await walk(s, programId, table.tiers, now, async (memberId, from, to, startedAt) => {
      const dir = direction(table.tiers, table.tiers, from, to);
      if (dir === 'unchanged' && from === (to?.id ?? null)) {
        summary.unchanged++;
        return;
      }
      const moved = await inTransaction(s.ctx.db, () => moveTier(s, programId, memberId, {
        from, to: to?.id ?? null, source: 'table_change', reason: `job ${jobId}`, actor: 'system',
        at: effectiveAt(localDate(now, settings.timeZone), settings.timeZone, now, startedAt),
      }));
      if (!moved) summary.unchanged++;
      else if (dir === 'down') summary.down++;
      else summary.up++;
    }, (done) => s.tiers.updateJob(programId, jobId, { done, summary }));
    if (isFailure(walked)) {
      await s.tiers.updateJob(programId, jobId, { status: 'failed', error: walked.message });
      return walked;
    }
    await s.tiers.updateJob(programId, jobId, { status: 'done', summary });
    return summary;
  } catch (err) {
    await s.tiers.updateJob(programId, jobId, { status: 'failed', error: String(err) });
    throw err;
  }
}

/** Table jobs a stopped process left unfinished: run them again (on start). */
export async function resumeTableJobs(s: Modules) {
  for (const j of await s.tiers.unfinishedJobs()) startInBackground(s, j.program_id, j.id);
}
