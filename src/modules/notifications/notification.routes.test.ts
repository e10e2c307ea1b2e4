import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emit } from '../../platform/outbox.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';
import type { TMessage, TTemplate } from './notification.schema.ts';
import { runNotify } from './notification.testkit.ts';
import { logTransport } from './transports.ts';

// The API on both databases: templates (create, the one per event/channel/language, unknown
// placeholders refused, edit, delete), the preview, the message log and its filters, a
// member's messages, and the four earlier events reaching members through it.

describe.each(testDbKinds())('notification API on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  const base = () => `/v1/programs/${p.programId}/notifications`;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    t.services.notifications.useTransports({ email: logTransport('email'), sms: logTransport('sms'), wechat: logTransport('wechat') });
  });
  afterAll(async () => { await t.close(); });

  it('keeps one template per event, channel and language, with only the event\'s placeholders', async () => {
    const r = await call('POST', `${base()}/templates`, { key: 'membership.expiring', channel: 'sms', lang: 'zh', kind: 'service', body: '会员将于 {{ends_on}} 到期，剩 {{days_left}} 天' });
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json() as TTemplate;
    expect(created.variables).toEqual(expect.arrayContaining(['member_name', 'ends_on', 'days_left']));
    const dup = await call('POST', `${base()}/templates`, { key: 'membership.expiring', channel: 'sms', lang: 'zh', kind: 'service', body: 'x' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'notification_template_exists', field: 'key' });
    const typo = await call('PATCH', `${base()}/templates/${created.id}`, { body: '剩 {{day_left}} 天' });
    expect(typo.statusCode).toBe(422);
    expect(typo.json()).toMatchObject({ code: 'notification_unknown_variable', field: 'body' });
    expect(typo.json().detail).toContain('day_left');
    const wx = await call('POST', `${base()}/templates`, { key: 'membership.expiring', channel: 'wechat', lang: 'zh', kind: 'service', body: 'x' });
    expect(wx.json()).toMatchObject({ code: 'validation', field: 'wechat_template_id' });
    const edited = await call('PATCH', `${base()}/templates/${created.id}`, { body: '您的会员 {{ends_on}} 到期', active: false });
    expect(edited.json()).toMatchObject({ body: '您的会员 {{ends_on}} 到期', active: false });
    const list = (await call('GET', `${base()}/templates`)).json();
    expect(list.items.map((i: TTemplate) => i.id)).toEqual([created.id]);
    expect(list.events.map((e: { key: string }) => e.key)).toEqual(['points.expiring', 'member.tier_will_drop', 'member.birthday', 'membership.expiring', 'suggestion.adopted', 'suggestion.adopted_thanks', 'suggestion.adopted_supporter', 'suggestion.declined', 'survey.csat', 'survey.nps', 'survey.custom']);
    expect((await call('DELETE', `${base()}/templates/${created.id}`)).json()).toEqual({ deleted: true });
    expect((await call('DELETE', `${base()}/templates/${created.id}`)).statusCode).toBe(404);
  });

  it('previews a text with the samples, and with given values', async () => {
    const r = await call('POST', `${base()}/templates/preview`, { key: 'points.expiring', subject: '{{member_name}} 的积分', body: '{{points}} 积分 {{expires_on}} 过期', variables: { points: 99 } });
    expect(r.json()).toMatchObject({ subject: '李雷 的积分', body: '99 积分 2026-12-31 过期' });
    expect((await call('POST', `${base()}/templates/preview`, { key: 'points.expiring', body: '{{nope}}' })).statusCode).toBe(422);
  });

  it('the birthday workflow\'s greeting reaches a consenting member by SMS', async () => {
    expect((await call('POST', `${base()}/templates`, { key: 'member.birthday', channel: 'sms', lang: 'zh', kind: 'marketing', body: '{{member_name}}，{{date}} 生日快乐！' })).statusCode).toBe(201);
    const m = (await call('POST', `/v1/programs/${p.programId}/members`, { phone: '13912340009', name: '寿星', birthday: '1990-06-15', marketing_consent: true })).json();
    expect(m.id).toBeTruthy();
    await t.services.flows.sendBirthdayGreetings({ programId: p.programId, asOf: '2026-06-15' });
    await runNotify(t.services.notifications, p.programId);
    const [msg] = (await call('GET', `/v1/programs/${p.programId}/members/${m.id}/messages`)).json().items as TMessage[];
    expect(msg).toMatchObject({ template_key: 'member.birthday', channel: 'sms', kind: 'marketing', body: '寿星，2026-06-15 生日快乐！', status: 'sent' });
  });

  it('the earlier events reach members as messages, listed and filtered, recipients masked', async () => {
    const m = (await call('POST', `/v1/programs/${p.programId}/members`, { phone: '13912340001', email: 'wei@example.com', name: '王伟' })).json();
    const other = (await call('POST', `/v1/programs/${p.programId}/members`, { phone: '13912340002', name: '张三' })).json();
    for (const [key, body] of [
      ['member.tier_will_drop', '{{member_name}}，您的{{tier_name}}将于 {{drops_on}} 调整为{{to_tier_name}}'],
      ['membership.expiring', '{{member_name}}，会员 {{ends_on}} 到期'],
      ['points.expiring', '{{points}} 积分将过期'],
    ] as const) {
      for (const channel of ['sms', 'email', 'portal']) {
        expect((await call('POST', `${base()}/templates`, { key, channel, lang: 'zh', kind: 'service', subject: '通知', body })).statusCode).toBe(201);
      }
    }
    const [gold] = (await t.services.tiers.create(p.programId, [{ code: 'G', name: '金卡', rank: 1, reach_threshold: 100 }])) as { id: string }[];
    const db = t.services.ctx.db;
    await emit(db, { programId: p.programId, topic: 'member.tier_will_drop', aggregateId: m.id, payload: { member_id: m.id, tier_id: gold!.id, to_tier_id: null, drops_on: '2027-01-01', review_on: '2026-12-31', missing: 5 } });
    // a corporate membership names every seat
    await emit(db, { programId: p.programId, topic: 'membership.expiring', aggregateId: 'vip_x', payload: { member_ids: [m.id, other.id], ends_on: '2026-12-31', days_left: 7 } });
    await runNotify(t.services.notifications, p.programId);
    const mine = (await call('GET', `/v1/programs/${p.programId}/members/${m.id}/messages`)).json().items as TMessage[];
    expect(mine).toHaveLength(6);
    expect(mine.find((x) => x.template_key === 'member.tier_will_drop' && x.channel === 'sms')).toMatchObject({ body: '王伟，您的金卡将于 2027-01-01 调整为普通会员', status: 'sent', recipient: '139****0001' });
    expect(mine.find((x) => x.channel === 'email')).toMatchObject({ recipient: 'w***@example.com' });
    expect(mine.find((x) => x.channel === 'portal')).toMatchObject({ status: 'sent' });
    // the other seat has no e-mail: that one is skipped with the reason, the others go
    const theirs = (await call('GET', `${base()}/messages?member_id=${other.id}`)).json().items as TMessage[];
    expect(theirs.map((x) => [x.channel, x.status, x.reason]).sort()).toEqual([['email', 'skipped', 'no_address'], ['portal', 'sent', null], ['sms', 'sent', null]]);
    const skipped = (await call('GET', `${base()}/messages?status=skipped`)).json().items as TMessage[];
    expect(skipped.map((x) => x.member_id)).toEqual([other.id]);
    const page = (await call('GET', `${base()}/messages?channel=sms&limit=1`)).json();
    expect(page.items).toHaveLength(1);
    const next = (await call('GET', `${base()}/messages?channel=sms&limit=1&cursor=${page.next_cursor}`)).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
    // the clear address is never in an answer
    expect(JSON.stringify(mine)).not.toContain('13912340001');
  });


  it('erasing a member leaves their messages without address or text, and sends none still queued', async () => {
    const m = (await call('POST', `/v1/programs/${p.programId}/members`, { phone: '13912340077', email: 'erase.me@example.com', name: '删除我' })).json();
    await emit(t.services.ctx.db, { programId: p.programId, topic: 'points.expiring', aggregateId: m.id, payload: { member_id: m.id, points: 7, expires_on: '2026-12-31' } });
    // relayed, not yet sent: an e-mail server that refuses keeps the e-mail queued
    await runNotify({ run: (o) => t.services.notifications.run({ ...o, transports: { email: { name: 'down', send: () => Promise.reject(new Error('down')) } } }) }, p.programId);
    const before = (await call('GET', `/v1/programs/${p.programId}/members/${m.id}/messages`)).json().items as TMessage[];
    expect(before.find((x) => x.channel === 'email')).toMatchObject({ status: 'queued', recipient: 'e***@example.com' });
    const filed = (await call('POST', `/v1/programs/${p.programId}/rights-requests`, { member_id: m.id, kind: 'deletion', channel: 'letter' })).json();
    expect((await call('POST', `/v1/programs/${p.programId}/rights-requests/${filed.id}/complete`, { confirm_erasure: true })).statusCode).toBe(200);
    const after = (await call('GET', `/v1/programs/${p.programId}/members/${m.id}/messages`)).json().items as TMessage[];
    expect(after).toHaveLength(before.length);
    for (const x of after) expect(x).toMatchObject({ recipient: null, subject: '', body: '' });
    expect(after.find((x) => x.channel === 'email')).toMatchObject({ status: 'skipped', reason: 'erased' });
    const rows = await t.services.ctx.db.selectFrom('notification_messages').selectAll().where('program_id', '=', p.programId).where('member_id', '=', m.id).execute();
    expect(JSON.stringify(rows)).not.toMatch(/删除我|erase\.me/);
    expect(rows.every((r) => r.recipient_enc === null)).toBe(true);
  });
});
