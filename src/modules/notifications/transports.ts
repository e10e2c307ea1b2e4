import nodemailer from 'nodemailer';
import type { Channel } from './notification.table.ts';

// The adapters behind one interface: each sends one rendered message to one address and
// answers the provider's id, or throws (the sender records the error and backs off).

export interface Outgoing { to: string; subject: string; body: string; data: Record<string, unknown>; wechatTemplateId: string | null }
export interface Transport { readonly name: string; send(m: Outgoing): Promise<{ id: string }> }
export type Transports = Record<Channel, Transport>;

/** E-mail over SMTP (nodemailer). `url`: smtp://user:pass@host:port; `from` the sender. */
export function smtpTransport(url: string, from: string): Transport {
  const mailer = nodemailer.createTransport(url, { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 } as never);
  return {
    name: 'smtp',
    async send(m) {
      const info = await mailer.sendMail({ from, to: m.to, subject: m.subject, text: m.body });
      return { id: String(info.messageId) };
    },
  };
}

/**
 * SMS through an HTTP gateway, this protocol (docs/api.md, Notifications):
 * POST {base}/sms  {to, text, sign} with `Authorization: Bearer <key>` → 200 {id} | non-2xx {error}.
 * `sign` is the 短信签名 the carrier shows (【…】), required for SMS in China.
 */
export function httpSmsTransport(baseUrl: string, sign: string, apiKey = ''): Transport {
  return {
    name: 'sms-http',
    async send(m) {
      const res = await fetch(new URL('sms', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`), {
        method: 'POST', headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ to: m.to, text: m.body, sign }), signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
      if (!res.ok || !body.id) throw new Error(`sms gateway ${res.status}: ${body.error ?? 'no id'}`);
      return { id: body.id };
    },
  };
}

/**
 * WeChat Official Account template message, as WeChat documents it:
 * POST {base}/cgi-bin/message/template/send?access_token=…
 * {touser: openid, template_id, data: {key: {value}}} → {errcode: 0, errmsg: "ok", msgid}.
 * The template's fields are the event's variables, `first` the subject and `remark` the body.
 */
export function wechatTransport(baseUrl: string, accessToken: string | (() => Promise<string> | string)): Transport {
  return {
    name: 'wechat',
    async send(m) {
      if (!m.wechatTemplateId) throw new Error('wechat: the template has no wechat_template_id');
      const data: Record<string, { value: string }> = { first: { value: m.subject } };
      for (const [k, v] of Object.entries(m.data)) if (v !== null && typeof v !== 'object') data[k] = { value: String(v) };
      data.remark = { value: m.body };
      const url = new URL('/cgi-bin/message/template/send', baseUrl);
      url.searchParams.set('access_token', typeof accessToken === 'string' ? accessToken : await accessToken());
      const res = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: m.to, template_id: m.wechatTemplateId, data }), signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string; msgid?: number | string };
      if (!res.ok || body.errcode !== 0) throw new Error(`wechat ${res.status}: ${body.errcode ?? '?'} ${body.errmsg ?? ''}`.trim());
      return { id: String(body.msgid) };
    },
  };
}

/** Development and the demo: writes what would be sent to the log, sends nothing. */
export function logTransport(channel: string, log: (line: string) => void = () => {}): Transport {
  let n = 0;
  return {
    name: 'log',
    async send(m) {
      log(`[notify:${channel}] to ${m.to}: ${m.subject ? `${m.subject} — ` : ''}${m.body}`);
      return { id: `log-${channel}-${Date.now()}-${++n}` };
    },
  };
}

/** In-portal messages: the row is the message (the member's portal reads it); nothing leaves. */
const portalTransport: Transport = { name: 'portal', send: async () => ({ id: 'portal' }) };

/**
 * The adapters from the environment (README, Configuration): SMTP_URL + SMTP_FROM, SMS_GATEWAY_URL
 * + SMS_SIGN (+ SMS_API_KEY), WECHAT_API_BASE (default https://api.weixin.qq.com) + WECHAT_ACCESS_TOKEN.
 * A channel not configured goes to the log adapter: a dev or demo install sends nothing real.
 */
export function transportsFromEnv(env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Transports {
  return {
    email: env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.SMTP_FROM ?? 'Patron <no-reply@localhost>') : logTransport('email', log),
    sms: env.SMS_GATEWAY_URL ? httpSmsTransport(env.SMS_GATEWAY_URL, env.SMS_SIGN ?? 'Patron', env.SMS_API_KEY) : logTransport('sms', log),
    wechat: env.WECHAT_ACCESS_TOKEN ? wechatTransport(env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com', env.WECHAT_ACCESS_TOKEN) : logTransport('wechat', log),
    portal: portalTransport,
  };
}
