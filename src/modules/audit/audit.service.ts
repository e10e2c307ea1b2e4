import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { GENESIS, hashOf, verifyPage, type Break, type ChainedContent } from './audit.chain.ts';
import { maskFor, maskPersonal } from './audit.mask.ts';
import type { AuditRow } from './audit.table.ts';

/** A change to record: who, from where, what, and the entity before and after. */
export interface AuditEntry {
  /** the program's id, or 'system' for what belongs to no program */
  chain: string;
  actor: { id: string; name: string; role: string };
  ip?: string | null;
  userAgent?: string | null;
  /** e.g. "PATCH /v1/programs/{program_id}/rules/{rule_id}" or "cli: jobs run tiers" */
  action: string;
  /** what it did, in words: the operation's summary */
  summary: string;
  entity: string;
  entityId?: string | null;
  status?: number | null;
  request?: unknown;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  actor?: string;
  entity?: string;
  entity_id?: string;
  from?: string;
  to?: string;
  q?: string;
}

const toContent = (r: AuditRow): ChainedContent & { hash: string } => ({
  chain: r.chain, seq: Number(r.seq), id: r.id, at: r.at.toISOString(), actor_id: r.actor_id, actor_name: r.actor_name, actor_role: r.actor_role,
  ip: r.ip, user_agent: r.user_agent, action: r.action, summary: r.summary, entity: r.entity, entity_id: r.entity_id, status: r.status,
  request: r.request ?? null, before: r.before ?? null, after: r.after ?? null, prev_hash: r.prev_hash, hash: r.hash,
});

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export function auditService(ctx: Ctx) {
  const filtered = (chain: string, f: AuditFilter) => {
    let q = ctx.db.selectFrom('audit_log').selectAll().where('chain', '=', chain);
    if (f.actor) q = q.where((eb) => eb.or([eb('actor_id', '=', f.actor!), eb('actor_name', '=', f.actor!)]));
    if (f.entity) q = q.where('entity', '=', f.entity);
    if (f.entity_id) q = q.where('entity_id', '=', f.entity_id);
    if (f.from) q = q.where('at', '>=', new Date(f.from));
    if (f.to) q = q.where('at', '<', new Date(f.to));
    if (f.q) q = q.where((eb) => eb.or([eb('summary', 'ilike', `%${f.q}%`), eb('action', 'ilike', `%${f.q}%`)]));
    return q;
  };

  return {
    /**
     * Appends a record to its chain: the chain's head row is locked, so concurrent appends
     * line up one after another, each hashing the one before. Personal data is masked and
     * secrets removed before anything is stored.
     */
    async append(e: AuditEntry, at = new Date()): Promise<AuditRow> {
      return inTransaction(ctx.db, async (trx) => {
        await trx.insertInto('audit_heads').values({ chain: e.chain, seq: 0, hash: GENESIS }).onConflict((oc) => oc.column('chain').doNothing()).execute();
        const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', e.chain).forUpdate().executeTakeFirstOrThrow();
        const mask = maskFor(e.entity, e.action);
        // a timestamp the database keeps exactly (milliseconds), so the stored record hashes the same
        const content: ChainedContent = {
          chain: e.chain, seq: Number(head.seq) + 1, id: newId('aud'), at: at.toISOString(),
          actor_id: e.actor.id, actor_name: e.actor.name, actor_role: e.actor.role, ip: e.ip ?? null, user_agent: e.userAgent?.slice(0, 300) ?? null,
          action: e.action, summary: e.summary, entity: e.entity, entity_id: e.entityId ?? null, status: e.status ?? null,
          request: maskPersonal(e.request ?? null, mask), before: maskPersonal(e.before ?? null, mask), after: maskPersonal(e.after ?? null, mask), prev_hash: head.hash,
        };
        // the stored JSON is read back as the database normalises it (jsonb): hash that form
        const stored = JSON.parse(JSON.stringify({ request: content.request, before: content.before, after: content.after })) as Pick<ChainedContent, 'request' | 'before' | 'after'>;
        Object.assign(content, stored);
        const hash = hashOf(content);
        const row = await trx.insertInto('audit_log').values({
          ...content, at: new Date(content.at), request: json(content.request), before: json(content.before), after: json(content.after), hash,
        }).returningAll().executeTakeFirstOrThrow();
        await trx.updateTable('audit_heads').set({ seq: content.seq, hash }).where('chain', '=', e.chain).execute();
        return row;
      });
    },

    /** Records, newest first, paged by seq. */
    async list(chain: string, f: AuditFilter, limit: number, cursor?: number): Promise<{ items: AuditRow[]; next_cursor: string | null }> {
      let q = filtered(chain, f);
      if (cursor !== undefined) q = q.where('seq', '<', cursor);
      const rows = await q.orderBy('seq', 'desc').limit(limit + 1).execute();
      const items = rows.slice(0, limit);
      return { items, next_cursor: rows.length > limit ? String(items.at(-1)!.seq) : null };
    },

    /** Every record matching, oldest first, in pages (the CSV export). */
    async *all(chain: string, f: AuditFilter, page = 1000): AsyncGenerator<AuditRow[]> {
      let after = 0;
      for (;;) {
        const rows = await filtered(chain, f).where('seq', '>', after).orderBy('seq').limit(page).execute();
        if (rows.length) yield rows;
        if (rows.length < page) return;
        after = Number(rows.at(-1)!.seq);
      }
    },

    /** Walks a chain from its first record and says where it first breaks (null: intact). */
    async verify(chain: string, page = 1000): Promise<{ chain: string; records: number; broken: Break | null }> {
      const state = { seq: 0, hash: GENESIS };
      for (;;) {
        const rows = await ctx.db.selectFrom('audit_log').selectAll().where('chain', '=', chain).where('seq', '>', state.seq).orderBy('seq').limit(page).execute();
        const broken = verifyPage(rows.map(toContent), state);
        if (broken) return { chain, records: state.seq, broken };
        if (rows.length < page) break;
      }
      const head = await ctx.db.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
      const ok = head ? Number(head.seq) === state.seq && head.hash === state.hash : state.seq === 0;
      return { chain, records: state.seq, broken: ok ? null : { seq: state.seq + 1, id: null, reason: 'head' } };
    },

    /** The chains there are (the CLI verifies them all). */
    async chains(): Promise<string[]> {
      return (await ctx.db.selectFrom('audit_heads').select('chain').orderBy('chain').execute()).map((r) => r.chain);
    },

    /** Entities and actors seen in a chain: the console's filters. */
    async facets(chain: string) {
      const [entities, actors] = await Promise.all([
        sql<{ entity: string }>`SELECT DISTINCT entity FROM audit_log WHERE chain = ${chain} ORDER BY entity`.execute(ctx.db),
        sql<{ actor_id: string; actor_name: string }>`SELECT DISTINCT actor_id, actor_name FROM audit_log WHERE chain = ${chain} ORDER BY actor_name`.execute(ctx.db),
      ]);
      return { entities: entities.rows.map((r) => r.entity), actors: actors.rows.map((r) => ({ id: r.actor_id, name: r.actor_name })) };
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
