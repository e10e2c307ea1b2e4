import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../db/database.ts';

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

