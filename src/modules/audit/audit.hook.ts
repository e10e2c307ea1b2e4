import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AuditService } from './audit.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: a POS transaction kept append-only with its actor by its own module (a purchase, a return), not repeated here */
    audit?: false;
  }
  interface FastifyRequest {
    auditBefore?: unknown;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// what of a request body is kept: enough to see what was asked (an image upload is not)
const MAX_REQUEST = 8_192;

// the route is audited (onRoute below); the caller is known (an unauthenticated call is refused before)
const audited = (req: FastifyRequest) => req.principal !== null;

function parse(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return null;
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}

function requestBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  const text = JSON.stringify(body);
  return text.length > MAX_REQUEST ? { truncated: true, bytes: text.length } : body;
}

/** The last id in the route's parameters, other than the program's: the entity changed. */
function entityIdOf(params: Record<string, string>, after: unknown): string | null {
  const ids = Object.entries(params).filter(([k]) => k !== 'program_id' && k.endsWith('_id'));
  if (ids.length) return ids.at(-1)![1];
  const id = (after as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * Records every change made through the API (管理职责: who, when, from where, what): each
 * successful POST, PUT, PATCH and DELETE under /v1/ by a caller with a key. An update or
 * removal reads the resource first, at its own URL with the caller's own key, so the record
 * holds it before and after (settings, rules, tiers, member profiles…). The record is
 * written before the answer leaves: a caller never sees a change the log lacks, short of
 * the process dying between the two.
 */
export function auditHooks(app: App, audit: AuditService) {
  const before = async (req: FastifyRequest) => {
    if (!audited(req) || req.method === 'POST') return;
    const res = await app.inject({ method: 'GET', url: req.url, headers: { authorization: req.headers.authorization ?? '', 'x-api-key': req.headers['x-api-key'] ?? '', cookie: req.headers.cookie ?? '' } });
    if (res.statusCode === 200 && (res.headers['content-type'] ?? '').toString().startsWith('application/json')) req.auditBefore = parse(res.body);
  };
  const after = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    // a replayed retry (Idempotency-Key) changed nothing this time
    if (!audited(req) || reply.statusCode >= 300 || reply.getHeader('idempotent-replayed') === 'true') return payload;
    const p = req.principal!;
    const params = (req.params ?? {}) as Record<string, string>;
    const body = req.method === 'DELETE' ? null : parse(payload);
    const schema = req.routeOptions.schema as { summary?: string; tags?: string[] } | undefined;
    try {
      await audit.append({
        chain: params.program_id ?? p.programId ?? 'system',
        actor: { id: p.keyId, name: p.name, role: p.role },
        ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
        action: `${req.method} ${req.routeOptions.url}`, summary: schema?.summary ?? '', entity: schema?.tags?.[0] ?? 'other',
        entityId: entityIdOf(params, body), status: reply.statusCode,
        request: requestBody(req.body), before: req.auditBefore ?? null, after: body,
      });
    } catch (err) {
      // the change is committed: the caller gets its answer, the operator the error
      req.log.error({ err }, 'audit record not written');
    }
    return payload;
  };
  // Hooks only on the routes that change something: reads, and the POS transactions marked
  // `audit: false`, run no hook at all (a hook on every request cost the balance read a
  // third of its server time in the bench).
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!route.url.startsWith('/v1/') || !methods.some((m) => WRITES.has(m)) || route.config?.audit === false) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), before];
    route.onSend = [...[route.onSend ?? []].flat(), after];
  });
}
