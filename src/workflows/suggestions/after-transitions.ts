import { emit, type OutboxEvent } from '../../platform/outbox.ts';
import type { Modules } from '../../services.ts';

// THE seam of the suggestions' life: every workflow in this folder hands the transitions it
// made to `afterTransitions`, inside its own transaction, so what follows a transition exists
// iff the transition does. Today: the outbox events `suggestion.<kind>` (and the member
// messages the notifications relay makes of them). The processing deadline (SLA clock: start
// on submitted, stop on adopted / declined / merged) is wired here too.

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
}
