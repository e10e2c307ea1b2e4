import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../platform/errors.ts';
import { emit } from '../../platform/outbox.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';
import { DEFAULT_TEMPLATES } from './defaults.ts';
import type { TMessage, TTemplate } from './notification.schema.ts';
import { headerValue, runNotify, smtpServer, textBody } from './notification.testkit.ts';
import { logTransport, smtpTransport } from './transports.ts';

// A member reads us in their language (members.language): the relay sends the event's template
// in it on each channel, the other language's when the channel has none in it, and a tier is
// named in the template's language. Mail read from a real SMTP server, on both databases.

describe.each(testDbKinds())('messages in the member\'s language on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  const base = () => `/v1/programs/${p.programId}`;
  let phoneNo = 0;
  const member = async (email: string, language?: 'zh' | 'en') => {
    const r = await call('POST', `${base()}/members`, { phone: `1350000${String(++phoneNo).padStart(4, '0')}`, email, name: 'Li Lei', ...(language ? { language } : {}) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const messages = async (memberId: string) => (await call('GET', `${base()}/members/${memberId}/messages`)).json().items as TMessage[];
  const event = (topic: string, memberId: string, payload: object) =>
    emit(t.services.ctx.db, { programId: p.programId, topic, aggregateId: memberId, payload: { member_id: memberId, ...payload } });
  const mailTo = (mails: { to: string[]; raw: string }[], to: string) => {
    const m = mails.filter((x) => x.to.includes(to));
    expect(m).toHaveLength(1);
    return { subject: headerValue(m[0]!.raw, 'Subject'), body: textBody(m[0]!.raw) };
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    t.services.notifications.useTransports({ sms: logTransport('sms'), wechat: logTransport('wechat') });
    // the default wording, zh and en, by e-mail
    for (const d of DEFAULT_TEMPLATES.filter((x) => x.channel === 'email' && ['points.expiring', 'member.tier_will_drop'].includes(x.key))) {
      unwrap(await t.services.notifications.createTemplate(p.programId, d));
    }
  });
  afterAll(async () => { await t.close(); });

  it('sends an English-speaking member the en template and a Chinese-speaking one the zh template', async () => {
    const smtp = await smtpServer();
    try {
      t.services.notifications.useTransports({ email: smtpTransport(smtp.url, 'no-reply@patron.test') });
      const en = await member('en.reader@example.com', 'en');
      const zh = await member('zh.reader@example.com');
      for (const id of [en, zh]) await event('points.expiring', id, { points: 1200, expires_on: '2026-12-31' });
      await runNotify(t.services.notifications, p.programId, new Date());
      expect(mailTo(smtp.mails, 'en.reader@example.com')).toEqual({
        subject: 'Your points are about to expire', body: 'Dear Li Lei, 1200 of your points expire on 2026-12-31. Use them before then.',
      });
      expect(mailTo(smtp.mails, 'zh.reader@example.com')).toEqual({ subject: '积分即将过期提醒', body: 'Li Lei您好，您有 1200 积分将于 2026-12-31 过期，请及时使用。' });
      expect((await messages(en))[0]).toMatchObject({ lang: 'en', status: 'sent' });
      expect((await messages(zh))[0]).toMatchObject({ lang: 'zh', status: 'sent' });
    } finally {
      await smtp.stop();
    }
  });

  it('names the tier in English in an en message (its English name), in Chinese in a zh one', async () => {
    const [gold] = await t.services.tiers.create(p.programId, [{ code: 'gold', name: '金卡', name_en: 'Gold', rank: 3, reach_threshold: 2_000_000 }]);
    const smtp = await smtpServer();
    try {
      t.services.notifications.useTransports({ email: smtpTransport(smtp.url, 'no-reply@patron.test') });
      const en = await member('en.tier@example.com', 'en');
      const zh = await member('zh.tier@example.com', 'zh');
      // dropping to no tier at all: named in the template's language too
      for (const id of [en, zh]) await event('member.tier_will_drop', id, { tier_id: gold!.id, to_tier_id: null, drops_on: '2027-01-01', missing: 800 });
      await runNotify(t.services.notifications, p.programId, new Date());
      expect(mailTo(smtp.mails, 'en.tier@example.com').body).toBe('Dear Li Lei, you are 800 short of keeping Gold; on 2027-01-01 it becomes no tier.');
      expect(mailTo(smtp.mails, 'zh.tier@example.com').body).toBe('Li Lei您好，距保级还差 800，若未达标，您的金卡将于 2027-01-01 调整为普通会员。');
    } finally {
      await smtp.stop();
    }
  });

  it('falls back to the zh template when the en one is deleted, and sends nothing on a channel with neither', async () => {
    const { items } = (await call('GET', `${base()}/notifications/templates`)).json() as { items: TTemplate[] };
    const enTemplate = items.find((x) => x.key === 'points.expiring' && x.channel === 'email' && x.lang === 'en')!;
    expect((await call('DELETE', `${base()}/notifications/templates/${enTemplate.id}`)).statusCode).toBe(200);
    const smtp = await smtpServer();
    try {
      t.services.notifications.useTransports({ email: smtpTransport(smtp.url, 'no-reply@patron.test') });
      const en = await member('en.fallback@example.com', 'en');
      await event('points.expiring', en, { points: 300, expires_on: '2026-12-31' });
      await runNotify(t.services.notifications, p.programId, new Date());
      expect(mailTo(smtp.mails, 'en.fallback@example.com').subject).toBe('积分即将过期提醒');
      const mine = await messages(en);
      // e-mail only: no template on the other channels, in either language
      expect(mine.map((m) => [m.channel, m.lang, m.status])).toEqual([['email', 'zh', 'sent']]);
    } finally {
      await smtp.stop();
    }
  });

  it('records the member\'s language on a case reply (the text is the agent\'s as written)', async () => {
    const en = await member('en.case@example.com', 'en');
    const m = await t.services.notifications.sendOne(p.programId, { memberId: en, channel: 'portal', subject: 'C-1 Parking', body: 'We refunded your parking fee.', sourceRef: 'cev_lang_1', templateKey: 'case.message' });
    expect(m).toMatchObject({ lang: 'en', body: 'We refunded your parking fee.', status: 'sent' });
  });
});
