import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import { ERASED_TEXT } from './member-data.ts';

export interface OutboxEvent {
  programId: string;
  topic: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

/** Writes events in the caller's transaction, so an event exists iff its change does. */
export async function emit(trx: Trx | Db, events: OutboxEvent | OutboxEvent[]): Promise<void> {
  const rows = (Array.isArray(events) ? events : [events]).map((e) => ({
    program_id: e.programId,
    topic: e.topic,
    aggregate_id: e.aggregateId,
    payload: JSON.stringify(e.payload),
  }));
  if (rows.length) await trx.insertInto('outbox').values(rows).execute();
}

/** An outbox insert as a CTE body, once per row of `source`: for one-statement writes. */
export const emitSql = (e: OutboxEvent, source: string) =>
  sql`INSERT INTO outbox (program_id, topic, aggregate_id, payload)
      SELECT ${e.programId}, ${e.topic}, ${e.aggregateId}, ${JSON.stringify(e.payload)}::jsonb FROM ${sql.table(source)}`;

/**
 * An outbox insert as a CTE body whose aggregate and payload come from each row of `source`
 * (what a data-modifying CTE returned): for one-statement writes that learn what they changed
 * only as they change it. `aggregateId` and `payload` are SQL over `source`'s columns.
 */
export const emitRowsSql = (e: { programId: string; topic: string }, source: string, aggregateId: RawBuilder<string>, payload: RawBuilder<unknown>) =>
  sql`INSERT INTO outbox (program_id, topic, aggregate_id, payload)
      SELECT ${e.programId}, ${e.topic}, ${aggregateId}, ${payload} FROM ${sql.table(source)}`;


export interface StoredEvent extends OutboxEvent { id: number; createdAt: Date }

/**
 * The oldest unpublished events of these topics, locked for the caller's transaction (SKIP
 * LOCKED: a second relay takes the next ones). The notification relay is their one consumer:
 * it turns them into messages and marks them published in the same transaction.
 */
export async function unpublished(trx: Trx | Db, topics: readonly string[], limit: number, programId?: string): Promise<StoredEvent[]> {
  if (!topics.length) return [];
  let q = trx.selectFrom('outbox');
  if (programId) q = q.where('program_id', '=', programId);
  const rows = await q.select(['id', 'program_id', 'topic', 'aggregate_id', 'payload', 'created_at'])
    .where('published_at', 'is', null).where('topic', 'in', [...topics]).orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  return rows.map((r) => ({ id: Number(r.id), programId: r.program_id, topic: r.topic, aggregateId: r.aggregate_id, payload: (r.payload ?? {}) as Record<string, unknown>, createdAt: r.created_at }));
}

/** Marks events consumed (in the consumer's transaction, with what it made of them). */
export async function markPublished(trx: Trx | Db, ids: number[], at = new Date()): Promise<void> {
  if (ids.length) await trx.updateTable('outbox').set({ published_at: at }).where('id', 'in', ids).where('published_at', 'is', null).execute();
}

/** Hands events to their consumers again (an operator's replay after a consumer's bug): consumers must be idempotent. */
export async function replay(trx: Trx | Db, ids: number[]): Promise<void> {
  if (ids.length) await trx.updateTable('outbox').set({ published_at: null }).where('id', 'in', ids).execute();
}

/**
 * Retention: the program's events written before `before` go (or are counted, when dry), except
 * those of `consumed` topics not yet published: a consumer that was down that long still has
 * them to handle (the notification relay's topics; an event no one consumes stays unpublished).
 */
export async function purgeEvents(db: Db, programId: string, before: Date, dryRun: boolean, consumed: readonly string[]): Promise<number> {
  const old = sql`program_id = ${programId} AND created_at < ${before} AND NOT (published_at IS NULL AND topic = ANY(${[...consumed]}::text[]))`;
  if (dryRun) return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE ${old}`.execute(db)).rows[0]!.n;
  return Number((await sql`DELETE FROM outbox WHERE ${old}`.execute(db)).numAffectedRows ?? 0);
}

/**
 * Overwrites fields of an aggregate's past events where they carry them (an erasure: a
 * suggestion's title or a decline reason copied into the event the notifications relay
 * read). Only the owning module calls it, with its own topic prefix; ids and times stay.
 */
export async function rewritePayloads(trx: Trx | Db, programId: string, topicPrefix: string, aggregateId: string, fields: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(fields)) {
    await sql`UPDATE outbox SET payload = jsonb_set(payload, ARRAY[${key}::text], to_jsonb(${value}::text))
      WHERE program_id = ${programId} AND aggregate_id = ${aggregateId} AND topic LIKE ${`${topicPrefix}%`} AND payload ? ${key}`.execute(trx);
  }
}

/**
 * An erasure (PIPL 第四十七条 删除): the free texts named by `keys` in the past events of
 * `topics` about one aggregate (and, with `match`, whose payload holds those values) become
 * ERASED_TEXT where they hold a text; a null stays null, ids, codes and times stay, and so does
 * a value in `keep` (a code the program itself wrote in the same field). One statement: the
 * outbox has no index by aggregate (every purchase inserts into it), so a caller scans it once.
 * Only the module that writes those events calls it. How many events it changed.
 */
export async function erasePayloadTexts(
  trx: Trx | Db, programId: string, topics: readonly string[],
  where: { aggregateId?: string; match?: Record<string, string> }, keys: readonly string[], keep: readonly string[] = [],
): Promise<number> {
  const spared = [...keep, ERASED_TEXT];
  const texts = sql`FROM jsonb_each(payload) AS e(k, v) WHERE e.k = ANY(${[...keys]}::text[]) AND jsonb_typeof(e.v) = 'string' AND NOT (e.v #>> '{}' = ANY(${spared}::text[]))`;
  const r = await sql`UPDATE outbox SET payload = payload || (SELECT coalesce(jsonb_object_agg(e.k, to_jsonb(${ERASED_TEXT}::text)), '{}'::jsonb) ${texts})
    WHERE program_id = ${programId} AND topic = ANY(${[...topics]}::text[])
      ${where.aggregateId === undefined ? sql`` : sql`AND aggregate_id = ${where.aggregateId}`}
      ${where.match === undefined ? sql`` : sql`AND payload @> ${JSON.stringify(where.match)}::jsonb`}
      AND EXISTS (SELECT 1 ${texts})`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
