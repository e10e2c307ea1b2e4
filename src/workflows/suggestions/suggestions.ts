import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { TSuggestion, TSuggestionCreate } from '../../modules/suggestions/index.ts';
import type { Modules } from '../../services.ts';
import { awardEvent } from '../award-event.ts';
import { afterTransitions } from './after-transitions.ts';

// Every action on a suggestion: the module's transition under the row's lock, then what
// follows it (afterTransitions), in one transaction.

/** Records a suggestion; a retry with the same Idempotency-Key answers the first one. */
export async function submitSuggestion(s: Modules, programId: string, input: TSuggestionCreate, actor: Principal, key?: string, now = new Date()) {
  return idempotent<TSuggestion>(s.ctx.db, { programId, scope: 'suggestion', key, hash: requestHash(input) }, async () => {
    const row = await s.suggestions.submit(programId, input, actor, now);
    if (isFailure(row)) return row;
    await afterTransitions(s, programId, [{ kind: 'submitted', at: now, suggestionId: row.id, title: row.title, memberId: row.member_id, storeId: row.store_id, categoryId: row.category_id }]);
    return { status: 201, body: await s.suggestions.view(programId, row) };
  });
}

export async function supportSuggestion(s: Modules, programId: string, id: string, memberId: string, actor: Principal, now = new Date()): Promise<Result<TSuggestion & { added: boolean }>> {
  const r = await s.suggestions.support(programId, id, memberId, actor, now);
  if (isFailure(r)) return r;
  return { ...(await s.suggestions.view(programId, r.row)), added: r.added };
}

export async function reviewSuggestion(s: Modules, programId: string, id: string, actor: Principal, now = new Date()): Promise<Result<TSuggestion>> {
  return inTransaction(s.ctx.db, async () => {
    const row = await s.suggestions.startReview(programId, id, actor, now);
    if (isFailure(row)) return row;
    await afterTransitions(s, programId, [{ kind: 'review_started', at: now, suggestionId: id, title: row.title }]);
    return s.suggestions.view(programId, row);
  });
}

/**
 * Adopts a suggestion and rewards its author once through the event rewards (建议采纳与奖励,
 * seed 000 第四章 第一条款: the suggestion_adopted event, occurrence = the suggestion): the row's
 * lock makes a second adoption at the same time find it adopted (409), and the event's claim
 * pays once per occurrence whatever happens. A staff author, or a member no longer active, is
 * paid nothing; the adoption stands.
 */
export async function adoptSuggestion(s: Modules, programId: string, id: string, input: { note?: string | undefined }, actor: Principal, now = new Date()): Promise<Result<TSuggestion>> {
  return inTransaction(s.ctx.db, async () => {
    const r = await s.suggestions.adopt(programId, id, input.note, actor, now);
    if (isFailure(r)) return r;
    let row = r.row;
    let points = 0;
    const author = row.member_id;
    if (author && !isFailure(await s.members.requireStatus(programId, author))) {
      const award = await awardEvent(s, programId, author, 'suggestion_adopted', id, actor, now);
      if (isFailure(award)) return award;
      if (award.awarded) {
        points = award.points;
        row = await s.suggestions.recordReward(programId, id, points, actor, now);
      }
    }
    await afterTransitions(s, programId, [{ kind: 'adopted', at: now, suggestionId: id, title: row.title, authorMemberId: author, supporterIds: r.supporterIds, points }]);
    return s.suggestions.view(programId, row);
  });
}

/** Declines with a reason the author is told. */
export async function declineSuggestion(s: Modules, programId: string, id: string, reason: string, actor: Principal, now = new Date()): Promise<Result<TSuggestion>> {
  return inTransaction(s.ctx.db, async () => {
    const row = await s.suggestions.decline(programId, id, reason, actor, now);
    if (isFailure(row)) return row;
    await afterTransitions(s, programId, [{ kind: 'declined', at: now, suggestionId: id, title: row.title, authorMemberId: row.member_id, reason }]);
    return s.suggestions.view(programId, row);
  });
}

/** Marks a suggestion a duplicate of another, its supporters carried over. */
export async function mergeSuggestion(s: Modules, programId: string, id: string, targetId: string, actor: Principal, now = new Date()): Promise<Result<TSuggestion>> {
  return inTransaction(s.ctx.db, async () => {
    const r = await s.suggestions.merge(programId, id, targetId, actor, now);
    if (isFailure(r)) return r;
    await afterTransitions(s, programId, [{ kind: 'merged', at: now, suggestionId: id, title: r.row.title, targetId, carried: r.carried }]);
    return s.suggestions.view(programId, r.row);
  });
}

/** The board's header: counts per status and what adopting pays now. */
export async function suggestionSummary(s: Modules, programId: string) {
  return { counts: await s.suggestions.counts(programId), adoption_points: (await s.events.pays(programId, 'suggestion_adopted')) ?? 0 };
}
