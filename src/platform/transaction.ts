import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import { isFailure } from './errors.ts';

// Transactions that compose. A service never asks for a handle: it queries `ctx.db`, which
// is the transaction open in the current call chain, if any, else the database. So a
// service method called from a workflow's transaction joins it (on PGlite, a query on the
// outer handle while a transaction is open would wait for it forever), and a method that
// must be atomic wraps its work in inTransaction, which joins that open transaction or
// starts one. The style of assertTransaction() is Bluesky Ozone's.

interface Open {
  root: Db;
  trx: Trx;
  /** Savepoints made so far in this transaction: each joined piece of work gets its own name. */
  savepoints: number;
}

const open = new AsyncLocalStorage<Open>();

/** Thrown inside the database callback only, so a failure value rolls the work back. */
class RollbackFor {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}

/**
 * Runs fn in a transaction: the one open for db in this call chain (db may be it), or a
 * new one. A failure value returned by fn undoes fn's writes and nothing else: a new
 * transaction is rolled back; work that joined one runs under a savepoint and is rolled
 * back to it (so a caller that carries on after a failure, an import batch, keeps none of
 * the failed step's writes, such as a claimed idempotency key). A throw rolls back to the
 * savepoint too, which also clears PostgreSQL's "transaction is aborted" state.
 */
export async function inTransaction<T>(db: Db | Trx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  const current = open.getStore();
  if (current && (current.root === db || current.trx === db)) return underSavepoint(current, fn);
  if (db.isTransaction) throw new Error('A transaction not opened by inTransaction() cannot be joined: open it with inTransaction()');
  try {
    return await db.transaction().execute((trx) =>
      open.run({ root: db, trx, savepoints: 0 }, async () => {
        const value = await fn(trx);
        if (isFailure(value)) throw new RollbackFor(value);
        return value;
      }));
  } catch (e) {
    if (e instanceof RollbackFor) return e.value as T;
    throw e;
  }
}

async function underSavepoint<T>(o: Open, fn: (trx: Trx) => Promise<T>): Promise<T> {
  const name = sql.id(`sp_${++o.savepoints}`);
  await sql`SAVEPOINT ${name}`.execute(o.trx);
  let value: T;
  try {
    value = await fn(o.trx);
  } catch (e) {
    await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(o.trx);
    throw e;
  }
  await (isFailure(value) ? sql`ROLLBACK TO SAVEPOINT ${name}` : sql`RELEASE SAVEPOINT ${name}`).execute(o.trx);
  return value;
}

/** The handle for a query on db now: the transaction open for it in this call chain, or db. */
export function current(db: Db): Db | Trx {
  const o = open.getStore();
  return o && o.root === db ? o.trx : db;
}

/** For work that is only correct inside its caller's transaction (row locks, multi-row writes). */
export function assertTransaction(db: Db | Trx): asserts db is Trx {
  const o = open.getStore();
  if (!db.isTransaction || o?.trx !== db) throw new Error('This must run inside a transaction: call it from inTransaction()');
}

/** For work that must not run inside a caller's transaction (jobs, imports, batched reads). */
export function assertNoTransaction(db: Db | Trx): void {
  if (db.isTransaction) throw new Error('This must not run inside a transaction: it opens its own');
}
