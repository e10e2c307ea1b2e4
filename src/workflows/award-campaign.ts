import type { Principal } from '../platform/context.ts';
import { isFailure, type Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { awardInactive, notAward, toAwardJob, type CampaignRow, type TAwardJob } from '../modules/campaigns/index.ts';
import { couponTypeInactive } from '../modules/coupons/index.ts';
import type { Modules } from '../services.ts';
import { targetOf } from './campaign-targets.ts';

// Members are awarded in batches: the already-awarded ones of a batch are found in one
// query, and progress is written after each batch.
const BATCH = 100;

/**
 * Starts the one-off award of an active award campaign (a job): award_points to every
 * member of the target except the held-out ones, through the points ledger, within the
 * budget (the run stops when the budget cannot pay another award) and the per-member
 * limit. Safe to run twice, and two overlapping runs still award each member once: each
 * award claims the member's row of campaign_awards first (a second claim waits for the
 * first to commit, then finds it taken). Returns the job at once and `done`, which
 * settles when the run has finished (the API answers 202; the CLI and tests wait).
 */
export async function startCampaignAward(s: Modules, programId: string, campaignId: string, actor: Principal): Promise<Result<{ job: TAwardJob; done: Promise<TAwardJob> }>> {
  const c = await s.campaigns.row(programId, campaignId);
  if (isFailure(c)) return c;
  if (c.kind !== 'award') return notAward();
  if (c.status !== 'active') return awardInactive();
  if (c.coupon_type_id) {
    // the coupon each member gets besides the points: its type must still be issuing
    const type = await s.coupons.type(programId, c.coupon_type_id);
    if (isFailure(type)) return type;
    if (!type.active) return couponTypeInactive();
  }
  const target = await targetOf(s, c, 'award');
  if (isFailure(target)) return target;
  const job = await s.campaigns.createJob(programId, campaignId, actor.keyId);
  const done = runAward(s, c, job.id, target, actor).catch(async (err: unknown) =>
    toAwardJob(await s.campaigns.updateJob(programId, job.id, { status: 'failed', error: err instanceof Error ? err.message : String(err) })));
  return { job: toAwardJob(job), done };
}

async function runAward(s: Modules, c: CampaignRow, jobId: string, target: string[], actor: Principal): Promise<TAwardJob> {
  const programId = c.program_id;
  const points = c.award_points!;
  const eligible = target.filter((m) => !s.campaigns.heldOut(c, m));
  await s.campaigns.updateJob(programId, jobId, { total: eligible.length });
  const n = { done: 0, awarded: 0, skipped: 0, points: 0 };
  let stop: 'budget_spent' | null = null;
  for (let i = 0; i < eligible.length && !stop; i += BATCH) {
    const batch = eligible.slice(i, i + BATCH);
    const already = await s.campaigns.awardedAmong(programId, c.id, batch);
    for (const memberId of batch) {
      const r = already.has(memberId) ? 'skipped' : await awardOne(s, c, memberId, points, jobId, actor);
      if (isFailure(r) && r.code === 'campaign_budget_spent') {
        stop = 'budget_spent';
        break;
      }
      n.done++;
      if (r === 'awarded') {
        n.awarded++;
        n.points += points;
      } else {
        n.skipped++;
      }
    }
    await s.campaigns.updateJob(programId, jobId, n);
  }
  return toAwardJob(await s.campaigns.updateJob(programId, jobId, { ...n, status: 'done', stop_reason: stop }));
}

/** One member's award, in one transaction: claim, spend the budget and the limit, credit, record the entry. */
function awardOne(s: Modules, c: CampaignRow, memberId: string, points: number, jobId: string, actor: Principal) {
  return inTransaction(s.ctx.db, async () => {
    const status = await s.members.requireStatus(c.program_id, memberId, ['active']);
    if (isFailure(status)) return 'skipped' as const;
    if (!(await s.campaigns.claimAward(c.program_id, c.id, memberId, points, jobId))) return 'skipped' as const;
    const spent = await s.campaigns.spend(c.program_id, c.id, memberId, points);
    // a failure rolls the claim back: over budget the run stops; over the member's limit they are skipped
    if (isFailure(spent)) return spent;
    const credit = await s.points.award(c.program_id, memberId, points, { reasonCode: 'campaign', reference: c.id, note: `${c.name} (${c.id})`, actor: actor.keyId });
    if (isFailure(credit)) return credit;
    await s.campaigns.setAwardEntry(c.program_id, c.id, memberId, credit.entryId);
    if (c.coupon_type_id) {
      const coupon = await s.coupons.issue(c.program_id, { typeId: c.coupon_type_id, memberId, source: 'campaign', sourceRef: c.id, actor });
      if (isFailure(coupon)) return coupon;
    }
    return 'awarded' as const;
  });
}
