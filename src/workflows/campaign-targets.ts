import type { Result } from '../platform/errors.ts';
import type { CampaignRow } from '../modules/campaigns/index.ts';
import type { Modules } from '../services.ts';

/**
 * What the campaign workflows need from other modules: a segment's members (segments, as of
 * its last refresh) and each tier's birthday gift (tiers).
 */
export interface CampaignHooks {
  /** The members of a segment now, by id. */
  membersOf(programId: string, segmentId: string): Promise<Result<string[]>>;
  /** Each tier's birthday gift text by tier id (absent or null: none). */
  tierGifts(programId: string): Promise<Map<string, string | null>>;
}

export const campaignHooks = (s: Modules): CampaignHooks => ({
  membersOf: (programId, segmentId) => s.segments.memberIds(programId, segmentId),
  tierGifts: async (programId) => new Map((await s.tiers.table(programId)).tiers.map((t) => [t.id, t.benefits.birthday_gift])),
});

/**
 * A campaign's target: its segment's members, or with no segment every active member (the
 * award) or every member enrolled before the window's end (the report's population).
 */
export async function targetOf(s: Modules, hooks: CampaignHooks, c: CampaignRow, use: 'award' | 'report', until = c.ends_at): Promise<Result<string[]>> {
  if (c.segment_id) return hooks.membersOf(c.program_id, c.segment_id);
  return use === 'award' ? s.members.activeIds(c.program_id) : s.members.idsEnrolledBefore(c.program_id, until);
}
