import { isFailure, type Result } from '../platform/errors.ts';
import type { TCampaignReport } from '../modules/campaigns/index.ts';
import type { Modules } from '../services.ts';
import { targetOf } from './campaign-targets.ts';

/**
 * A campaign's holdout report: its target (the segment's members, or every member enrolled
 * before the window's end), split into treated and held-out members by the campaign's
 * sticky holdout, compared over the campaign's window up to now (campaigns module).
 */
export async function campaignReport(s: Modules, programId: string, campaignId: string, now = new Date()): Promise<Result<TCampaignReport>> {
  const c = await s.campaigns.row(programId, campaignId);
  if (isFailure(c)) return c;
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const until = c.ends_at < now ? c.ends_at : now;
  const target = await targetOf(s, c, 'report', until);
  if (isFailure(target)) return target;
  return s.campaigns.report(c, target, settings.timeZone, now);
}
