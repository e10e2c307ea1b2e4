import type { Ctx } from '../../platform/context.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import { EVENTS, type RewardEvent } from './rule.table.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';

/** A program's points for one event; an event never set is off with 0 points. */
export interface EventReward { event: RewardEvent; points: number; active: boolean; updated_at: string | null }

/**
 * Event rewards: the points a program gives for a sign-up, a completed profile, a birthday
 * month (once a year), and what later modules report (a referral, a survey answered, a
 * suggestion adopted, goodwill). The award itself is a workflow (workflows/award-event.ts):
 * it claims the (member, event, occurrence) here, then credits the points.
 */
export function eventRewardService(ctx: Ctx) {
  return {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['event_awards', '事件奖励', 'Event rewards'],
    ]),
    async list(programId: string): Promise<EventReward[]> {
      const rows = await ctx.db.selectFrom('event_rewards').selectAll().where('program_id', '=', programId).execute();
      const byEvent = new Map(rows.map((r) => [r.event, r]));
      return EVENTS.map((event) => {
        const r = byEvent.get(event);
        return { event, points: r?.points ?? 0, active: r ? r.active && r.points > 0 : false, updated_at: r?.updated_at.toISOString() ?? null };
      });
    },
    async set(programId: string, event: RewardEvent, input: { points: number; active: boolean }, actor: string | null): Promise<EventReward> {
      const r = await ctx.db.insertInto('event_rewards').values({ program_id: programId, event, points: input.points, active: input.active, actor })
        .onConflict((oc) => oc.columns(['program_id', 'event']).doUpdateSet({ points: input.points, active: input.active, actor, updated_at: new Date() }))
        .returningAll().executeTakeFirstOrThrow();
      return { event, points: r.points, active: r.active && r.points > 0, updated_at: r.updated_at.toISOString() };
    },
    /** The points the event pays now, or null when it pays nothing. */
    async pays(programId: string, event: RewardEvent): Promise<number | null> {
      const r = await ctx.db.selectFrom('event_rewards').select(['points', 'active']).where('program_id', '=', programId).where('event', '=', event).executeTakeFirst();
      return r && r.active && r.points > 0 ? r.points : null;
    },
    /** Claims the award of one occurrence, in the caller's transaction: false when it was claimed before. */
    async claim(programId: string, memberId: string, event: RewardEvent, occurrence: string, points: number): Promise<boolean> {
      assertTransaction(ctx.db);
      const r = await ctx.db.insertInto('event_awards').values({ program_id: programId, member_id: memberId, event, occurrence, points, entry_id: null })
        .onConflict((oc) => oc.columns(['program_id', 'member_id', 'event', 'occurrence']).doNothing()).returning('event').executeTakeFirst();
      return r !== undefined;
    },
    async recordEntry(programId: string, memberId: string, event: RewardEvent, occurrence: string, entryId: string) {
      await ctx.db.updateTable('event_awards').set({ entry_id: entryId })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('event', '=', event).where('occurrence', '=', occurrence).execute();
    },
    async awards(programId: string, memberId: string) {
      return (await ctx.db.selectFrom('event_awards').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).orderBy('created_at', 'desc').execute())
        .map((a) => ({ event: a.event, occurrence: a.occurrence, points: a.points, entry_id: a.entry_id, created_at: a.created_at.toISOString() }));
    },
  };
}
export type EventRewardService = ReturnType<typeof eventRewardService>;
