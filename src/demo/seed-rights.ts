import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';

const DAY = 86_400_000;

/**
 * Data-rights requests for the demo (个人信息权利): one in each status, one of them overdue;
 * a completed copy that can be downloaded, a completed correction, a refused deletion with
 * its reason, a completed deletion (an anonymised member), and one retention dry run.
 */
export async function seedRights(s: Services, programId: string, o: { members: string[]; actor: Principal; now: Date }) {
  const { actor, now } = o;
  const [a, b, c, d, e] = o.members.slice(2, 7);
  if (!e) return;
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const file = async (memberId: string, kind: 'copy' | 'correction' | 'deletion', channel: 'counter' | 'phone' | 'email' | 'letter', days: number, extra: object = {}) =>
    unwrap(await s.rights.create(programId, { member_id: memberId, kind, channel, received_at: ago(days), ...extra }, actor, now));

  // overdue: received five weeks ago and never answered
  await file(a!, 'copy', 'letter', 35, { note: '会员来信要求提供其全部个人信息副本' });
  // received today: a correction waiting
  await file(b!, 'correction', 'phone', 0, { corrections: { email: 'corrected@example.com' }, note: '会员来电：邮箱填错' });
  // in progress: a deletion being checked
  const checking = await file(c!, 'deletion', 'counter', 3, { note: '会员在柜台申请注销并删除个人信息' });
  unwrap(await s.rights.start(programId, checking.id, actor));
  // completed: a copy the member can download, and a correction applied
  const copy = await file(d!, 'copy', 'email', 6);
  unwrap(await s.flows.completeRightsRequest(programId, copy.id, {}, actor, now));
  const fix = await file(e!, 'correction', 'counter', 8, { corrections: { name: '王晓明' } });
  unwrap(await s.flows.completeRightsRequest(programId, fix.id, {}, actor, now));
  // refused: identity could not be verified
  const refused = await file(a!, 'deletion', 'phone', 12);
  unwrap(await s.rights.refuse(programId, refused.id, 'identity_not_verified', '来电人无法提供与会员资料一致的身份证明，请携带身份证到门店办理', actor));
  // completed deletion: a member who asked to be forgotten
  const { created: [gone] } = await s.flows.enrolMembers(programId, [{ phone: '13900009999', name: '赵已删', enrolled_at: new Date(now.getTime() - 400 * DAY) }], actor);
  if (gone) {
    const del = await file(gone, 'deletion', 'letter', 10, { note: '会员书面申请删除' });
    unwrap(await s.flows.completeRightsRequest(programId, del.id, { confirm_erasure: true }, actor, now));
  }
  // retention: what the nightly job would do today, counted only
  unwrap(await s.flows.runRetention({ programId, dryRun: true, actor }, now));
}
