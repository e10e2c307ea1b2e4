import { unwrap } from '../platform/errors.ts';
import { emit } from '../platform/outbox.ts';
import { DEFAULT_TEMPLATES, logTransport, type Transport } from '../modules/notifications/index.ts';
import type { Services } from '../services.ts';

const HOUR = 3_600_000;

/**
 * 消息通知 for the demo: the default templates (zh and en, e-mail, SMS and in-portal) for the
 * four events, a few points-expiring and membership notices sent through the log adapter
 * (nothing real leaves a demo), and one SMS the gateway kept refusing: failed after its
 * attempts, with its error, ready to resend. The second of the three members reads English
 * (seed-demo: one member in ten), so their notices go out from the en templates.
 */
export async function seedNotifications(s: Services, programId: string, o: { members: string[]; now: Date }) {
  for (const t of DEFAULT_TEMPLATES) unwrap(await s.notifications.createTemplate(programId, t));
  const [a, b, c] = o.members.slice(20, 23);
  if (!c) return;
  const db = s.ctx.db;
  const expires = new Date(o.now.getTime() + 20 * 24 * HOUR).toISOString().slice(0, 10);
  await emit(db, [a!, b!, c].map((m, i) => ({ programId, topic: 'points.expiring', aggregateId: m, payload: { member_id: m, points: 300 * (i + 1), expires_on: expires } })));
  await emit(db, { programId, topic: 'membership.expiring', aggregateId: a!, payload: { member_ids: [a], ends_on: expires, days_left: 20 } });
  const phone = (await s.members.contacts(programId, [c])).get(c)?.phone;
  const flaky: Transport = {
    name: 'demo-gateway',
    send: async (m) => {
      if (m.to === phone) throw new Error('sms gateway 400: 号码已停机 (number out of service)');
      return logTransport('sms').send(m);
    },
  };
  const transports = { email: logTransport('email'), sms: flaky, wechat: logTransport('wechat') };
  // the first run sends what it can; the refused one is retried with back-off until it gives up
  for (let i = 0; i < 6; i++) await s.notifications.run({ now: new Date(o.now.getTime() + i * HOUR), transports });
}
