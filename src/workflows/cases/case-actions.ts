import {
  SENT_CHANNELS, type CaseAction, type TAttachmentIn, type TCase, type TCaseEvent, type TMessageIn, type TProceedingIn,
} from '../../modules/cases/index.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { Modules } from '../../services.ts';
import { afterTransitions } from './after-transitions.ts';

// The case actions a desk takes all day, each in one transaction with its transitions handed
// to afterTransitions: a step of the flow, assign, take, a message either way, a note, an
// attachment, a mediation or arbitration step.

type Message = Omit<TMessageIn, 'direction'>;

/** Our reply to the member: sent through the notification service on sms, e-mail or the portal, recorded on the others. */
async function reply(s: Modules, programId: string, caseId: string, m: Message, actor: Principal, now: Date) {
  const c = await s.cases.canMessage(programId, caseId, actor);
  if (isFailure(c)) return c;
  const eventId = newId('cev', now.getTime());
  const sendable = (SENT_CHANNELS as readonly string[]).includes(m.channel);
  const subject = m.subject || `${c.number} ${c.subject}`;
  // a service message (服务消息), not marketing: the member's marketing consent does not gate it
  const message = sendable
    ? await s.notifications.sendOne(programId, { memberId: c.member_id, channel: m.channel as 'sms' | 'email' | 'portal', subject, body: m.body, sourceRef: eventId, templateKey: 'case.message' }, now)
    : null;
  return s.cases.messageOut(programId, caseId, { eventId, channel: m.channel, subject, body: m.body, message }, actor, now);
}

/**
 * A step of the case's flow. tell_outcome may carry the message that tells the member
 * (seed 003 §7.2 投诉处理完毕，5个工作日内通知客户): sent and recorded with the step.
 */
export async function actOnCase(s: Modules, programId: string, caseId: string, input: { action: CaseAction; text?: string | undefined; message?: Message | undefined }, actor: Principal, now = new Date()): Promise<Result<TCase>> {
  return inTransaction(s.ctx.db, async () => {
    const r = await s.cases.act(programId, caseId, input.action, input.text, actor, now);
    if (isFailure(r)) return r;
    const transitions = [...r.transitions];
    let c = r.case;
    if (input.message && input.action === 'tell_outcome') {
      // a millisecond after the step, so the timeline reads: told, then the message that told them
      const sent = await reply(s, programId, caseId, input.message, actor, new Date(now.getTime() + 1));
      if (isFailure(sent)) return sent;
      transitions.push(...sent.transitions);
      c = sent.case;
    }
    await afterTransitions(s, programId, transitions);
    return c;
  });
}

export async function assignCase(s: Modules, programId: string, caseId: string, staffId: string, actor: Principal, now = new Date()): Promise<Result<TCase>> {
  return inTransaction(s.ctx.db, async () => {
    const r = await s.cases.assign(programId, caseId, staffId, actor, now);
    if (isFailure(r)) return r;
    await afterTransitions(s, programId, r.transitions);
    return r.case;
  });
}

export async function takeCase(s: Modules, programId: string, caseId: string, actor: Principal, now = new Date()): Promise<Result<TCase>> {
  return inTransaction(s.ctx.db, async () => {
    const r = await s.cases.take(programId, caseId, actor, now);
    if (isFailure(r)) return r;
    await afterTransitions(s, programId, r.transitions);
    return r.case;
  });
}

/** A message on the case: ours to the member (sent or recorded), or the member's, recorded from the channel. */
export async function messageCase(s: Modules, programId: string, caseId: string, input: TMessageIn, actor: Principal, now = new Date()): Promise<Result<TCaseEvent>> {
  return inTransaction(s.ctx.db, async () => {
    const r = input.direction === 'to_member'
      ? await reply(s, programId, caseId, input, actor, now)
      : await s.cases.messageIn(programId, caseId, input, actor, now);
    if (isFailure(r)) return r;
    await afterTransitions(s, programId, r.transitions);
    return r.event;
  });
}

export async function noteCase(s: Modules, programId: string, caseId: string, body: string, actor: Principal, now = new Date()) {
  return s.cases.note(programId, caseId, body, actor, now);
}
export async function attachToCase(s: Modules, programId: string, caseId: string, input: TAttachmentIn, actor: Principal, now = new Date()) {
  return s.cases.attachment(programId, caseId, input, actor, now);
}
export async function recordProceeding(s: Modules, programId: string, caseId: string, input: TProceedingIn, actor: Principal, now = new Date()) {
  return s.cases.proceeding(programId, caseId, input, actor, now);
}
