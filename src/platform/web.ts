import type { FastifyReply, FastifyRequest } from 'fastify';

// The console's session cookie and the headers a security reviewer expects on every answer.

export const SESSION_COOKIE = 'patron_session';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // a malformed percent-escape is no session (the client sent it), never a 500
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Whether the request reached us over https (directly, or as a trusted proxy says). */
export const isHttps = (req: FastifyRequest) => req.protocol === 'https';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/, Secure over https or when configured. No Max-Age: it ends with the
 * browser, and the server ends it sooner when idle.
 */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, secure: boolean | 'auto') {
  const flags = ['HttpOnly', 'SameSite=Strict', 'Path=/'];
  if (secure === true || (secure === 'auto' && isHttps(req))) flags.push('Secure');
  reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; ${flags.join('; ')}`);
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
}

// The built console loads its own scripts and styles only; antd writes inline styles
// (CSS-in-JS), so style-src allows them; images may be data: URIs (antd icons) and the
// rewards' images are served from /media on the same origin.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');
// the API reference at /docs runs the reference UI's own inline script
const DOCS_CSP = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

export function securityHeaders(req: FastifyRequest, reply: FastifyReply) {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('content-security-policy', req.url.startsWith('/docs') ? DOCS_CSP : CONTENT_SECURITY_POLICY);
  if (isHttps(req)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

/**
 * CORS is closed: no Access-Control-Allow-Origin at all unless PATRON_CORS_ORIGINS lists the
 * origins allowed, and then only for those. Returns true when the request was a preflight
 * that has been answered.
 */
export function cors(req: FastifyRequest, reply: FastifyReply, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin || !allowed.includes(origin)) return false;
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  reply.header('access-control-allow-credentials', 'true');
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    reply.header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
    reply.header('access-control-allow-headers', 'authorization, content-type, idempotency-key, x-api-key, x-csrf-token, accept-language');
    reply.header('access-control-max-age', '600');
    reply.code(204).send();
    return true;
  }
  return false;
}
