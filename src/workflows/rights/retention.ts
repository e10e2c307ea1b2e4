import { SYSTEM, type Principal } from '../../platform/context.ts';
import { isFailure, type DomainError } from '../../platform/errors.ts';
import { purgeIdempotency } from '../../platform/idempotency.ts';
import { purgeEvents } from '../../platform/outbox.ts';
import { localDate } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { cutoff, retentionRunning, type RetentionKind, type TRetentionRun } from '../../modules/rights/index.ts';
import { RELAY_TOPICS } from '../../modules/notifications/index.ts';
import type { Modules } from '../../services.ts';
import { eraseMember } from './erase-member.ts';

export interface RetentionOptions { programId?: string; asOf?: string; dryRun?: boolean; actor?: Principal }

/**
 * Retention (定期清理过时信息, seed 003 §5.2; PIPL 第十九、四十七条): as of a local day (default
 * today in each program's zone), each module deletes or anonymises what is past the
 * program's period for it, and the run is recorded with its counts per kind. A dry run
 * counts and changes nothing. Under the job's advisory lock (7_011), so two instances never
 * run it at once; a rerun on the same day finds nothing more to do. The audit log is never
 * touched (rights/retention.ts says why).
 */
export async function runRetention(s: Modules, opts: RetentionOptions = {}, now = new Date()): Promise<TRetentionRun[] | DomainError> {
  const one = opts.programId ? await s.programs.get(opts.programId) : undefined;
  if (isFailure(one)) return one;
  const programs = one ? [one] : await s.programs.list();
  const actor = opts.actor ?? SYSTEM;
  const dry = opts.dryRun ?? false;
  const ran = await s.jobs.exclusive('retention', async () => {
    const runs: TRetentionRun[] = [];
    for (const p of programs) {
      const startedAt = new Date();
      const asOf = opts.asOf ?? localDate(now, p.time_zone);
      const { periods } = await s.rights.settings(p.id);
      const before = (k: RetentionKind) => cutoff(asOf, periods[k], p.time_zone);
      const counts: Record<RetentionKind, number> = {
        terminated_members: await anonymiseTerminated(s, p.id, before('terminated_members'), dry, actor),
        purchase_lines: await s.purchases.clearLineDetails(p.id, before('purchase_lines'), dry),
        expired_coupons: await s.coupons.purgeExpired(p.id, before('expired_coupons'), dry),
        idempotency_records: await purgeIdempotency(s.ctx.db, p.id, before('idempotency_records'), dry),
        referral_signals: await s.referrals.purgeSignals(p.id, before('referral_signals'), dry),
        rights_exports: await s.rights.expireExports(p.id, before('rights_exports'), dry),
        outbox_events: await purgeEvents(s.ctx.db, p.id, before('outbox_events'), dry, RELAY_TOPICS),
      };
      runs.push(await s.rights.recordRun(p.id, { asOf, dryRun: dry, counts, actor: actor.keyId, startedAt }));
    }
    return runs;
  });
  return ran ?? retentionRunning();
}

/** Terminated members past the period are erased one by one, each in its own transaction. */
async function anonymiseTerminated(s: Modules, programId: string, before: Date, dry: boolean, actor: Principal): Promise<number> {
  if (dry) return s.members.countTerminatedBefore(programId, before);
  let n = 0;
  for (;;) {
    const ids = await s.members.terminatedBefore(programId, before, 200);
    if (!ids.length) return n;
    for (const id of ids) {
      const r = await inTransaction(s.ctx.db, () => eraseMember(s, programId, id, actor));
      if (isFailure(r)) throw new Error(`retention: erasing ${id} failed: ${r.message}`);
      n++;
    }
  }
}
