import type { Principal } from '../platform/context.ts';
import { isFailure, type Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { Modules } from '../services.ts';
import type { TReveal } from '../modules/members/index.ts';

// Revealing a member's personal data (issue 10; seed 002 §6 信息保密, used only for its
// purpose): a person who may ('pii.reveal') states why, sees the values, and the audit log
// records who, which fields and why — never the values — in the same transaction as the
// read, so no reveal goes unrecorded.

/** How long the console shows revealed values before masking them again. */
export const REVEAL_SECONDS = 60;

export interface RevealMeta {
  ip?: string | null;
  userAgent?: string | null;
}

const FIELD_NAMES: Record<string, string> = { phone: 'phone', email: 'e-mail', id_number: 'resident ID', address: 'address' };

export async function revealMember(s: Modules, programId: string, memberId: string, input: TReveal, actor: Principal, meta: RevealMeta = {}) {
  return inTransaction(s.ctx.db, async (): Promise<Result<Record<string, unknown> & { member_id: string; audit_id: string; expires_in_s: number }>> => {
    const values = await s.members.reveal(programId, memberId, input.fields);
    if (isFailure(values)) return values;
    const record = await s.audit.append({
      chain: programId, actor: { id: actor.keyId, name: actor.name, role: actor.role }, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null,
      action: 'member.reveal', summary: `Revealed ${input.fields.map((f) => FIELD_NAMES[f]).join(', ')} for ${input.purpose.replaceAll('_', ' ')}`,
      entity: 'members', entityId: memberId, status: 200,
      request: { fields: input.fields, purpose: input.purpose, note: input.note ?? null },
    });
    return { member_id: memberId, ...values, audit_id: record.id, expires_in_s: REVEAL_SECONDS };
  });
}

/** A reveal refused for want of 'pii.reveal' is recorded too: an attempt to see data one may not is what an auditor looks for. */
/** What a refused caller asked for, bounded: the body is not validated yet and goes into an append-only log. */
function askedFor(input: unknown): { fields: string[]; purpose: string | null; note: string | null } {
  const b = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
  return { fields: Array.isArray(b.fields) ? b.fields.slice(0, 8).map((f) => String(f).slice(0, 20)) : [], purpose: text(b.purpose), note: text(b.note) };
}

export async function recordRefusedReveal(s: Modules, programId: string, memberId: string, input: unknown, actor: Principal, meta: RevealMeta = {}) {
  await s.audit.append({
    chain: programId, actor: { id: actor.keyId, name: actor.name, role: actor.role }, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null,
    action: 'member.reveal.refused', summary: 'Reveal refused: the caller may not reveal personal data',
    entity: 'members', entityId: memberId, status: 403, request: askedFor(input),
  });
}
