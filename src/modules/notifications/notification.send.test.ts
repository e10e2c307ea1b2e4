import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emit, replay } from '../../platform/outbox.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';
import type { TMessage } from './notification.schema.ts';
import { headerValue, httpServer, runNotify, smtpServer, textBody } from './notification.testkit.ts';
import { httpSmsTransport, logTransport, smtpTransport, wechatTransport } from './transports.ts';

// Sending on both databases: a real SMTP server receives the rendered mail; the server down
// leaves the message queued with its error and next attempt, and the retry sends it once; the
// SMS gateway and WeChat are spoken to as their protocols say; marketing needs consent when sent;
// the same event relayed twice makes one message.

const MINUTE = 60_000;

describe.each(testDbKinds())('notifications sending on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  const base = () => `/v1/programs/${p.programId}`;
  let phoneNo = 0;
  const member = async (email: string | null, consent = true) => {
    const r = await call('POST', `${base()}/members`, { phone: `1390000${String(++phoneNo).padStart(4, '0')}`, email, marketing_consent: consent, name: '李雷' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const template = async (body: object) => {
    const r = await call('POST', `${base()}/notifications/templates`, { lang: 'zh', kind: 'service', ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const messages = async (memberId: string) => (await call('GET', `${base()}/members/${memberId}/messages`)).json().items as TMessage[];
  const event = (topic: string, memberId: string, payload: object) => emit(t.services.ctx.db, { programId: p.programId, topic, aggregateId: memberId, payload: { member_id: memberId, ...payload } });
  const run = (now: Date) => runNotify(t.services.notifications, p.programId, now);

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    // the other channels to the log: these tests look at one channel at a time
    t.services.notifications.useTransports({ email: logTransport('email'), sms: logTransport('sms'), wechat: logTransport('wechat') });
    await template({ key: 'points.expiring', channel: 'email', subject: '{{member_name}}，积分即将过期', body: '您有 {{points}} 积分将于 {{expires_on}} 过期。' });
  });
  afterAll(async () => { await t.close(); });

  it('a real SMTP server receives the rendered mail, addressed to the member', async () => {
    const smtp = await smtpServer();
    try {
      t.services.notifications.useTransports({ email: smtpTransport(smtp.url, 'Patron <no-reply@patron.test>') });
      const id = await member('li.lei@example.com');
      await event('points.expiring', id, { points: 1200, expires_on: '2026-12-31' });
      await run(new Date());
      expect(smtp.mails).toHaveLength(1);
      const mail = smtp.mails[0]!;
      expect(mail.to).toEqual(['li.lei@example.com']);
      expect(mail.from).toBe('no-reply@patron.test');
      expect(headerValue(mail.raw, 'Subject')).toBe('李雷，积分即将过期');
      expect(textBody(mail.raw)).toBe('您有 1200 积分将于 2026-12-31 过期。');
      const [m] = await messages(id);
      expect(m).toMatchObject({ channel: 'email', status: 'sent', attempts: 1, recipient: 'l***@example.com', subject: '李雷，积分即将过期', last_error: null });
      expect(m!.provider_id).toBeTruthy();
    } finally {
      await smtp.stop();
    }
  });

  it('with the SMTP server down the message waits with its error; when it is up again the retry sends it once', async () => {
    const smtp = await smtpServer();
    const port = smtp.port;
    await smtp.stop();
    t.services.notifications.useTransports({ email: smtpTransport(`smtp://127.0.0.1:${port}`, 'no-reply@patron.test') });
    const id = await member('han.mei@example.com');
    await event('points.expiring', id, { points: 300, expires_on: '2026-12-31' });
    const t0 = new Date();
    await run(t0);
    const [down] = await messages(id);
    expect(down).toMatchObject({ status: 'queued', attempts: 1 });
    expect(down!.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(new Date(down!.next_attempt_at!).getTime()).toBe(t0.getTime() + MINUTE);
    const again = await smtpServer(port);
    try {
      // not due yet: nothing is tried
      await run(new Date(t0.getTime() + 30_000));
      expect(again.mails).toHaveLength(0);
      await run(new Date(t0.getTime() + 2 * MINUTE));
      await run(new Date(t0.getTime() + 10 * MINUTE));
      expect(again.mails.filter((m) => m.to.includes('han.mei@example.com'))).toHaveLength(1);
      const [up] = await messages(id);
      expect(up).toMatchObject({ status: 'sent', attempts: 2, next_attempt_at: null });
    } finally {
      await again.stop();
    }
  });

  it('gives up after the attempts cap (failed), and a resend sends it again', async () => {
    const smtp = await smtpServer();
    const port = smtp.port;
    await smtp.stop();
    t.services.notifications.useTransports({ email: smtpTransport(`smtp://127.0.0.1:${port}`, 'no-reply@patron.test') });
    const id = await member('lucy@example.com');
    await event('points.expiring', id, { points: 10, expires_on: '2026-12-31' });
    let now = Date.now();
    for (let i = 0; i < 6; i++) { await run(new Date(now)); now += 40 * MINUTE; }
    const [failed] = await messages(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 6, next_attempt_at: null });
    const up = await smtpServer(port);
    try {
      const r = await call('POST', `${base()}/notifications/messages/${failed!.id}/resend`);
      expect(r.json()).toMatchObject({ status: 'sent', attempts: 1 });
      expect(up.mails).toHaveLength(1);
      expect((await call('POST', `${base()}/notifications/messages/${failed!.id}/resend`)).json()).toMatchObject({ code: 'notification_not_resendable', field: 'message_id' });
    } finally {
      await up.stop();
    }
  });

  it('relaying the same event twice makes one message and sends once', async () => {
    const smtp = await smtpServer();
    try {
      t.services.notifications.useTransports({ email: smtpTransport(smtp.url, 'no-reply@patron.test') });
      const id = await member('twice@example.com');
      await event('points.expiring', id, { points: 50, expires_on: '2026-12-31' });
      await run(new Date());
      // as if the relay had died before marking the event: the event comes round again
      const [m] = await messages(id);
      await replay(t.services.ctx.db, [m!.event_id!]);
      await run(new Date());
      await run(new Date(Date.now() + 10 * MINUTE));
      expect(await messages(id)).toHaveLength(1);
      expect(smtp.mails.filter((x) => x.to.includes('twice@example.com'))).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });

  it('two relays at once make one message per event and send each once', async () => {
    const smtp = await smtpServer();
    try {
      t.services.notifications.useTransports({ email: smtpTransport(smtp.url, 'no-reply@patron.test') });
      const ids = [await member('a1@example.com'), await member('a2@example.com'), await member('a3@example.com')];
      for (const id of ids) await event('points.expiring', id, { points: 5, expires_on: '2026-12-31' });
      // direct runs: one may find the lock taken and do nothing, which is the point
      await Promise.all([t.services.notifications.run({ programId: p.programId }), t.services.notifications.run({ programId: p.programId }), run(new Date())]);
      for (const id of ids) expect(await messages(id)).toHaveLength(1);
      expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['a1@example.com', 'a2@example.com', 'a3@example.com']);
    } finally {
      await smtp.stop();
    }
  });

  it('keeps the address sealed in the row, under the current key', async () => {
    const counts = await t.services.notifications.sealed.keyCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const rows = await t.services.ctx.db.selectFrom('notification_messages').select(['recipient_enc', 'recipient_masked']).where('program_id', '=', p.programId).where('channel', '=', 'email').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.recipient_enc).not.toContain('@');
      expect(t.services.ctx.vault.decrypt(r.recipient_enc!)).toMatch(new RegExp(`^${r.recipient_masked![0]}.*${r.recipient_masked!.slice(r.recipient_masked!.indexOf('@'))}$`));
    }
  });

  it('a marketing message is skipped for a member who withdrew consent before it was sent', async () => {
    await template({ key: 'member.birthday', channel: 'sms', kind: 'marketing', body: '{{member_name}}，生日快乐！' });
    const gateway = await httpServer(() => ({ status: 200, body: { id: 'sms-1' } }));
    try {
      t.services.notifications.useTransports({ sms: httpSmsTransport(gateway.url, 'Patron') });
      const stays = await member(null, true);
      const leaves = await member(null, true);
      await event('member.birthday', stays, { birthday: '1990-01-01', date: '2026-01-01' });
      await event('member.birthday', leaves, { birthday: '1990-01-01', date: '2026-01-01' });
      // the consent is withdrawn after the greeting was written, before it goes out
      const w = await call('PATCH', `${base()}/members/${leaves}`, { marketing_consent: false });
      expect(w.statusCode, w.body).toBe(200);
      await run(new Date());
      expect((await messages(leaves))[0]).toMatchObject({ status: 'skipped', reason: 'no_consent', attempts: 0 });
      expect((await messages(stays))[0]).toMatchObject({ status: 'sent', provider_id: 'sms-1' });
      expect(gateway.got).toHaveLength(1);
    } finally {
      await gateway.stop();
    }
  });

  it('a resend of a failed marketing message asks for consent again: withdrawn since, it is skipped and nothing goes out', async () => {
    const down = await httpServer(() => ({ status: 500, body: { error: 'gateway down' } }));
    const id = await member(null, true);
    try {
      t.services.notifications.useTransports({ sms: httpSmsTransport(down.url, 'Patron') });
      await event('member.birthday', id, { birthday: '1990-01-01', date: '2026-01-02' });
      let now = Date.now();
      for (let i = 0; i < 6; i++) { await run(new Date(now)); now += 40 * MINUTE; }
    } finally {
      await down.stop();
    }
    const [failed] = await messages(id);
    expect(failed).toMatchObject({ status: 'failed', kind: 'marketing' });
    expect((await call('PATCH', `${base()}/members/${id}`, { marketing_consent: false })).statusCode).toBe(200);
    const gateway = await httpServer(() => ({ status: 200, body: { id: 'sms-2' } }));
    try {
      t.services.notifications.useTransports({ sms: httpSmsTransport(gateway.url, 'Patron') });
      const r = await call('POST', `${base()}/notifications/messages/${failed!.id}/resend`);
      expect(r.json()).toMatchObject({ status: 'skipped', reason: 'no_consent' });
      expect(gateway.got).toHaveLength(0);
    } finally {
      await gateway.stop();
    }
  });
});

describe('adapters speak their providers\' protocols', () => {
  it('SMS: POST {to, text, sign} with the key, the gateway\'s id back; an error answer throws', async () => {
    const gateway = await httpServer((r) => ((r.body as { to: string }).to === '13800000000' ? { status: 422, body: { error: 'blocked number' } } : { status: 200, body: { id: 'gw-42' } }));
    try {
      const sms = httpSmsTransport(`${gateway.url}/v1`, '乐享会', 'secret');
      expect(await sms.send({ to: '13912345678', subject: '', body: '您的积分即将过期', data: {}, wechatTemplateId: null })).toEqual({ id: 'gw-42' });
      expect(gateway.got[0]).toMatchObject({ method: 'POST', url: '/v1/sms', body: { to: '13912345678', text: '您的积分即将过期', sign: '乐享会' } });
      expect(gateway.got[0]!.headers.authorization).toBe('Bearer secret');
      await expect(sms.send({ to: '13800000000', subject: '', body: 'x', data: {}, wechatTemplateId: null })).rejects.toThrow('sms gateway 422: blocked number');
    } finally {
      await gateway.stop();
    }
  });

  it('WeChat: the template message as WeChat documents it, errcode answers throw', async () => {
    let errcode = 0;
    const wx = await httpServer(() => ({ status: 200, body: errcode ? { errcode, errmsg: 'invalid openid' } : { errcode: 0, errmsg: 'ok', msgid: 200228332 } }));
    try {
      const wechat = wechatTransport(wx.url, 'TOKEN123');
      const r = await wechat.send({ to: 'oABC123', subject: '积分即将过期', body: '请及时使用', data: { points: 1200, expires_on: '2026-12-31', nested: { x: 1 } }, wechatTemplateId: 'tpl-9' });
      expect(r).toEqual({ id: '200228332' });
      expect(wx.got[0]!.url).toBe('/cgi-bin/message/template/send?access_token=TOKEN123');
      expect(wx.got[0]!.body).toEqual({
        touser: 'oABC123', template_id: 'tpl-9',
        data: { first: { value: '积分即将过期' }, points: { value: '1200' }, expires_on: { value: '2026-12-31' }, remark: { value: '请及时使用' } },
      });
      errcode = 40003;
      await expect(wechat.send({ to: 'bad', subject: '', body: '', data: {}, wechatTemplateId: 'tpl-9' })).rejects.toThrow('wechat 200: 40003 invalid openid');
    } finally {
      await wx.stop();
    }
  });
});
