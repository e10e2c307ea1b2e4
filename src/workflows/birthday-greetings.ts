import { isFailure, type DomainError } from '../platform/errors.ts';
import { localDate } from '../platform/time.ts';
import type { Modules } from '../services.ts';
import { SYSTEM } from '../platform/context.ts';
import { awardEvent } from './award-event.ts';

/**
 * Birthday care (客户关怀): one member.birthday event for each active member whose birthday
 * is the local day as_of (default: today in the program's zone; on 28 February of a year
 * without a 29th, also those born on the 29th), who consents to marketing, once per member
 * and year. The event carries the member's tier and that tier's birthday gift (null when
 * the tier has none) for the notification service. Every member born that day also gets
 * the program's birthday reward, once a year. For one program, or every program.
 */
export async function sendBirthdayGreetings(s: Modules, opts: { programId?: string; asOf?: string } = {}, now = new Date()) {
  const one = opts.programId ? await s.programs.get(opts.programId) : undefined;
  if (isFailure(one)) return one;
  const programs = one ? [one] : await s.programs.list();
  const results = [];
  for (const p of programs) {
    const asOf = opts.asOf ?? localDate(now, p.time_zone);
    const born = await s.members.birthdaysOn(p.id, asOf);
    const consenting = await s.members.marketingConsent(p.id, born.map((b) => b.member_id));
    const gifts = new Map(consenting.size ? (await s.tiers.table(p.id)).tiers.map((t) => [t.id, t.benefits.birthday_gift]) : []);
    const sent = await s.campaigns.greet(p.id, asOf, born.filter((b) => consenting.has(b.member_id)).map((b) => ({
      memberId: b.member_id,
      payload: { member_id: b.member_id, birthday: b.birthday, date: asOf, tier_id: b.tier_id, gift: (b.tier_id && gifts.get(b.tier_id)) ?? null },
    })));
    // the birthday reward (积分获取方式: 生日), whatever the consent: points are not marketing
    let rewarded = 0;
    if ((await s.events.pays(p.id, 'birthday')) !== null) for (const b of born) {
      const award = await awardEvent(s, p.id, b.member_id, 'birthday', asOf.slice(0, 4), SYSTEM, now);
      if (!isFailure(award) && award.awarded) rewarded++;
    }
    results.push({ program_id: p.id, as_of: asOf, birthdays: born.length, consenting: consenting.size, sent, rewarded });
  }
  return results as typeof results | DomainError;
}
