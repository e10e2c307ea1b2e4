import { AsyncLocalStorage } from 'node:async_hooks';
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
 * Runs fn in a transaction: the one db already is, the one open for db in this call chain,
 * or a new one. A new transaction whose fn returns a failure value (errors.ts) is rolled
 * back and the failure returned; a joined one leaves that to whoever opened it.
 */
export async function inTransaction<T>(db: Db | Trx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  const current = open.getStore();
  if (current && current.root === db) return fn(current.trx);
  try {
    return await db.transaction().execute((trx) =>
      open.run({ root: db, trx }, async () => {
        const value = await fn(trx);
        if (isFailure(value)) throw new RollbackFor(value);
        return value;
      }));
  } catch (e) {
    if (e instanceof RollbackFor) return e.value as T;
    throw e;
  }
}

/** The handle for a query on db now: the transaction open for it in this call chain, or db. */
export function current(db: Db): Db | Trx {
  const o = open.getStore();
  return o && o.root === db ? o.trx : db;
}

/** For work that is only correct inside its caller's transaction (row locks, multi-row writes). */
export function assertTransaction(db: Db | Trx): asserts db is Trx {
  if (!db.isTransaction) throw new Error('This must run inside a transaction: call it from inTransaction()');
}

/** For work that must not hold a caller's transaction open (long jobs, batched reads). */
export function assertNoTransaction(db: Db | Trx): void {
  if (db.isTransaction) throw new Error('This must not run inside a transaction');
}
