import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { whenUnlocked } from '../../testing/harness.ts';

// Local stand-ins for the providers, speaking their protocols: a real SMTP server
// (src/testing/smtp-server.ts, smtp-server) keeping what arrived, and an HTTP server answering like a gateway.

export { smtpServer, type Mail } from '../../testing/smtp-server.ts';

export interface Received { method: string; url: string; headers: IncomingMessage['headers']; body: unknown }

/** An HTTP server answering every request with `answer(request)`, keeping the requests. */
export async function httpServer(answer: (r: Received) => { status: number; body: unknown }) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null };
      got.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, got, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes a MIME encoded-word subject (=?UTF-8?B?…?= / Q) as nodemailer writes it. */
export function headerValue(raw: string, name: string): string {
  const m = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(raw);
  if (!m) return '';
  return m[1]!.replace(/\r?\n[ \t]/g, ' ').replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')).trim();
}

/** The text body (after the headers), quoted-printable or base64 decoded. */
export function textBody(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const enc = /content-transfer-encoding: (\S+)/i.exec(head ?? '')?.[1]?.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8').trim();
  }
  return body.trim();
}

/**
 * Runs the relay and sender for one test program, waiting while another test file's run holds the lock (on
 * PostgreSQL the test files share one database, and a run that finds the lock taken does nothing).
 */
export const runNotify = (s: { run(o?: { now?: Date; programId?: string }): Promise<unknown> }, programId: string, now?: Date): Promise<unknown> =>
  whenUnlocked(() => s.run(now ? { now, programId } : { programId }));
