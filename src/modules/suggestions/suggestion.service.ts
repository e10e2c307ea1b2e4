import { sql } from 'kysely';
import type { Ctx, Principal } from '../../platform/context.ts';
import { conflict, notFound, ownStoreOnly, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import type { MemberService } from '../members/index.ts';
import type { StoreService } from '../stores/index.ts';
import { badMove, mergeSelf, mergeTarget, SUGGESTION_MESSAGES } from './suggestion.errors.ts';
import * as repo from './suggestion.repository.ts';
import { forgetMember, type SuggestionsErased } from './suggestion.erase.ts';
import type { TCategory, TSuggestion, TSuggestionCreate, TSuggestionDetail, TSuggestionQuery } from './suggestion.schema.ts';
import { SUGGESTION_STATUSES, type SuggestionRow, type SuggestionStatus } from './suggestion.table.ts';
import { maskName } from '../../platform/mask.ts';

/** Where a decision may still be taken: new or under review. */
const OPEN: SuggestionStatus[] = ['new', 'under_review'];
const maskedName = (n: string | null) => (n ? maskName(n) : null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

export function suggestionService(ctx: Ctx, deps: { members: MemberService; stores: StoreService }) {
  const memberRefs = async (programId: string, ids: (string | null)[]) => {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    return new Map((await deps.members.masked(programId, wanted)).map((m) => [m.id, { id: m.id, member_no: m.member_no ?? null, name: maskedName(m.name ?? null) }]));
  };
  async function view(programId: string, rows: SuggestionRow[]): Promise<TSuggestion[]> {
    const cats = new Map((await ctx.db.selectFrom('suggestion_categories').select(['id', 'name']).where('program_id', '=', programId).execute()).map((c) => [c.id, c]));
    const members = await memberRefs(programId, rows.map((r) => r.member_id));
    return rows.map((r) => ({
      id: r.id, title: r.title, body: r.body, category: cats.get(r.category_id) ?? { id: r.category_id, name: '' },
      store_id: r.store_id, channel: r.channel,
      member: r.member_id ? (members.get(r.member_id) ?? { id: r.member_id, member_no: null, name: null }) : null,
      staff_id: r.staff_id, recorded_by: r.recorded_by, status: r.status, support_count: r.support_count, merged_into: r.merged_into,
      decline_reason: r.decline_reason, decision_note: r.decision_note, reward_points: r.reward_points,
      submitted_at: r.submitted_at.toISOString(), review_started_at: iso(r.review_started_at), decided_at: iso(r.decided_at), decided_by: r.decided_by,
    }));
  }
  const one = async (programId: string, row: SuggestionRow) => (await view(programId, [row]))[0]!;

  /** The row under its lock, inside the caller's transaction: every transition starts here. */
  async function locked(programId: string, id: string, field = 'suggestion_id'): Promise<Result<SuggestionRow>> {
    assertTransaction(ctx.db);
    return (await repo.lock(ctx.db, programId, id)) ?? notFound('suggestion', field);
  }
  const set = (programId: string, id: string, patch: Partial<Omit<SuggestionRow, 'program_id' | 'id'>>) =>
    ctx.db.updateTable('suggestions').set({ ...patch, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

  /** Adds supporters (ignoring those already there and the author) and raises the count by exactly as many. */
  async function addSupporters(programId: string, target: SuggestionRow, add: { member_id: string; via: 'support' | 'merged' | 'merged_author' }[], at: Date) {
    const fresh = add.filter((a) => a.member_id !== target.member_id);
    if (!fresh.length) return 0;
    const inserted = await ctx.db.insertInto('suggestion_supporters')
      .values(fresh.map((a) => ({ program_id: programId, suggestion_id: target.id, member_id: a.member_id, via: a.via, supported_at: at })))
      .onConflict((oc) => oc.columns(['program_id', 'suggestion_id', 'member_id']).doNothing()).returning('member_id').execute();
    if (inserted.length) {
      await ctx.db.updateTable('suggestions').set({ support_count: sql`support_count + ${inserted.length}`, updated_at: new Date() })
        .where('program_id', '=', programId).where('id', '=', target.id).execute();
    }
    return inserted.length;
  }

  const service = {
    memberData: async (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['suggestions', '建议', 'Suggestions'], ['suggestion_supporters', '附议的建议', 'Suggestions supported'],
    ]),
    /**
     * Erasure (PIPL 第四十七条), in the caller's transaction: the member's suggestions lose their
     * words (an adopted one keeps its title, with `identifiers` — the member's name, phone,
     * e-mail before erasure — blotted out); supports and figures stay (suggestion.erase.ts).
     */
    forgetMember: (programId: string, memberId: string, identifiers: readonly (string | null)[], now = new Date()): Promise<SuggestionsErased> => {
      assertTransaction(ctx.db);
      return forgetMember(ctx.db, programId, memberId, identifiers, now);
    },

    async categories(programId: string): Promise<TCategory[]> {
      const rows = await ctx.db.selectFrom('suggestion_categories as c')
        .select(['c.id', 'c.name', 'c.active', sql<number>`(SELECT count(*)::int FROM suggestions s WHERE s.program_id = c.program_id AND s.category_id = c.id)`.as('suggestions')])
        .where('c.program_id', '=', programId).orderBy('c.created_at').orderBy('c.id').execute();
      return rows;
    },
    async createCategory(programId: string, input: { name: string }): Promise<Result<TCategory>> {
      const row = await ctx.db.insertInto('suggestion_categories').values({ program_id: programId, id: newId('sgc'), name: input.name })
        .onConflict((oc) => oc.columns(['program_id', 'name']).doNothing()).returningAll().executeTakeFirst();
      if (!row) return conflict(SUGGESTION_MESSAGES.category_name_taken(), 'name');
      return { id: row.id, name: row.name, active: row.active, suggestions: 0 };
    },
    async updateCategory(programId: string, id: string, input: { name?: string | undefined; active?: boolean | undefined }): Promise<Result<TCategory>> {
      if (input.name !== undefined) {
        const taken = await ctx.db.selectFrom('suggestion_categories').select('id').where('program_id', '=', programId).where('name', '=', input.name).where('id', '<>', id).executeTakeFirst();
        if (taken) return conflict(SUGGESTION_MESSAGES.category_name_taken(), 'name');
      }
      const row = await ctx.db.updateTable('suggestion_categories')
        .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.active !== undefined ? { active: input.active } : {}) })
        .where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) return notFound('suggestion category', 'category_id');
      return (await service.categories(programId)).find((c) => c.id === id)!;
    },

    /** Records a suggestion (status new) with its first history line; the caller's transaction. */
    async submit(programId: string, input: TSuggestionCreate, actor: Principal, now = new Date()): Promise<Result<SuggestionRow>> {
      if ((input.channel === 'staff') !== (input.member_id === undefined)) return validation('member_id', SUGGESTION_MESSAGES.author_member_or_staff());
      // store staff record for their own store (the counter's): it is the default, another is refused
      if (actor.storeId && input.store_id && input.store_id !== actor.storeId) return ownStoreOnly();
      const storeId = input.store_id ?? actor.storeId ?? null;
      const category = await ctx.db.selectFrom('suggestion_categories').select(['id', 'active']).where('program_id', '=', programId).where('id', '=', input.category_id).executeTakeFirst();
      if (!category) return notFound('suggestion category', 'category_id');
      if (!category.active) return validation('category_id', SUGGESTION_MESSAGES.category_inactive());
      if (storeId && !(await deps.stores.exists(programId, storeId))) return notFound('store', 'store_id');
      if (input.member_id && !(await deps.members.exists(programId, input.member_id))) return notFound('member', 'member_id');
      return inTransaction(ctx.db, async () => {
        const row = await ctx.db.insertInto('suggestions').values({
          program_id: programId, id: newId('sug', now.getTime()), title: input.title, body: input.body, category_id: input.category_id, store_id: storeId,
          channel: input.channel, member_id: input.member_id ?? null, staff_id: input.member_id ? null : actor.keyId, recorded_by: actor.keyId,
          merged_into: null, decline_reason: null, decision_note: null, reward_points: null, submitted_at: now, review_started_at: null, decided_at: null, decided_by: null,
        }).returningAll().executeTakeFirstOrThrow();
        await repo.addHistory(ctx.db, programId, row.id, 'submitted', actor.keyId, now, { channel: row.channel });
        return row;
      });
    },

    /** A member supports an open suggestion once; answers whether this call added the support. */
    async support(programId: string, id: string, memberId: string, actor: Principal, now = new Date()): Promise<Result<{ added: boolean; row: SuggestionRow }>> {
      return inTransaction(ctx.db, async () => {
        const row = await locked(programId, id);
        if (!('id' in row)) return row;
        if (!OPEN.includes(row.status)) return badMove(row.status, 'support');
        if (row.member_id === memberId) return validation('member_id', SUGGESTION_MESSAGES.own_suggestion());
        if (!(await deps.members.exists(programId, memberId))) return notFound('member', 'member_id');
        const added = (await addSupporters(programId, row, [{ member_id: memberId, via: 'support' }], now)) === 1;
        if (added) await repo.addHistory(ctx.db, programId, id, 'supported', actor.keyId, now, { member_id: memberId });
        return { added, row: (await repo.find(ctx.db, programId, id))! };
      });
    },

    async startReview(programId: string, id: string, actor: Principal, now = new Date()): Promise<Result<SuggestionRow>> {
      const row = await locked(programId, id);
      if (!('id' in row)) return row;
      if (row.status !== 'new') return badMove(row.status, 'review');
      await repo.addHistory(ctx.db, programId, id, 'review_started', actor.keyId, now);
      return set(programId, id, { status: 'under_review', review_started_at: now });
    },

    /** Open → adopted, once: a second adoption finds it adopted. Answers the row and its supporters (not the author). */
    async adopt(programId: string, id: string, note: string | undefined, actor: Principal, now = new Date()): Promise<Result<{ row: SuggestionRow; supporterIds: string[] }>> {
      const row = await locked(programId, id);
      if (!('id' in row)) return row;
      if (!OPEN.includes(row.status)) return badMove(row.status, 'adopt');
      const adopted = await set(programId, id, { status: 'adopted', decided_at: now, decided_by: actor.keyId, decision_note: note ?? null });
      await repo.addHistory(ctx.db, programId, id, 'adopted', actor.keyId, now, note ? { note } : null);
      const supporterIds = (await repo.supporters(ctx.db, programId, id)).map((s) => s.member_id);
      return { row: adopted, supporterIds };
    },
    /** The points paid to the author, recorded on the adopted suggestion and its history. */
    async recordReward(programId: string, id: string, points: number, actor: Principal, now = new Date()) {
      await repo.addHistory(ctx.db, programId, id, 'rewarded', actor.keyId, now, { points });
      return set(programId, id, { reward_points: points });
    },

    async decline(programId: string, id: string, reason: string, actor: Principal, now = new Date()): Promise<Result<SuggestionRow>> {
      const row = await locked(programId, id);
      if (!('id' in row)) return row;
      if (!OPEN.includes(row.status)) return badMove(row.status, 'decline');
      await repo.addHistory(ctx.db, programId, id, 'declined', actor.keyId, now, { reason });
      return set(programId, id, { status: 'declined', decline_reason: reason, decided_at: now, decided_by: actor.keyId });
    },

    /**
     * Merges a duplicate into its target: the duplicate's supporters and its author become
     * the target's supporters, each member once (a member who supported both counts once;
     * the target's own author is not their own supporter). Both rows locked in id order.
     */
    async merge(programId: string, id: string, targetId: string, actor: Principal, now = new Date()): Promise<Result<{ row: SuggestionRow; target: SuggestionRow; carried: number }>> {
      if (id === targetId) return mergeSelf();
      assertTransaction(ctx.db);
      const first = await locked(programId, id < targetId ? id : targetId, id < targetId ? 'suggestion_id' : 'target_id');
      if (!('id' in first)) return first;
      const second = await locked(programId, id < targetId ? targetId : id, id < targetId ? 'target_id' : 'suggestion_id');
      if (!('id' in second)) return second;
      const [row, target] = id < targetId ? [first, second] : [second, first];
      if (!OPEN.includes(row.status)) return badMove(row.status, 'merge');
      if (!OPEN.includes(target.status)) return mergeTarget(target.status);
      const carry: { member_id: string; via: 'merged' | 'merged_author' }[] = (await repo.supporters(ctx.db, programId, id)).map((s) => ({ member_id: s.member_id, via: 'merged' }));
      if (row.member_id) carry.push({ member_id: row.member_id, via: 'merged_author' });
      const carried = await addSupporters(programId, target, carry, now);
      await repo.addHistory(ctx.db, programId, id, 'merged', actor.keyId, now, { into: targetId });
      await repo.addHistory(ctx.db, programId, targetId, 'merged_in', actor.keyId, now, { from: id, supporters_added: carried });
      const merged = await set(programId, id, { status: 'duplicate', merged_into: targetId, decided_at: now, decided_by: actor.keyId });
      return { row: merged, target: (await repo.find(ctx.db, programId, targetId))!, carried };
    },

    async list(programId: string, f: TSuggestionQuery) {
      const rows = await repo.list(ctx.db, programId, {
        status: f.status, categoryId: f.category_id, storeId: f.store_id, memberId: f.member_id, q: f.q, cursor: f.cursor, limit: f.limit,
      });
      const items = await view(programId, rows.slice(0, f.limit));
      return { items, next_cursor: rows.length > f.limit ? items.at(-1)!.id : null };
    },
    /** Titles by id (the SLA monitor names its subjects). */
    async titles(programId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await ctx.db.selectFrom('suggestions').select(['id', 'title']).where('program_id', '=', programId).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.title]));
    },
    async counts(programId: string): Promise<Record<SuggestionStatus, number>> {
      const rows = await repo.counts(ctx.db, programId);
      return Object.fromEntries(SUGGESTION_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<SuggestionStatus, number>;
    },
    async get(programId: string, id: string): Promise<Result<TSuggestionDetail>> {
      const row = await repo.find(ctx.db, programId, id);
      if (!row) return notFound('suggestion', 'suggestion_id');
      const supporters = await repo.supporters(ctx.db, programId, id);
      const refs = await memberRefs(programId, supporters.map((s) => s.member_id));
      return {
        ...(await one(programId, row)),
        supporters: supporters.map((s) => ({ ...(refs.get(s.member_id) ?? { id: s.member_id, member_no: null, name: null }), via: s.via, supported_at: s.supported_at.toISOString() })),
        history: (await repo.history(ctx.db, programId, id)).map((h) => ({ kind: h.kind, actor: h.actor, at: h.at.toISOString(), detail: h.detail })),
      };
    },
    /** The stored row, for the workflows. */
    async row(programId: string, id: string): Promise<Result<SuggestionRow>> {
      return (await repo.find(ctx.db, programId, id)) ?? notFound('suggestion', 'suggestion_id');
    },
    view: one,
    /** The member page's card: what they suggested and what they support, newest first. */
    async forMember(programId: string, memberId: string) {
      const authored = await repo.list(ctx.db, programId, { memberId, limit: 50 });
      const supported = await repo.supportedBy(ctx.db, programId, memberId, 50);
      return { authored: await view(programId, authored.slice(0, 50)), supported: await view(programId, supported) };
    },
  };
  return service;
}
export type SuggestionService = ReturnType<typeof suggestionService>;
