import type { MemberDataSection } from '../../platform/member-data.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { Modules } from '../../services.ts';

export interface MemberDataExport {
  program_id: string;
  member_id: string;
  generated_at: string;
  sections: MemberDataSection[];
}

/**
 * A member's copy of all their data (PIPL 第四十五条 查阅、复制): every module that holds rows
 * about the member gives them, whole and with phone and resident ID in clear (the copy is
 * the member's own). Read in one transaction, so the sections agree with each other. A new
 * module that stores rows about members adds its `memberData` here; the export test finds
 * any table with a member_id column this list misses.
 */
export async function memberDataExport(s: Modules, programId: string, memberId: string, now = new Date()): Promise<MemberDataExport> {
  const sections = await inTransaction(s.ctx.db, async () => {
    const out: MemberDataSection[] = [];
    for (const source of [
      s.members, s.points, s.purchases, s.tiers, s.rules, s.events, s.segments, s.campaigns, s.rewards, s.coupons, s.memberships, s.referrals, s.rights, s.privacy, s.notifications, s.cases, s.suggestions, s.surveys,
    ]) out.push(...await source.memberData(programId, memberId));
    return out;
  });
  return { program_id: programId, member_id: memberId, generated_at: now.toISOString(), sections };
}
