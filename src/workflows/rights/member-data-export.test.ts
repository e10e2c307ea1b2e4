import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo.ts';
import { SYSTEM } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { createTestContext, testDbKinds, type TestContext } from '../../testing/harness.ts';

// The member's copy (PIPL 第四十五条) holds every row about them: the tables are found in the
// database's own catalogue (every table with a member_id column), not listed here, so a new
// table that stores rows about members and is missing from the export fails this test. The
// demo program gives members activity in every module (purchases, returns, tiers, floors,
// campaigns, segments, rewards, coupons, VIP memberships, referrals, rights requests).

describe.each(testDbKinds())('member data export on %s', (kind) => {
  let t: TestContext;
  let programId: string;
  let memberTables: string[];
  const count = async (table: string, memberId: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE program_id = ${programId} AND member_id = ${memberId}`.execute(t.services.ctx.db)).rows[0]!.n;

  beforeAll(async () => {
    t = await createTestContext(kind);
    programId = (await seedDemo(t.services, { members: 24 })).programId;
    // what the demo leaves out: a status change, a birthday greeting, a points redemption at the
    // counter, a tier-drop notice, a data-rights request
    const s = t.services;
    const ids = (await sql<{ id: string; birthday: string | null }>`SELECT id, birthday FROM members WHERE program_id = ${programId} AND marketing_consent_at IS NOT NULL AND birthday IS NOT NULL ORDER BY id`.execute(s.ctx.db)).rows;
    const [a, b] = [ids[0]!, ids[1]!];
    unwrap(await s.flows.changeMemberStatus(programId, b.id, 'suspend', '核实身份', SYSTEM));
    unwrap(await s.flows.sendBirthdayGreetings({ programId, asOf: `2026-${a.birthday!.slice(5)}` }));
    unwrap(await s.points.redeem(programId, a.id, { points: 1, description: '停车抵扣' }, SYSTEM, undefined));
    const gold = (await s.tiers.table(programId)).tiers.at(-1)!;
    await s.tiers.notify(programId, a.id, { tier_id: gold.id, to_tier_id: null, drops_on: '2027-01-31', review_on: '2026-12-31', missing: 100, basis: 'spend' });
    unwrap(await s.rights.create(programId, { member_id: a.id, kind: 'copy', channel: 'counter' }, SYSTEM));
    const cols = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables x USING (table_schema, table_name)
      WHERE c.column_name = 'member_id' AND c.table_schema = current_schema() AND x.table_type = 'BASE TABLE' ORDER BY 1`.execute(t.services.ctx.db);
    memberTables = cols.rows.map((r) => r.table_name);
  }, 240_000);
  afterAll(async () => { await t.close(); });

  it('has, for every member, as many rows of every member table as the database holds, and only theirs', async () => {
    expect(memberTables.length).toBeGreaterThan(20);
    const members = (await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${programId} ORDER BY id`.execute(t.services.ctx.db)).rows.map((r) => r.id);
    const withRows = new Set<string>();
    for (const memberId of members) {
      const data = await t.services.flows.memberDataExport(programId, memberId);
      const exported = new Map<string, Record<string, unknown>[]>();
      for (const s of data.sections) exported.set(s.table, [...(exported.get(s.table) ?? []), ...s.rows]);
      for (const table of memberTables) {
        const n = await count(table, memberId);
        const rows = exported.get(table) ?? [];
        expect(rows.length, `${table} rows of ${memberId}`).toBe(n);
        expect(rows.every((r) => r.member_id === memberId), `${table} rows of another member`).toBe(true);
        if (n) withRows.add(table);
      }
    }
    // the demo gave some member rows in every member table: each was checked with rows in it
    expect(memberTables.filter((x) => !withRows.has(x))).toEqual([]);
  }, 240_000);

  it('gives the member their phone and resident ID in clear, and every section a title in both languages', async () => {
    const [m] = (await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${programId} AND id_number_enc IS NOT NULL LIMIT 1`.execute(t.services.ctx.db)).rows;
    const identity = (await t.services.members.identity(programId, m!.id))!;
    const data = await t.services.flows.memberDataExport(programId, m!.id);
    const profile = data.sections.find((x) => x.table === 'members')!.rows[0]!;
    expect(profile).toMatchObject({ id: m!.id, phone: identity.phone, id_number: identity.idNumber });
    expect(profile).not.toHaveProperty('phone_enc');
    expect(profile).not.toHaveProperty('phone_index');
    expect(data.sections.every((x) => x.title.zh && x.title.en)).toBe(true);
  });
});
