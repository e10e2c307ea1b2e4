import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { RewardRedemptionTable, RewardTable } from './reward.table.ts';

export const rewardRow = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('rewards').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const insertReward = (db: Db | Trx, row: Insertable<RewardTable>) => db.insertInto('rewards').values(row).returningAll().executeTakeFirstOrThrow();

export const updateReward = (db: Db | Trx, programId: string, id: string, set: Updateable<RewardTable>) =>
  db.updateTable('rewards').set({ ...set, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirst();

export function listRewards(db: Db, programId: string, f: { kind?: string; active?: boolean; q?: string; limit: number; offset: number }) {
  let q = db.selectFrom('rewards').where('program_id', '=', programId);
  if (f.kind) q = q.where('kind', '=', f.kind as RewardTable['kind']);
  if (f.active !== undefined) q = q.where('active', '=', f.active);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('name_en', 'ilike', like)]));
  }
  return Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

/**
 * Takes one unit: a guarded UPDATE, so concurrent redemptions never take more than there
 * is (a read of the stock followed by a write would: the races the research lists).
 */
export async function takeStock(trx: Trx, programId: string, id: string) {
  const r = await sql<{ stock: string | null }>`UPDATE rewards SET redeemed = redeemed + 1,
      stock = CASE WHEN stock IS NULL THEN NULL ELSE stock - 1 END
    WHERE program_id = ${programId} AND id = ${id} AND (stock IS NULL OR stock >= 1) RETURNING stock`.execute(trx);
  return r.rows.length === 1;
}

export const returnStock = (trx: Trx, programId: string, id: string) =>
  sql`UPDATE rewards SET redeemed = redeemed - 1, stock = CASE WHEN stock IS NULL THEN NULL ELSE stock + 1 END
    WHERE program_id = ${programId} AND id = ${id}`.execute(trx);

/**
 * Counts one use of a member's limit for a period ('' = lifetime), only while below the
 * limit: an upsert whose update is guarded, so two concurrent redemptions cannot both
 * take the last place. False when the limit is reached.
 */
export async function countUse(trx: Trx, programId: string, rewardId: string, memberId: string, period: string, limit: number) {
  const r = await sql`INSERT INTO reward_counters AS c (program_id, reward_id, member_id, period, used)
      VALUES (${programId}, ${rewardId}, ${memberId}, ${period}, 1)
    ON CONFLICT (program_id, reward_id, member_id, period) DO UPDATE SET used = c.used + 1 WHERE c.used < ${limit}
    RETURNING used`.execute(trx);
  return r.rows.length === 1;
}

export const releaseUse = (trx: Trx, programId: string, rewardId: string, memberId: string, periods: string[]) =>
  trx.updateTable('reward_counters').set((eb) => ({ used: eb('used', '-', 1) }))
    .where('program_id', '=', programId).where('reward_id', '=', rewardId).where('member_id', '=', memberId)
    .where('period', 'in', periods).where('used', '>', 0).execute();

export const insertRedemption = (trx: Trx, row: Insertable<RewardRedemptionTable>) =>
  trx.insertInto('reward_redemptions').values(row).returningAll().executeTakeFirstOrThrow();

const withReward = (db: Db | Trx) => db.selectFrom('reward_redemptions as r')
  .innerJoin('rewards as w', (j) => j.onRef('w.program_id', '=', 'r.program_id').onRef('w.id', '=', 'r.reward_id'))
  .selectAll('r').select(['w.name as reward_name', 'w.name_en as reward_name_en', 'w.kind as reward_kind']);

export const redemptionView = (db: Db | Trx, programId: string, id: string) =>
  withReward(db).where('r.program_id', '=', programId).where('r.id', '=', id).executeTakeFirst();

export const pendingOf = (db: Db | Trx, programId: string, memberId: string) =>
  withReward(db).where('r.program_id', '=', programId).where('r.member_id', '=', memberId).where('r.status', '=', 'created')
    .orderBy('r.created_at').orderBy('r.id').execute();

export function listRedemptions(db: Db, programId: string, f: { status?: string; store_id?: string; member_id?: string; reward_id?: string; limit: number; offset: number }) {
  let q = withReward(db).where('r.program_id', '=', programId);
  if (f.status) q = q.where('r.status', '=', f.status as 'created');
  if (f.store_id) q = q.where('r.store_id', '=', f.store_id);
  if (f.member_id) q = q.where('r.member_id', '=', f.member_id);
  if (f.reward_id) q = q.where('r.reward_id', '=', f.reward_id);
  let c = db.selectFrom('reward_redemptions as r').where('r.program_id', '=', programId);
  if (f.status) c = c.where('r.status', '=', f.status as 'created');
  if (f.store_id) c = c.where('r.store_id', '=', f.store_id);
  if (f.member_id) c = c.where('r.member_id', '=', f.member_id);
  if (f.reward_id) c = c.where('r.reward_id', '=', f.reward_id);
  return Promise.all([
    q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    c.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

/** Moves a redemption out of 'created', once: the guarded UPDATE two concurrent cancels (or a cancel and a fulfil) race on. */
export const leaveCreated = (trx: Trx, programId: string, id: string, set: Updateable<RewardRedemptionTable>) =>
  trx.updateTable('reward_redemptions').set(set).where('program_id', '=', programId).where('id', '=', id).where('status', '=', 'created')
    .returningAll().executeTakeFirst();

export const setImage = (db: Db | Trx, programId: string, rewardId: string, contentType: 'image/png' | 'image/jpeg' | 'image/webp', bytes: Buffer, etag: string) =>
  db.insertInto('reward_images').values({ program_id: programId, reward_id: rewardId, content_type: contentType, bytes, etag })
    .onConflict((oc) => oc.columns(['program_id', 'reward_id']).doUpdateSet({ content_type: contentType, bytes, etag, updated_at: new Date() })).execute();

export const image = (db: Db, programId: string, rewardId: string) =>
  db.selectFrom('reward_images').select(['content_type', 'bytes', 'etag', 'updated_at']).where('program_id', '=', programId).where('reward_id', '=', rewardId).executeTakeFirst();

export const settings = async (db: Db | Trx, programId: string) =>
  (await db.selectFrom('reward_settings').select('expired_points').where('program_id', '=', programId).executeTakeFirst())?.expired_points ?? 'fresh_lot';

export const setSettings = (db: Db | Trx, programId: string, expired: 'fresh_lot' | 'forfeit') =>
  db.insertInto('reward_settings').values({ program_id: programId, expired_points: expired })
    .onConflict((oc) => oc.column('program_id').doUpdateSet({ expired_points: expired, updated_at: new Date() })).execute();
