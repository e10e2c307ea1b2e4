import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { maskEmail, maskMobile } from '../../platform/mask.ts';
import { markPublished, unpublished, type StoredEvent } from '../../platform/outbox.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { Lang } from '../../platform/errors.ts';
import type { MemberService } from '../members/index.ts';
import type { TierService } from '../tiers/index.ts';
import type { Channel, MessageRow, NotificationMessageTable, TemplateRow } from './notification.table.ts';
import { EVENT_KEYS, render } from './render.ts';
import type { Transports } from './transports.ts';
import type { Insertable } from 'kysely';

// The relay turns outbox events into messages and the sender sends them. Crash safety:
// an event becomes its messages and is marked published in ONE transaction (a message per
// event, member and channel is unique, so a rerun adds nothing); a message is claimed (its
// next attempt pushed a lease ahead) before it is sent and marked after, so a crash between
// the send and the mark sends it again at most once more — e-mail and SMS give no stronger promise.

const MAX_ATTEMPTS = 6;
/** The wait after the n-th failed attempt: 1, 2, 4, 8, 16 minutes. */
const backoffMs = (attempts: number) => 60_000 * 2 ** (attempts - 1);
const LEASE_MS = 5 * 60_000;
const BATCH = 100;

export interface RelayDeps { members: MemberService; tiers: TierService }
type Tiers = Map<string, { name: string; name_en: string | null }>;

const membersOf = (e: StoredEvent): string[] => {
  const p = e.payload;
  if (Array.isArray(p.member_ids)) return p.member_ids.filter((x): x is string => typeof x === 'string');
  return [typeof p.member_id === 'string' ? p.member_id : e.aggregateId];
};

export function relay(ctx: Ctx, deps: RelayDeps, transports: () => Transports) {
  /** Variables of one event for one member in a template's language: the payload, the member's name and number, tier names. */
  const variables = (e: StoredEvent, member: { name: string | null; memberNo: string } | undefined, tiers: Tiers, lang: Lang): Record<string, unknown> => {
    // a tier is named in the template's language: its English name when it has one
    const tierName = (id: string) => {
      const t = tiers.get(id);
      return (lang === 'en' ? t?.name_en : null) ?? t?.name ?? '';
    };
    return {
      ...e.payload,
      member_name: member?.name ?? '', member_no: member?.memberNo ?? '',
      ...(typeof e.payload.tier_id === 'string' ? { tier_name: tierName(e.payload.tier_id) } : {}),
      ...(typeof e.payload.to_tier_id === 'string' ? { to_tier_name: tierName(e.payload.to_tier_id) } : {}),
      // a drop to no tier at all is named in the template's language
      ...(e.topic === 'member.tier_will_drop' && !e.payload.to_tier_id ? { to_tier_name: lang === 'zh' ? '普通会员' : 'no tier' } : {}),
    };
  };

  /** One batch of events → messages, in one transaction with marking them published: how many events. */
  async function relayBatch(now: Date, programId?: string): Promise<{ events: number; messages: number }> {
    return inTransaction(ctx.db, async (trx) => {
      const events = await unpublished(trx, EVENT_KEYS, BATCH, programId);
      const rows: Insertable<NotificationMessageTable>[] = [];
      for (const programId of new Set(events.map((e) => e.programId))) {
        const mine = events.filter((e) => e.programId === programId);
        const templates = await trx.selectFrom('notification_templates').selectAll().where('program_id', '=', programId).where('active', '=', true).execute();
        const contacts = await deps.members.contacts(programId, [...new Set(mine.flatMap(membersOf))]);
        const tiers: Tiers = mine.some((e) => e.topic === 'member.tier_will_drop') ? await deps.tiers.tierNames(programId) : new Map();
        for (const e of mine) for (const memberId of membersOf(e)) {
          const member = contacts.get(memberId);
          for (const channel of new Set(templates.filter((t) => t.key === e.topic).map((t) => t.channel))) {
            // the member's language (zh for a member we no longer know), else the other one's template
            const t = pick(templates, e.topic, channel, member?.language ?? 'zh');
            const vars = variables(e, member, tiers, t.lang);
            const address = !member ? null : channel === 'email' ? member.email : channel === 'sms' ? member.phone : channel === 'portal' ? member.memberNo : null;
            const skip = !member || member.status !== 'active' ? 'inactive_member' : address === null ? 'no_address' : null;
            rows.push({
              program_id: programId, id: newId('msg', now.getTime()), member_id: memberId, event_id: e.id, template_key: e.topic, channel, lang: t.lang, kind: t.kind,
              recipient_masked: address === null ? null : channel === 'email' ? maskEmail(address) : channel === 'sms' ? maskMobile(address) : address,
              recipient_enc: address === null || channel === 'portal' ? null : ctx.vault.encrypt(address),
              subject: render(t.subject, vars), body: render(t.body, vars), data: JSON.stringify(vars),
              status: skip ? 'skipped' : 'queued', reason: skip, next_attempt_at: skip ? null : now,
              // in-portal: the row is the message, delivered when written
              ...(channel === 'portal' && !skip ? { status: 'sent', sent_at: now, next_attempt_at: null, provider_id: 'portal', attempts: 1 } : {}),
            });
          }
        }
      }
      if (rows.length) await trx.insertInto('notification_messages').values(rows).onConflict((oc) => oc.columns(['program_id', 'event_id', 'member_id', 'channel']).doNothing()).execute();
      await markPublished(trx, events.map((e) => e.id), now);
      return { events: events.length, messages: rows.length };
    });
  }

  /** Sends one claimed message; records the outcome. */
  async function sendOne(m: MessageRow, now: Date): Promise<'sent' | 'retry' | 'failed'> {
    const claimed = await ctx.db.updateTable('notification_messages').set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
      .where('program_id', '=', m.program_id).where('id', '=', m.id).where('status', '=', 'queued').where('attempts', '=', m.attempts)
      // still due: a sender that read the row before another claimed it finds it claimed (pushed ahead) and leaves it
      .where('next_attempt_at', '<=', now).returning('id').executeTakeFirst();
    if (!claimed) return 'retry';
    const attempts = m.attempts + 1;
    try {
      const to = m.recipient_enc ? ctx.vault.decrypt(m.recipient_enc) : (m.recipient_masked ?? '');
      const r = await transports()[m.channel].send({ to, subject: m.subject, body: m.body, data: (m.data ?? {}) as Record<string, unknown>, wechatTemplateId: await wechatId(m) });
      await ctx.db.updateTable('notification_messages').set({ status: 'sent', attempts, sent_at: new Date(), provider_id: r.id, next_attempt_at: null, last_error: null })
        .where('program_id', '=', m.program_id).where('id', '=', m.id).execute();
      return 'sent';
    } catch (err) {
      const last = err instanceof Error ? err.message : String(err);
      const failed = attempts >= MAX_ATTEMPTS;
      await ctx.db.updateTable('notification_messages').set({
        attempts, last_error: last.slice(0, 500), status: failed ? 'failed' : 'queued', next_attempt_at: failed ? null : new Date(now.getTime() + backoffMs(attempts)),
      }).where('program_id', '=', m.program_id).where('id', '=', m.id).execute();
      return failed ? 'failed' : 'retry';
    }
  }
  const wechatId = async (m: MessageRow) => {
    if (m.channel !== 'wechat') return null;
    const t = await ctx.db.selectFrom('notification_templates').select('wechat_template_id').where('program_id', '=', m.program_id)
      .where('key', '=', m.template_key).where('channel', '=', 'wechat').where('lang', '=', m.lang).executeTakeFirst();
    return t?.wechat_template_id ?? null;
  };

  /** Sends the queued messages that are due; marketing ones only to members who consent now. */
  async function sendDue(now: Date, programId?: string) {
    const counts = { sent: 0, retry: 0, failed: 0, skipped: 0 };
    let q = ctx.db.selectFrom('notification_messages').selectAll();
    if (programId) q = q.where('program_id', '=', programId);
    const due = await q.where('status', '=', 'queued').where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at').limit(BATCH).execute();
    for (const programId of new Set(due.map((m) => m.program_id))) {
      const mine = due.filter((m) => m.program_id === programId);
      // 营销信息须经会员同意: consent as it stands at the moment of sending, not when queued
      const consenting = await deps.members.marketingConsent(programId, mine.flatMap((m) => (m.kind === 'marketing' && m.member_id ? [m.member_id] : [])));
      for (const m of mine) counts[await deliver(m, now, consenting)]++;
    }
    return counts;
  }

  /**
   * Sends a queued message, or skips a marketing one whose member does not consent at this
   * moment (营销信息须经会员同意): the job and an operator's resend both come through here.
   * `consenting`: the members known to consent now (the job looks them up per batch).
   */
  async function deliver(m: MessageRow, now: Date, consenting?: ReadonlySet<string>): Promise<'sent' | 'retry' | 'failed' | 'skipped'> {
    // marketing goes to members only: a staff message (member_id null) is service
    if (m.kind === 'marketing' && (!m.member_id || !(consenting ?? await deps.members.marketingConsent(m.program_id, [m.member_id])).has(m.member_id))) {
      await ctx.db.updateTable('notification_messages').set({ status: 'skipped', reason: 'no_consent', next_attempt_at: null })
        .where('program_id', '=', m.program_id).where('id', '=', m.id).where('status', '=', 'queued').execute();
      return 'skipped';
    }
    return sendOne(m, now);
  }

  return { relayBatch, sendDue, deliver };
}

/** The event's template on the channel in the member's language, else in the other one (the caller knows the channel has one). */
function pick(templates: TemplateRow[], key: string, channel: Channel, lang: Lang): TemplateRow {
  const of = templates.filter((t) => t.key === key && t.channel === channel);
  return of.find((t) => t.lang === lang) ?? of[0]!;
}
