import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { isFailure, type DomainError } from '../../platform/errors.ts';
import { addDays, localDate } from '../../platform/time.ts';
import { assertNoTransaction } from '../../platform/transaction.ts';
import type { PointsService } from '../points/index.ts';
import type { ProgramService } from '../programs/index.ts';
import type { SegmentService } from '../segments/index.ts';

// Advisory lock ids: one per job, so with many instances only one runs it at a time.
// Held by their own modules (each a private constant beside its exclusive(...)): 7_010 key
// rotation (workflows/rotate-keys.ts), 7_012 the notifications relay, 7_013 the SLA job,
// 7_014 the NPS rounds (surveys). A new lock takes a number not listed here.
const LOCKS = { expiry: 7_001, release: 7_002, tiers: 7_003, segments: 7_004, birthdays: 7_005, memberships: 7_006, referrals: 7_007, retention: 7_011 } as const;

export function jobService(ctx: Ctx, deps: { programs: ProgramService; points: PointsService; segments: SegmentService }) {
  /** Runs fn under a session-level advisory lock held on one pinned connection (fn itself
   * queries through the pool), or skips it when another instance holds the lock. */
  async function exclusive<T>(job: keyof typeof LOCKS, fn: () => Promise<T>): Promise<T | null> {
    // Embedded PGlite is one process with one connection: nothing to exclude, and pinning
    // the only connection while fn queries through the pool would wait forever.
    assertNoTransaction(ctx.db);
    if (ctx.kind === 'pglite') return fn();
    return ctx.root.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${LOCKS[job]}) AS ok`.execute(conn);
      if (!got.rows[0]?.ok) return null;
      try {
        return await fn();
      } finally {
        await sql`SELECT pg_advisory_unlock(${LOCKS[job]})`.execute(conn);
      }
    });
  }

  const service = {
    /**
     * Expires due lots and sends notices for one program, or every program. asOf is the
     * local day whose end is being closed; by default yesterday in each program's zone.
     */
    async runExpiry(opts: { programId?: string; asOf?: string } = {}, now = new Date()) {
      const one = opts.programId ? await deps.programs.get(opts.programId) : undefined;
      if (isFailure(one)) return one;
      const programs = one ? [one] : await deps.programs.list();
      const results = [];
      for (const p of programs) {
        const asOf = opts.asOf ?? addDays(localDate(now, p.time_zone), -1);
        await deps.points.releaseDue(p.id, now);
        const r = await deps.points.expire(p.id, asOf, now);
        if (isFailure(r)) return r;
        results.push({ program_id: p.id, ...r });
      }
      return results as typeof results | DomainError;
    },
    /**
     * Segments, for one program or every program: each member's purchase figures and RFM
     * scores, then every active segment's members (joiners and leavers recorded at now).
     */
    async runSegments(opts: { programId?: string } = {}, now = new Date()) {
      const one = opts.programId ? await deps.programs.get(opts.programId) : undefined;
      if (isFailure(one)) return one;
      const programs = one ? [one] : await deps.programs.list();
      const results = [];
      for (const p of programs) {
        const r = await deps.segments.run(p.id, now);
        if (isFailure(r)) return r;
        results.push({ program_id: p.id, members: r.members, segments: r.segments.length, stats_refreshed_at: r.stats_refreshed_at });
      }
      return results as typeof results | DomainError;
    },
    async runRelease(now = new Date()) {
      let members = 0;
      for (const p of await deps.programs.list()) members += await deps.points.releaseDue(p.id, now);
      return { members };
    },
    exclusive,
  };
  return service;
}
export type JobService = ReturnType<typeof jobService>;
