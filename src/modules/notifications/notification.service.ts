import type { Ctx } from '../../platform/context.ts';
import { exclusive } from '../../platform/advisory.ts';
import { notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';
import { countKeys, resealBatch, type SealedSpec, type SealedStore } from '../../platform/sealed.ts';
import { NOTIFICATION_MESSAGES as MSG, notResendable, templateExists, unknownVariable } from './notification.errors.ts';
import type { TMessage, TMessageQuery, TTemplate, TTemplateCreate, TTemplateUpdate } from './notification.schema.ts';
import type { Channel, MessageRow, TemplateRow } from './notification.table.ts';
import { maskEmail, maskMobile } from '../../platform/mask.ts';
import { relay, type RelayDeps } from './relay.ts';
import { render, sampleOf, unknownPlaceholders, variablesOf, EVENT_KEYS, type EventKey } from './render.ts';
import { transportsFromEnv, type Transports } from './transports.ts';

/** A message's address is sealed like the member's (issue 10): the key rotation re-seals it. */
const SEALED: SealedSpec = { table: 'notification_messages', sealed: ['recipient_enc'] };

/** The relay's lock (the jobs' scheme, listed in modules/jobs/job.service.ts): one relay and sender at a time across processes. */
const NOTIFY_LOCK = 7_012;

const toTemplate = (t: TemplateRow): TTemplate => ({
  id: t.id, key: t.key, channel: t.channel, lang: t.lang, kind: t.kind, subject: t.subject, body: t.body, wechat_template_id: t.wechat_template_id,
  active: t.active, variables: variablesOf(t.key as EventKey), updated_at: t.updated_at.toISOString(),
});
const toMessage = (m: MessageRow): TMessage => ({
  id: m.id, member_id: m.member_id, staff_id: m.staff_id, event_id: m.event_id === null ? null : Number(m.event_id), template_key: m.template_key, channel: m.channel, lang: m.lang, kind: m.kind,
  recipient: m.recipient_masked, subject: m.subject, body: m.body, status: m.status, reason: m.reason, attempts: m.attempts,
  next_attempt_at: m.next_attempt_at?.toISOString() ?? null, last_error: m.last_error, provider_id: m.provider_id,
  created_at: m.created_at.toISOString(), sent_at: m.sent_at?.toISOString() ?? null,
});

/** The placeholders must be the event's: a typo would reach every member as an empty gap. */
const checkPlaceholders = (key: string, subject: string | undefined, body: string | undefined) => {
  const known = variablesOf(key as EventKey);
  for (const [field, text] of [['subject', subject], ['body', body]] as const) {
    const bad = text === undefined ? [] : unknownPlaceholders(text, known);
    if (bad.length) return unknownVariable(field, bad[0]!, known);
  }
  return null;
};

export function notificationService(ctx: Ctx, deps: RelayDeps) {
  let transports: Transports = transportsFromEnv();
  const engine = relay(ctx, deps, () => transports);
  const template = (programId: string, id: string) =>
    ctx.db.selectFrom('notification_templates').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

  return {
    sealed: { name: 'notifications', keyCounts: () => countKeys(ctx, SEALED), reseal: (after, limit) => resealBatch(ctx, SEALED, after, limit) } satisfies SealedStore,
    /** Replaces the adapters (tests: a local SMTP server; the server: from the environment). */
    useTransports(t: Partial<Transports>) { transports = { ...transports, ...t }; },
    /** The member's messages for their copy (PIPL 第四十五条); the sealed address stays out (their profile has it in clear). */
    memberData: async (programId: string, memberId: string): Promise<MemberDataSection[]> => (await memberSections(ctx.db, programId, memberId, [
      ['notification_messages', '消息通知', 'Notifications'],
    ])).map((s) => ({ ...s, rows: s.rows.map(({ recipient_enc: _, ...r }) => r) })),
    /** Erasure: the messages keep their status and times, lose the address and the text (which named the member); queued ones are not sent. */
    async forgetMember(programId: string, memberId: string): Promise<number> {
      await ctx.db.updateTable('notification_messages').set({ status: 'skipped', reason: 'erased', next_attempt_at: null })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('status', '=', 'queued').execute();
      const r = await ctx.db.updateTable('notification_messages').set({ recipient_enc: null, recipient_masked: null, subject: '', body: '', data: null })
        .where('program_id', '=', programId).where('member_id', '=', memberId).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /**
     * A one-off service message to a member (a case's reply), in the caller's transaction: the
     * address sealed and masked like the relay's, in-portal delivered when written, the others
     * queued for the job's sender (retries, back-off; none lost if the process dies). A service
     * message, never marketing, so consent to marketing does not gate it. `sourceRef` (the case
     * event) is unique: a retried request finds the message it made.
     */
    async sendOne(programId: string, input: { memberId: string; channel: Channel; subject: string; body: string; sourceRef: string; templateKey: string }, now = new Date()): Promise<TMessage> {
      const prior = await ctx.db.selectFrom('notification_messages').selectAll().where('program_id', '=', programId).where('source_ref', '=', input.sourceRef).executeTakeFirst();
      if (prior) return toMessage(prior);
      const member = (await deps.members.contacts(programId, [input.memberId])).get(input.memberId);
      const address = !member ? null : input.channel === 'email' ? member.email : input.channel === 'sms' ? member.phone : input.channel === 'portal' ? member.memberNo : null;
      const skip = !member || member.status !== 'active' ? 'inactive_member' : address === null ? 'no_address' : null;
      const portal = input.channel === 'portal' && !skip;
      const row = await ctx.db.insertInto('notification_messages').values({
        program_id: programId, id: newId('msg', now.getTime()), member_id: input.memberId, event_id: null, source_ref: input.sourceRef,
        // the text is the agent's, in whatever language they wrote; lang records the member's
        template_key: input.templateKey, channel: input.channel, lang: member?.language ?? 'zh', kind: 'service',
        recipient_masked: address === null ? null : input.channel === 'email' ? maskEmail(address) : input.channel === 'sms' ? maskMobile(address) : address,
        recipient_enc: address === null || input.channel === 'portal' ? null : ctx.vault.encrypt(address),
        subject: input.subject, body: input.body, data: JSON.stringify({ subject: input.subject, body: input.body }),
        status: skip ? 'skipped' : portal ? 'sent' : 'queued', reason: skip, next_attempt_at: skip || portal ? null : now,
        ...(portal ? { sent_at: now, provider_id: 'portal', attempts: 1 } : {}),
      }).returningAll().executeTakeFirstOrThrow();
      return toMessage(row);
    },
    /** Messages by id (a case's timeline shows how its replies fared). */
    async messagesById(programId: string, ids: string[]): Promise<Map<string, TMessage>> {
      if (!ids.length) return new Map();
      const rows = await ctx.db.selectFrom('notification_messages').selectAll().where('program_id', '=', programId).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, toMessage(r)]));
    },
    /**
     * An e-mail to a member of staff (an SLA alert), in the caller's transaction, sent by the
     * job from `at` on (after quiet hours) through the same sender, retries and back-off as
     * members' messages. One per `ref` (the alert), whatever reruns; no outbox event behind it.
     */
    async queueStaffEmail(programId: string, m: { staffId: string; to: string; subject: string; body: string; ref: string; key: string; at: Date }) {
      await ctx.db.insertInto('notification_messages').values({
        program_id: programId, id: newId('msg', m.at.getTime()), member_id: null, staff_id: m.staffId, source_ref: m.ref, event_id: null, template_key: m.key,
        // staff keep no language (the console's is the browser's): the alert's text carries zh and en
        channel: 'email', lang: 'zh', kind: 'service', recipient_masked: maskEmail(m.to), recipient_enc: ctx.vault.encrypt(m.to),
        subject: m.subject, body: m.body, data: null, status: 'queued', reason: null, next_attempt_at: m.at,
      }).onConflict((oc) => oc.columns(['program_id', 'source_ref']).where('source_ref', 'is not', null).doNothing()).execute();
    },
    async templates(programId: string) {
      const rows = await ctx.db.selectFrom('notification_templates').selectAll().where('program_id', '=', programId).orderBy('key').orderBy('channel').orderBy('lang', 'desc').execute(); // zh first
      return { items: rows.map(toTemplate), events: EVENT_KEYS.map((key) => ({ key, variables: variablesOf(key) })) };
    },
    async createTemplate(programId: string, input: TTemplateCreate): Promise<Result<TTemplate>> {
      const bad = checkPlaceholders(input.key, input.subject, input.body);
      if (bad) return bad;
      if (input.channel === 'wechat' && !input.wechat_template_id) return validation('wechat_template_id', MSG.wechat_id());
      const row = await ctx.db.insertInto('notification_templates').values({
        program_id: programId, id: newId('ntp'), key: input.key, channel: input.channel, lang: input.lang, kind: input.kind,
        subject: input.subject, body: input.body, wechat_template_id: input.wechat_template_id ?? null, active: input.active,
      }).onConflict((oc) => oc.columns(['program_id', 'key', 'channel', 'lang']).doNothing()).returningAll().executeTakeFirst();
      return row ? toTemplate(row) : templateExists(input.key, input.channel, input.lang);
    },
    async updateTemplate(programId: string, id: string, input: TTemplateUpdate): Promise<Result<TTemplate>> {
      const t = await template(programId, id);
      if (!t) return notFound('notification template', 'template_id');
      const bad = checkPlaceholders(t.key, input.subject, input.body);
      if (bad) return bad;
      if (t.channel === 'wechat' && input.wechat_template_id === null) return validation('wechat_template_id', MSG.wechat_id());
      const row = await ctx.db.updateTable('notification_templates').set({ ...input, updated_at: new Date() })
        .where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return toTemplate(row);
    },
    async deleteTemplate(programId: string, id: string): Promise<Result<{ deleted: true }>> {
      const r = await ctx.db.deleteFrom('notification_templates').where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) ? { deleted: true } : notFound('notification template', 'template_id');
    },
    /** Renders a template text with the given values over the event's samples: what a member would read. */
    preview(input: { key: string; subject: string; body: string; variables?: Record<string, string | number> | undefined }): Result<{ subject: string; body: string; variables: Record<string, unknown> }> {
      const bad = checkPlaceholders(input.key, input.subject, input.body);
      if (bad) return bad;
      const variables = { ...sampleOf(input.key as EventKey), ...input.variables };
      return { subject: render(input.subject, variables), body: render(input.body, variables), variables };
    },
    async messages(programId: string, q: Omit<TMessageQuery, 'limit' | 'cursor'> & { limit: number; cursor?: string | undefined }) {
      let query = ctx.db.selectFrom('notification_messages').selectAll().where('program_id', '=', programId);
      if (q.member_id) query = query.where('member_id', '=', q.member_id);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.channel) query = query.where('channel', '=', q.channel);
      if (q.cursor) query = query.where('id', '<', q.cursor);
      const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
      const items = rows.slice(0, q.limit).map(toMessage);
      return { items, next_cursor: rows.length > q.limit ? items.at(-1)!.id : null };
    },
    /** A failed message back in the queue with a fresh round of attempts, tried at once: the message as it stands after. */
    async resend(programId: string, id: string, now = new Date()): Promise<Result<TMessage>> {
      const m = await ctx.db.selectFrom('notification_messages').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      if (!m) return notFound('notification message', 'message_id');
      if (m.status !== 'failed') return notResendable(m.status);
      const queued = await ctx.db.updateTable('notification_messages').set({ status: 'queued', attempts: 0, next_attempt_at: now })
        .where('program_id', '=', programId).where('id', '=', id).where('status', '=', 'failed').returningAll().executeTakeFirst();
      if (!queued) return notResendable('queued');
      await engine.deliver(queued, now);
      return toMessage((await ctx.db.selectFrom('notification_messages').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirstOrThrow()));
    },
    /**
     * The job (every minute; `patron jobs run notify [--program]`): new events become messages, due
     * messages are sent; one program's only with programId. Null when another process holds the lock.
     */
    async run(opts: { now?: Date; programId?: string | undefined; transports?: Partial<Transports> } = {}) {
      const now = opts.now ?? new Date();
      const saved = transports;
      // the demo's seed sends through its own adapters for one run
      if (opts.transports) transports = { ...transports, ...opts.transports };
      try {
        return await exclusive(ctx, NOTIFY_LOCK, async () => {
          let events = 0;
          let made = 0;
          for (;;) {
            const r = await engine.relayBatch(now, opts.programId);
            events += r.events;
            made += r.messages;
            if (r.events < 100) break;
          }
          const sent = { sent: 0, retry: 0, failed: 0, skipped: 0 };
          for (;;) {
            const r = await engine.sendDue(now, opts.programId);
            for (const k of Object.keys(sent) as (keyof typeof sent)[]) sent[k] += r[k];
            if (r.sent + r.retry + r.failed + r.skipped < 100 || r.sent + r.failed + r.skipped === 0) break;
          }
          return { events, messages: made, ...sent };
        });
      } finally {
        transports = saved;
      }
    },
  };
}
export type NotificationService = ReturnType<typeof notificationService>;
