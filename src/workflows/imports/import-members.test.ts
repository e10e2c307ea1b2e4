import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/context.ts';
import { residentIdWithCheck } from '../../platform/validate.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import { unwrap } from '../../platform/errors.ts';
import { importService } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'patron-import-members-'));
const idNumber = residentIdWithCheck('31010419900307123');

// line 1 is the header; the line numbers below are the file's.
const CSV = [
  'phone,name,email,gender,birthday,id_number,external_id',
  `13812345678,王芳,wang@example.com,女,1990-03-07,${idNumber},C-1`, // 2 good
  '+86 139 1234 5678,"Li, Lei",,M,,,C-2', //                             3 good (quoted comma)
  '12345,Bad Phone,,,,,', //                                              4 phone
  '13700000001,Bad Date,,F,1990-02-30,,', //                              5 birthday
  '13700000002,Bad Gender,,x,,,', //                                      6 gender
  '13700000003,Bad Email,not-an-email,,,,', //                            7 email
  '13700000004,Bad Id,,,,110101199003071234,', //                         8 id_number
  ',No Phone,,,,,', //                                                    9 phone required
  '13700000005,Too few', //                                               10 columns
  '13812345678,Again,,,,,', //                                            11 same phone as line 2: existing
  '13700000006,Taken Id,,,,,C-1', //                                      12 external id of line 2
  '13700000007,"Multi',
  'line name",,female,,,C-7', //                                          13 good, spans two lines
  '13700000008,Ok Unknown,,unknown,,,', //                                15 good
].join('\n');

describe.each(testDbKinds())('import members on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  const memberCount = async () => Number((await t.services.ctx.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('program_id', '=', p.programId).executeTakeFirstOrThrow()).n);

  it('enrols good rows, rejects bad ones with line numbers and reasons, and creates nothing the second time', async () => {
    const file = join(dir, `members-${kind}.csv`);
    const errorsFile = join(dir, `errors-${kind}.txt`);
    writeFileSync(file, CSV);
    const imports = importService(t.services);
    const progress: number[] = [];
    const first = unwrap(await imports.members(p.programId, file, { batchSize: 3, errorsFile, onProgress: (x) => progress.push(x.bytes) }));
    expect(first).toMatchObject({ rows: 13, created: 4, existing: 1, error_count: 8 });
    const byLine = Object.fromEntries(first.errors.map((e) => [e.line, e.message]));
    expect(Object.keys(byLine).map(Number)).toEqual([4, 5, 6, 7, 8, 9, 10, 12]);
    expect(byLine[4]).toMatch(/^phone: Invalid mobile number/);
    expect(byLine[5]).toMatch(/^birthday: Invalid date/);
    expect(byLine[6]).toBe('gender: "x" is not one of male, female, M, F, 男, 女');
    expect(byLine[7]).toMatch(/^email: Invalid email/);
    expect(byLine[8]).toMatch(/^id_number: Invalid resident ID/);
    expect(byLine[9]).toBe('phone: required');
    expect(byLine[10]).toBe('expected 7 columns, got 2');
    expect(byLine[12]).toBe('external_id: C-1 already belongs to another member');
    expect(readFileSync(errorsFile, 'utf8').trim().split('\n')).toHaveLength(8);
    expect(readFileSync(errorsFile, 'utf8')).toContain('line 10: expected 7 columns, got 2');
    expect(progress.at(-1)).toBe(Buffer.byteLength(CSV));
    expect(await memberCount()).toBe(4);

    const admin = { ...SYSTEM, role: 'admin' as const, programId: p.programId };
    const [wang] = await t.services.members.find(p.programId, { phone: '13812345678', limit: 1 }, admin);
    expect(wang).toMatchObject({ name: '王芳', email: 'wang@example.com', gender: 'female', birthday: '1990-03-07', id_number: idNumber });
    const [li] = await t.services.members.find(p.programId, { phone: '13912345678', limit: 1 }, admin);
    expect(li).toMatchObject({ name: 'Li, Lei', gender: 'male' });
    const [multi] = await t.services.members.find(p.programId, { phone: '13700000007', limit: 1 }, admin);
    expect(multi).toMatchObject({ name: 'Multi\nline name', gender: 'female' });
    const ids = await t.services.members.idsByExternalIds(p.programId, ['C-1', 'C-2', 'C-7']);
    expect(ids.get('C-1')).toBe(wang!.id);
    expect(ids.size).toBe(3);

    const second = unwrap(await imports.members(p.programId, file, { batchSize: 500 }));
    expect(second).toMatchObject({ rows: 13, created: 0, existing: 5 });
    expect(await memberCount()).toBe(4);
  });

  it('refuses a header with an unknown or missing column', async () => {
    const file = join(dir, `bad-header-${kind}.csv`);
    writeFileSync(file, 'phone,nickname\n13812345670,x\n');
    expect(await importService(t.services).members(p.programId, file)).toMatchObject({ code: 'validation', field: 'header', message: expect.stringContaining('Unknown column "nickname"') });
    writeFileSync(file, 'name\nx\n');
    expect(await importService(t.services).members(p.programId, file)).toMatchObject({ code: 'validation', field: 'header', message: expect.stringContaining('no phone column') });
  });

  it('imports an address column, sealed and masked like one given to the API', async () => {
    const file = join(dir, `address-${kind}.csv`);
    writeFileSync(file, 'phone,name,address\n13600009999,地址会员,上海市浦东新区世纪大道100号\n');
    expect(unwrap(await importService(t.services).members(p.programId, file))).toMatchObject({ created: 1 });
    const [m] = await t.services.members.find(p.programId, { phone: '13600009999', limit: 1 }, SYSTEM);
    expect(m?.address).toBe('上海市浦东新区世纪大道100号');
    expect((await t.services.members.masked(p.programId, [m!.id]))[0]?.address).toBe('上海市浦东新区***');
  });

  it('imports an optional language column: en or zh as source systems write them, empty is zh, anything else is a row error', async () => {
    const file = join(dir, `language-${kind}.csv`);
    writeFileSync(file, 'phone,language\n13600008801,English\n13600008802,中文\n13600008803,\n13600008804,fr\n13600008805,EN\n');
    const r = unwrap(await importService(t.services).members(p.programId, file));
    expect(r).toMatchObject({ created: 4, error_count: 1 });
    expect(r.errors).toEqual([{ line: 5, message: 'language: "fr" is not one of zh, en, 中文, English' }]);
    const lang = async (phone: string) => (await t.services.members.find(p.programId, { phone, limit: 1 }, SYSTEM))[0]?.language;
    expect([await lang('13600008801'), await lang('13600008802'), await lang('13600008803'), await lang('13600008805')]).toEqual(['en', 'zh', 'zh', 'en']);
  });
});
