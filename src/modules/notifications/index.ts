// Notifications (issue 11): templates per event, channel and language; the relay turning the
// outbox's member events (points.expiring, member.tier_will_drop, member.birthday,
// membership.expiring) into messages, and the sender with retries and back-off over the
// adapters (SMTP, SMS over HTTP, WeChat template messages, in-portal, log). Uses members, tiers.
export { notificationService, type NotificationService } from './notification.service.ts';
export { notificationRoutes } from './notification.routes.ts';
export { NOTIFICATION_ERRORS } from './notification.errors.ts';
export { smtpTransport, httpSmsTransport, wechatTransport, logTransport, transportsFromEnv, type Transport, type Transports } from './transports.ts';
export { DEFAULT_TEMPLATES } from './defaults.ts';
/** The outbox topics the relay consumes (retention keeps those not yet published). */
export { EVENT_KEYS as RELAY_TOPICS } from './render.ts';
export type { NotificationTables } from './notification.table.ts';
export type { TMessage, TTemplate } from './notification.schema.ts';
