import type { Result } from '../platform/errors.ts';
import type { CampaignRow } from '../modules/campaigns/index.ts';
import type { Modules } from '../services.ts';

/**
 * A campaign's target: its segment's members (as of the segment's last refresh), or with no
 * segment every active member (the award) or every member enrolled before the window's end
 * (the report's population).
 */
export async function targetOf(s: Modules, c: CampaignRow, use: 'award' | 'report', until = c.ends_at): Promise<Result<string[]>> {
  if (c.segment_id) return s.segments.memberIds(c.program_id, c.segment_id);
  return use === 'award' ? s.members.activeIds(c.program_id) : s.members.idsEnrolledBefore(c.program_id, until);
}
