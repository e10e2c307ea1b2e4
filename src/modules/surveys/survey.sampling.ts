import type { Ctx } from '../../platform/context.ts';
import { exclusive } from '../../platform/advisory.ts';
import { sample } from '../../platform/rng.ts';
import { localDate } from '../../platform/time.ts';
import type { SurveyDeps, SurveyService } from './survey.service.ts';

// The NPS rounds (`patron jobs run surveys`, daily from the scheduler): each active NPS survey
// whose round is due (every_days since the last) is sent to a random sample of the members who
// consent to marketing now, leaving out anyone invited to an NPS survey within its recontact
// period. The lock keeps two runs from sampling the same round; the invitation's uniqueness
// (survey, member, day) keeps a rerun on the same day from inviting anyone twice.

/** The NPS rounds' lock (the jobs' scheme, listed in modules/jobs/job.service.ts). */
const SURVEY_LOCK = 7_014;
const DAY = 86_400_000;
const SLICE = 5_000;

export function surveySampling(ctx: Ctx, deps: SurveyDeps, surveys: Pick<SurveyService, 'inviteRow' | 'timeZone' | 'contactsOf'>) {
  return {
    /** One run over the due NPS surveys (one program's with programId): what each round sent. Null when another run holds the lock. */
    async run(opts: { now?: Date; programId?: string | undefined } = {}) {
      const now = opts.now ?? new Date();
      return exclusive(ctx, SURVEY_LOCK, async () => {
        let q = ctx.db.selectFrom('surveys').selectAll().where('kind', '=', 'nps').where('status', '=', 'active');
        if (opts.programId) q = q.where('program_id', '=', opts.programId);
        const rounds: { survey_id: string; program_id: string; eligible: number; sent: number; skipped: number }[] = [];
        for (const s of await q.orderBy('program_id').orderBy('id').execute()) {
          if (s.last_round_at && now.getTime() - s.last_round_at.getTime() < (s.every_days ?? 30) * DAY - 60_000) continue;
          const tz = await surveys.timeZone(s.program_id);
          const active = await deps.members.activeIds(s.program_id);
          const consenting = new Set<string>();
          for (let i = 0; i < active.length; i += SLICE) for (const id of await deps.members.marketingConsent(s.program_id, active.slice(i, i + SLICE))) consenting.add(id);
          const since = new Date(now.getTime() - (s.recontact_days ?? 90) * DAY);
          const recent = new Set((await ctx.db.selectFrom('survey_invitations').select('member_id').distinct()
            .where('program_id', '=', s.program_id).where('kind', '=', 'nps').where('status', '!=', 'skipped').where('created_at', '>', since).execute()).map((r) => r.member_id));
          const eligible = [...consenting].filter((id) => !recent.has(id));
          let sent = 0;
          let skipped = 0;
          const picked = sample(eligible, s.sample_size ?? 200);
          // the sample's contacts read in slices (one query each), not one query per member
          const contacts = await surveys.contactsOf(s.program_id, picked);
          for (const memberId of picked) {
            const r = await surveys.inviteRow(s, memberId, `round:${localDate(now, tz)}`, {}, now, tz, contacts);
            if (r.status === 'sent') sent++;
            else skipped++;
          }
          await ctx.db.updateTable('surveys').set({ last_round_at: now }).where('program_id', '=', s.program_id).where('id', '=', s.id).execute();
          rounds.push({ survey_id: s.id, program_id: s.program_id, eligible: eligible.length, sent, skipped });
        }
        return { rounds };
      });
    },
  };
}
