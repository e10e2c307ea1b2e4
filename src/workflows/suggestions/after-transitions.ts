import { emit, type OutboxEvent } from '../../platform/outbox.ts';
import type { Modules } from '../../services.ts';

// THE seam of the suggestions' life: every workflow in this folder hands the transitions it
// made to `afterTransitions`, inside its own transaction, so what follows a transition exists
// iff the transition does. Today: the outbox events `suggestion.<kind>` (and the member
// messages the notifications relay makes of them), and the processing deadline: seed 000 names
// slow feedback handling as the second problem to solve, so a suggestion runs on the same SLA
// clocks as a case (`resolution`, built-in 10 working days), started when it is submitted and
// met when it is adopted, declined or merged.

interface Base { at: Date; suggestionId: string; title: string }
export type SuggestionTransition =
  | Base & { kind: 'submitted'; memberId: string | null; storeId: string | null; categoryId: string }
  | Base & { kind: 'review_started' }
  | Base & { kind: 'adopted'; authorMemberId: string | null; supporterIds: string[]; points: number }
  | Base & { kind: 'declined'; authorMemberId: string | null; reason: string }
  | Base & { kind: 'merged'; targetId: string; carried: number };

/** What follows each transition, in the caller's transaction. */
export async function afterTransitions(s: Modules, programId: string, transitions: SuggestionTransition[]): Promise<void> {
  const events: OutboxEvent[] = [];
  for (const t of transitions) {
    const { kind, at, suggestionId, ...rest } = t;
    const common = { suggestion_id: suggestionId, at: at.toISOString() };
    switch (t.kind) {
      case 'adopted':
        // the author is told, with the points when some were paid (else only thanked); a staff author gets no member message
        events.push({
          programId, topic: t.points > 0 ? 'suggestion.adopted' : 'suggestion.adopted_thanks', aggregateId: suggestionId,
          payload: { ...common, title: t.title, points: t.points, member_ids: t.authorMemberId ? [t.authorMemberId] : [] },
        });
        // everyone who supported it is told once: one event, one message per member and channel
        if (t.supporterIds.length) events.push({ programId, topic: 'suggestion.adopted_supporter', aggregateId: suggestionId, payload: { ...common, title: t.title, member_ids: t.supporterIds } });
        break;
      case 'declined':
        events.push({ programId, topic: 'suggestion.declined', aggregateId: suggestionId, payload: { ...common, title: t.title, reason: t.reason, member_ids: t.authorMemberId ? [t.authorMemberId] : [] } });
        break;
      default:
        events.push({ programId, topic: `suggestion.${kind}`, aggregateId: suggestionId, payload: { ...common, ...rest } });
    }
  }
  await emit(s.ctx.db, events);
  for (const t of transitions) {
    const subject = { type: 'suggestion' as const, id: t.suggestionId };
    if (t.kind === 'submitted') {
      const tierId = t.memberId ? (await s.members.tierInfo(programId, t.memberId))?.tier_id ?? null : null;
      await s.sla.start(programId, subject, 'resolution', t.at, { tierId, priority: null });
    } else if (t.kind === 'adopted' || t.kind === 'declined' || t.kind === 'merged') {
      await s.sla.stop(programId, subject, ['resolution'], t.at);
    }
  }
}
