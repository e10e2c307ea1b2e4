import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { eraseMember } from './erase-member.ts';
import { whereIs as findEverywhere } from '../../testing/where-is.ts';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram } from '../../testing/harness.ts';

// Deletion (PIPL 第四十七条) reaches what STAFF wrote about the member in the other modules, not
// only the member's own words: a goodwill adjustment's note ("张三来电投诉，电话138…"), a
// coupon's reason, a status change's reason, a manual tier's reason, a shipment's tracking
// note (an address), a cancellation's reason, a referral's release reason, a VIP payment's
// note, a consent's note, a quality review's comments and its dispute. Each text becomes
// [已删除] (the records, codes and figures stay); another member's texts are untouched.

const CATEGORIES = [
  { key: 'greeting', name_zh: '问候与礼貌', name_en: 'Greeting', weight: 40, min: 0, max: 2, critical: false, pass_mark: null, na_allowed: false },
  { key: 'solution', name_zh: '解决方案', name_en: 'Solution', weight: 60, min: 1, max: 5, critical: false, pass_mark: null, na_allowed: false },
];

describe.each(testDbKinds())('an erasure scrubs what staff wrote about the member, on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let actor: Principal;
  let agent: Principal;
  let reviewer: Principal;
  let supervisor: Principal;
  let gold: string;
  let cardId: string;
  let couponType: string;
  let reward: string;
  let seq = 0;
  const s = () => t.services;
  const db = () => t.services.ctx.db;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST', path: string, payload?: object) =>
    t.app.inject({ method, url: url(path), headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  // the database is kept between runs: a run's own names, so an earlier run's rows never match
  const run = `${kind}${Date.now().toString(36)}`;
  const base = Math.floor(Math.random() * 900_000);
  const phone = () => `1392${kind === 'pglite' ? 5 : 6}${String(base + ++seq).padStart(6, '0')}`;

  const whereIs = (value: string) => findEverywhere(db(), value);

  const staff = async (username: string, role: 'service_agent' | 'quality'): Promise<Principal> => {
    const r = unwrap(await s().staff.create(p.programId, { username: `${username}${kind}`, display_name: username, role, password: 'test-password-2026' }));
    return { keyId: r.id, staffId: r.id, name: username, role, programId: p.programId, storeId: null };
  };

  /** A service request about the member, worked by the agent and closed: what quality reviews. */
  const closedCase = async (memberId: string) => {
    const c = unwrap(await s().flows.openCase(p.programId, { type: 'service_request', channel: 'phone', subject: '预约试衣', description: '', priority: 'normal', member_id: memberId, route: false }, actor, undefined)).body;
    unwrap(await s().flows.assignCase(p.programId, c.id, agent.staffId!, actor));
    for (const [action, text] of [['engage'], ['plan', '方案'], ['implement'], ['evaluate'], ['close']] as const) {
      unwrap(await s().flows.actOnCase(p.programId, c.id, { action, ...(text ? { text } : {}) }, actor));
    }
    return c.id;
  };

  /**
   * Everything staff may write about a member, each text carrying `about` (who they are: a
   * name, a phone, an address). What it made, to read it back.
   */
  const plant = async (memberId: string, about: string, opts: { friendOf?: string } = {}) => {
    const pid = p.programId;
    unwrap(await s().points.adjust(pid, memberId, { direction: 'credit', points: 500, reason_code: 'goodwill', note: `C-1: ${about}来电投诉` }, actor, undefined));
    unwrap(await s().points.redeem(pid, memberId, { points: 10, description: `停车 ${about}` }, actor, undefined));
    unwrap(await s().flows.changeMemberStatus(pid, memberId, 'suspend', `${about}本人来电要求冻结`, actor));
    unwrap(await s().flows.changeMemberStatus(pid, memberId, 'reactivate', `核实为${about}本人`, actor));
    const kept = unwrap(await s().coupons.issue(pid, { typeId: couponType, memberId, source: 'goodwill', reason: `${about}投诉补偿`, actor }));
    const voided = unwrap(await s().coupons.issue(pid, { typeId: couponType, memberId, source: 'goodwill', reason: `${about}二次补偿`, actor }));
    unwrap(await s().coupons.voidCoupon(pid, voided.id, `${about}说券丢了，重发`));
    unwrap(await s().flows.assignTierFloor(pid, memberId, { tier_id: gold, reason: `${about}是门店老板的朋友` }, actor, undefined));
    const shipped = unwrap(await s().flows.redeemReward(pid, memberId, { reward_id: reward, store_id: p.storeId, delivery: 'shipping' }, actor, `ship-${memberId}`)).body;
    unwrap(await s().rewards.fulfil(pid, shipped.id, { tracking_note: `顺丰 SF1234 寄 ${about}` }, actor));
    const cancelled = unwrap(await s().flows.redeemReward(pid, memberId, { reward_id: reward, store_id: p.storeId }, actor, `cancel-${memberId}`)).body;
    unwrap(await s().flows.cancelRedemption(pid, cancelled.id, `${about}改主意了`, actor));
    unwrap(await s().flows.recordConsent(pid, memberId, { purpose: 'marketing', granted: true, channel: 'console', note: `${about}在柜台口头同意` }, actor));
    const caseId = await closedCase(memberId);
    const review = unwrap(await s().flows.reviewCase(pid, {
      case_id: caseId, scorecard_id: cardId, comment: `${about}情绪激动，坐席处理得当`,
      answers: [{ key: 'greeting', value: 2, comment: '' }, { key: 'solution', value: 4, comment: `复述了${about}的诉求` }],
    }, reviewer));
    const dispute = unwrap(await s().quality.raiseDispute(pid, review.id, `${about}本来就难缠`, agent));
    unwrap(await s().quality.resolveDispute(pid, dispute.id, { outcome: 'rejected', resolution: `听录音，${about}并未辱骂` }, supervisor));
    let referral: string | undefined;
    if (opts.friendOf) {
      // the same device as the referrer: blocked, then released by staff with a reason
      await s().referrals.recordSignals(pid, opts.friendOf, { device: `dev-${memberId}` });
      const code = unwrap(await s().referrals.codeOf(pid, opts.friendOf)).code;
      const link = unwrap(await s().flows.linkReferrer(pid, memberId, { referral_code: code, device_fingerprint: `dev-${memberId}` }, actor));
      expect(link).toMatchObject({ status: 'blocked', block_reason: 'same_device' });
      referral = unwrap(await s().referrals.release(pid, link.id, `${about}与推荐人是同事，共用电脑`, actor)).id;
    }
    const plan = await s().memberships.createPlan(pid, { kind: 'individual', name: `VIP ${++seq}`, annual_fee_fen: 100_000, refund_policy: 'none' }, null);
    const today = new Date().toISOString().slice(0, 10);
    const vip = unwrap(await s().flows.startMembership(pid, {
      plan_id: plan.id, member_id: memberId, payment: { method: 'cash', amount_fen: 100_000, paid_on: today, receipt_no: `R-${memberId}`, note: `${about}现金付款` },
    }, actor));
    unwrap(await s().flows.endMembership(pid, vip.id, { refund_fen: 0, method: 'cash' }, actor));
    // the same kinds of text typed in the console or sent over the API: the audit log records the
    // request, and keeps of a staff note only its length (it outlives the erasure)
    const adjusted = await t.app.inject({
      method: 'POST', url: url(`/members/${memberId}/adjustments`), headers: { ...auth(p.adminKey), 'idempotency-key': `adj-${memberId}` },
      payload: { direction: 'credit', points: 20, reason_code: 'goodwill', note: `API: ${about}电话致歉` },
    });
    expect(adjusted.statusCode, adjusted.body).toBe(201);
    return { coupons: [kept.id, voided.id], shipped: shipped.id, cancelled: cancelled.id, review: review.id, dispute: dispute.id, referral, vip: vip.id };
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    actor = { ...SYSTEM, role: 'admin', programId: p.programId };
    agent = await staff('agent', 'service_agent');
    reviewer = await staff('qa', 'quality');
    supervisor = await staff('qa2', 'quality');
    gold = (await s().tiers.create(p.programId, [{ code: 'GEN', name: '普卡', rank: 1, reach_threshold: 0 }, { code: 'GOLD', name: '金卡', rank: 2, reach_threshold: 1_000_000 }]))[1]!.id;
    cardId = (await s().quality.createScorecard(p.programId, { name_zh: '评分表', name_en: 'Card', categories: CATEGORIES }, reviewer)).id;
    couponType = unwrap(await s().coupons.createType(p.programId, { name: '满100减20', kind: 'amount', amount_off_fen: 2000, valid_days: 30 }, null)).id;
    reward = unwrap(await s().rewards.create(p.programId, { kind: 'goods', name: '保温杯', points: 50 }, actor)).id;
  });
  afterAll(async () => { await t.close(); });

  it('replaces every staff text about the member with [已删除], keeps codes and figures, and leaves another member\'s texts', async () => {
    const who = { name: `诸葛明远${run}`, phone: phone() };
    const address = `翠湖路88号${run}`;
    const about = `${who.name}（${who.phone}，${address}）`;
    const id = unwrap(await s().flows.enrolMember(p.programId, { ...who }, actor)).id;
    const referrer = unwrap(await s().flows.enrolMember(p.programId, { phone: phone(), name: `推荐人${kind}` }, actor)).id;
    const other = unwrap(await s().flows.enrolMember(p.programId, { phone: phone(), name: `路人丁${kind}` }, actor)).id;
    const theirs = `路人丁的事${run}`;
    const made = await plant(id, about, { friendOf: referrer });
    const kept = await plant(other, theirs);

    // where the texts are before: every staff-written column the erasure is to reach
    const written = [
      'consents.note', 'coupons.reason', 'idempotency_keys.response_body', 'ledger_entries.note', 'member_status_changes.reason', 'members.status_reason', 'membership_payments.note', 'outbox.payload',
      'quality_disputes.reason', 'quality_disputes.resolution', 'quality_reviews.answers', 'quality_reviews.comment', 'redemptions.description',
      'reward_redemptions.cancel_reason', 'reward_redemptions.tracking_note', 'tier_floors.reason', 'tier_periods.reason',
    ];
    expect(await whereIs(address)).toEqual([...written, 'referrals.release_reason'].sort());
    const otherBefore = await whereIs(theirs);
    expect(otherBefore).toEqual(written);
    const reviewBefore = unwrap(await s().quality.review(p.programId, made.review));
    const statementBefore = unwrap(await s().points.statement(p.programId, id, 50)).items;

    // (filed through the API, so the audit log holds it: the legal record, outside the erasure, names nobody here)
    const filed = await call('POST', '/rights-requests', { member_id: id, kind: 'deletion', channel: 'phone', note: '会员本人来电要求删除' });
    expect(filed.statusCode, filed.body).toBe(201);
    const done = await call('POST', `/rights-requests/${filed.json().id}/complete`, { confirm_erasure: true });
    expect(done.statusCode, done.body).toBe(200);
    // ledger: the goodwill note, the redemption's description and its debit's note, the cancelled reward's credit note
    expect(done.json().result).toMatchObject({
      coupons_voided: 1, staff_notes_erased: 21,
      staff_notes: {
        status_reasons: 2, ledger_notes: 5, api_answers: 3, // the adjustment's and the deletion request's own (filed, then its erasure step) coupon_reasons: 1, tier_reasons: 2, vip_payment_notes: 1, redemption_notes: 2,
        referral_release_reasons: 1, quality_reviews: 1, quality_disputes: 1, consent_notes: 1, rights_request_notes: 1,
      },
    });

    // nothing of theirs is left anywhere in the database
    for (const value of [who.name, who.phone, address]) expect(await whereIs(value), value).toEqual([]);

    // each module's own read shows the marker where the text was, and keeps the rest
    const statement = unwrap(await s().points.statement(p.programId, id, 50)).items;
    expect(statement.map((e) => [e.id, e.kind, e.direction, e.points, e.reason_code])).toEqual(statementBefore.map((e) => [e.id, e.kind, e.direction, e.points, e.reason_code]));
    expect(statement.find((e) => e.reason_code === 'goodwill')!.note).toBe('[已删除]');
    expect(statement.find((e) => e.reason_code === 'redemption_cancelled')!.note).toBe('[已删除]');
    // the program's own notes stay: the reward's catalogue name on its debits
    expect(statement.filter((e) => e.note === '保温杯')).toHaveLength(2);
    const coupons = await s().coupons.list(p.programId, { memberId: id });
    expect(coupons.map((c) => [c.id, c.status, c.source, c.reason]).sort()).toEqual([[made.coupons[0], 'void', 'goodwill', 'erased'], [made.coupons[1], 'void', 'goodwill', '[已删除]']].sort());
    const tier = unwrap(await s().flows.memberTier(p.programId, id));
    expect(tier.floors.map((f) => f.reason)).toEqual(['[已删除]']);
    expect(tier.history.filter((h) => h.source === 'manual').map((h) => h.reason)).toEqual(['[已删除]']);
    expect(unwrap(await s().rewards.redemption(p.programId, made.shipped))).toMatchObject({ status: 'fulfilled', delivery: 'shipping', tracking_note: '[已删除]' });
    expect(unwrap(await s().rewards.redemption(p.programId, made.cancelled))).toMatchObject({ status: 'cancelled', cancel_reason: '[已删除]' });
    const review = unwrap(await s().quality.review(p.programId, made.review));
    expect(review).toMatchObject({ comment: '[已删除]', score: reviewBefore.score, critical_failed: reviewBefore.critical_failed, case_number: reviewBefore.case_number });
    expect(review.answers).toEqual([{ key: 'greeting', value: 2, comment: '' }, { key: 'solution', value: 4, comment: '[已删除]' }]);
    expect((await s().quality.disputes(p.programId)).find((d) => d.id === made.dispute)).toMatchObject({ status: 'rejected', reason: '[已删除]', resolution: '[已删除]' });
    expect(unwrap(await s().referrals.get(p.programId, made.referral!))).toMatchObject({ status: 'released', block_reason: 'same_device', release_reason: '[已删除]' });
    expect((await s().memberships.payments(p.programId, made.vip)).map((x) => [x.amount_fen, x.receipt_no, x.note])).toEqual([[100_000, `R-${id}`, '[已删除]']]);
    const privacy = unwrap(await s().flows.memberPrivacy(p.programId, id));
    expect(privacy.history.map((c) => [c.purpose, c.granted, c.channel, c.note])).toContainEqual(['marketing', true, 'console', '[已删除]']);
    expect((await call('GET', `/rights-requests/${filed.json().id}`)).json()).toMatchObject({ status: 'completed', note: '[已删除]', kind: 'deletion' });

    // the member's copy after erasure gives none of it back
    const copy = JSON.stringify(await s().flows.memberDataExport(p.programId, id));
    for (const value of [who.name, who.phone, address]) expect(copy).not.toContain(value);

    // the other member's texts are where they were, as written
    expect(await whereIs(theirs)).toEqual(otherBefore);
    expect(unwrap(await s().points.statement(p.programId, other, 50)).items.filter((e) => e.reason_code === 'goodwill').map((e) => e.note).sort()).toEqual([`API: ${theirs}电话致歉`, `C-1: ${theirs}来电投诉`]);
    expect(unwrap(await s().rewards.redemption(p.programId, kept.shipped)).tracking_note).toBe(`顺丰 SF1234 寄 ${theirs}`);
    expect(unwrap(await s().quality.review(p.programId, kept.review)).comment).toBe(`${theirs}情绪激动，坐席处理得当`);
    expect(unwrap(await s().flows.memberTier(p.programId, other)).floors.map((f) => f.reason)).toEqual([`${theirs}是门店老板的朋友`]);
  });

  it('an erasure run again (retention after a deletion) finds nothing more to scrub', async () => {
    const id = unwrap(await s().flows.enrolMember(p.programId, { phone: phone(), name: `再删${run}` }, actor)).id;
    unwrap(await s().points.adjust(p.programId, id, { direction: 'credit', points: 5, reason_code: 'correction', note: `再删${run}补录` }, actor, undefined));
    const first = unwrap(await inTransaction(db(), () => eraseMember(s(), p.programId, id, actor)));
    expect(first).toMatchObject({ erased: true, staff_notes_erased: 1 });
    const again = unwrap(await inTransaction(db(), () => eraseMember(s(), p.programId, id, actor)));
    expect(again).toMatchObject({ erased: false, staff_notes_erased: 0 });
    expect(await whereIs(`再删${run}`)).toEqual([]);
  });
});
