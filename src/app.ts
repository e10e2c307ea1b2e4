import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { latestMigration } from './db/migrator.ts';
import { apiKeyRoutes } from './modules/api-keys/index.ts';
import { auditHooks, auditRoutes } from './modules/audit/index.ts';
import { campaignRoutes } from './modules/campaigns/index.ts';
import { membershipRoutes } from './modules/memberships/index.ts';
import { couponRoutes } from './modules/coupons/index.ts';
import { jobRoutes } from './modules/jobs/index.ts';
import { memberRoutes } from './modules/members/index.ts';
import { pointsRoutes } from './modules/points/index.ts';
import { privacyRoutes } from './modules/privacy/index.ts';
import { notificationRoutes } from './modules/notifications/index.ts';
import { slaRoutes } from './modules/sla/index.ts';
import { programRoutes } from './modules/programs/index.ts';
import { rewardMediaRoutes, rewardRoutes } from './modules/rewards/index.ts';
import { purchaseRoutes } from './modules/purchases/index.ts';
import { referralRoutes } from './modules/referrals/index.ts';
import { rightsRoutes } from './modules/rights/index.ts';
import { calendarRoutes } from './modules/calendar/index.ts';
import { caseRoutes } from './modules/cases/index.ts';
import { suggestionRoutes } from './modules/suggestions/index.ts';
import { qualityRoutes } from './modules/quality/index.ts';
import { eventRoutes, ruleRoutes } from './modules/rules/index.ts';
import { segmentRoutes } from './modules/segments/index.ts';
import { type SessionPolicy, STAFF_MESSAGES, staffFailure, staffRoutes } from './modules/staff/index.ts';
import { storeRoutes } from './modules/stores/index.ts';
import { surveyPublicRoutes, surveyRoutes } from './modules/surveys/index.ts';
import { tierRoutes } from './modules/tiers/index.ts';
import { ERRORS } from './errors.ts';
import { M, platformFailure } from './platform/errors.ts';
import type { App } from './platform/http.ts';
import { openApiTransform, openApiTransformObject } from './platform/openapi.ts';
import { problems } from './platform/problem.ts';
import type { Services } from './services.ts';
import { authorize, can } from './platform/auth.ts';
import { isId } from './platform/ids.ts';
import { sha256 } from './platform/crypto.ts';
import { cors, CSRF_HEADER, readCookie, securityHeaders, SESSION_COOKIE } from './platform/web.ts';

const CONSOLE_DIR = join(import.meta.dirname, '..', 'console', 'dist');

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built console at / (when it has been built). */
  console?: boolean;
  /** Console sessions: idle and absolute expiry, sign-in rate limits (defaults: 30 min, 12 h). */
  sessions?: Partial<SessionPolicy>;
  /** Origins allowed to call from a browser (CORS); none by default. */
  corsOrigins?: string[];
  /** The session cookie's Secure flag; 'auto' (default): when the request came over https. */
  secureCookies?: boolean | 'auto';
  trustProxy?: boolean;
}

// Secrets never reach the log: credentials in headers, and passwords in bodies should a
// body ever be logged (pino redact paths).
export const LOG_REDACT = {
  paths: [
    'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
    'headers.authorization', 'headers.cookie', 'headers["x-api-key"]', 'headers["set-cookie"]',
    '*.password', '*.current_password', '*.new_password', '*.temporary_password', '*.totp', '*.csrf_token', 'password', 'body.password',
  ],
  censor: '[redacted]',
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearer(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}

const ZHealth = z.object({
  status: z.literal('ok'), database: z.enum(['pglite', 'postgres']),
  migration: z.string().nullable().describe('The latest applied migration, e.g. 004_balance_fillfactor'),
}).meta({ id: 'Health' });

/** Builds the Fastify app from services (no listen). */
export async function buildApp(services: Services, opts: AppOptions = {}): Promise<App> {
  // Every error a client can cause is problem+json, including those Fastify and Node's
  // HTTP parser raise before a route runs (a bad or too long URL, raw UTF-8 in it).
  const { errorHandler, sendProblem, clientErrorHandler } = problems(ERRORS);
  const app = Fastify({
    frameworkErrors: (error, req, reply) => errorHandler(error, req as never, reply as never),
    clientErrorHandler,
    logger: opts.logger ? (typeof opts.logger === 'object' ? { ...opts.logger, redact: LOG_REDACT } : { redact: LOG_REDACT }) : false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1_048_576,
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // JSON only: without this, Fastify's built-in text/plain parser turns a wrong content type into a 400.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Patron API', version: '0.1.0', description: 'Membership, loyalty and customer experience. Errors are RFC 9457 problem+json; money is integer fen; points are integers.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(scalar, { routePrefix: '/docs', configuration: { url: '/openapi.json' } });

  if (opts.sessions) services.staff.sessions.configure(opts.sessions);
  const corsOrigins = opts.corsOrigins ?? [];
  // Who is calling: an API key (machines: POS, partners, BI) as a Bearer or X-API-Key header,
  // else a console session cookie. A cookie-authenticated change must carry the session's
  // CSRF token (a key-authenticated one cannot be forged by another site's page).
  app.addHook('onRequest', async (req, reply) => {
    securityHeaders(req, reply);
    if (corsOrigins.length && cors(req, reply, corsOrigins)) return reply;
    // the route's own declaration, not its raw URL (a trailing slash or a query string changes nothing)
    const route = req.routeOptions.config;
    if (!req.url.startsWith('/v1/') || route?.access === 'public') return;
    const key = bearer(req.headers);
    if (key) req.principal = await services.apiKeys.authenticate(key);
    else {
      const token = readCookie(req, SESSION_COOKIE);
      const session = token ? await services.staff.sessions.authenticate(token) : null;
      if (session) {
        if (UNSAFE.has(req.method)) {
          const csrf = req.headers[CSRF_HEADER];
          if (typeof csrf !== 'string' || sha256(csrf) !== session.csrfHash) return sendProblem(reply, req, staffFailure('csrf', STAFF_MESSAGES.csrf(), { field: 'X-CSRF-Token' }));
        }
        if (session.mustChangePassword && !route?.duringPasswordChange) {
          return sendProblem(reply, req, staffFailure('password_change_required', STAFF_MESSAGES.must_change()));
        }
        req.principal = { ...session.principal, mustChangePassword: session.mustChangePassword };
      }
    }
    if (!req.principal) return sendProblem(reply, req, platformFailure('unauthorized', M.unauthorized()));
  });

  // A route's permission is checked before its body is validated: a caller who may not use
  // it learns nothing of what it takes (403, not 400), and bad input from them reaches no schema.
  app.decorate('routePermissions', new Map());
  app.decorate('publicRoutes', new Set<string>());
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) {
      for (const m of [route.method].flat()) if (m !== 'HEAD') app.publicRoutes.add(`${m} ${route.url}`);
      return;
    }
    const permission = route.config?.permission;
    for (const m of [route.method].flat()) if (m !== 'HEAD') app.routePermissions.set(`${m} ${route.url}`, permission ?? route.config?.access ?? null);
    if (!permission) return;
    const onRefused = route.config?.onRefused;
    const check = async (req: FastifyRequest) => {
      const programId = (req.params as { program_id?: string }).program_id ?? '';
      // a malformed program id is the schema's to name (400 naming program_id)
      if (!isId(programId, 'prg')) return;
      if (onRefused && req.principal?.programId === programId && !can(req.principal, permission)) await onRefused(req);
      authorize(req, programId, permission);
    };
    route.preValidation = [check, ...[route.preValidation ?? []].flat()];
  });
  auditHooks(app, services.audit);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/health', {
    schema: { tags: ['health'], summary: 'Liveness and database', security: [], response: { 200: ZHealth } },
  }, async () => ({ status: 'ok' as const, database: services.ctx.kind, migration: await latestMigration(services.ctx.db) }));

  programRoutes(app, services.programs, services.flows);
  storeRoutes(app, services.stores);
  apiKeyRoutes(app, services.apiKeys);
  memberRoutes(app, services.members, services.flows);
  pointsRoutes(app, services.points);
  purchaseRoutes(app, services.purchases, services.flows);
  ruleRoutes(app, services.rules, services.flows);
  eventRoutes(app, services.events, services.flows);
  segmentRoutes(app, services.segments);
  jobRoutes(app, services.jobs);
  tierRoutes(app, services.tiers, services.flows);
  campaignRoutes(app, services.campaigns, services.flows);
  auditRoutes(app, services.audit);
  membershipRoutes(app, services.memberships, services.programs, services.flows);
  referralRoutes(app, services.referrals, services.flows);
  rewardRoutes(app, services.rewards, services.flows);
  rewardMediaRoutes(app, services.rewards);
  couponRoutes(app, services.coupons);
  rightsRoutes(app, services.rights, services.programs, services.flows);
  privacyRoutes(app, services.privacy, services.flows);
  notificationRoutes(app, services.notifications);
  slaRoutes(app, services.sla, services.flows);
  calendarRoutes(app, services.calendar, services.flows);
  caseRoutes(app, services.cases, services.flows);
  suggestionRoutes(app, services.suggestions, services.flows);
  qualityRoutes(app, services.quality, services.flows);
  surveyRoutes(app, services.surveys);
  // a member's survey link: public (outside /v1), the token its credential
  surveyPublicRoutes(app, services.surveys);
  staffRoutes(app, services.staff, {
    secureCookies: opts.secureCookies ?? 'auto',
    // sign-ins in the audit log: a success in the program's chain, a refusal (the username
    // may not exist) in the system chain, with where it came from; never the password
    onSignIn: async (e) => {
      // a throttled attempt (429) is refused before any password check: recording each would let
      // anyone without credentials flood the system chain; the refusals that tripped it are recorded
      if (!e.ok && e.code === 'too_many_attempts') return;
      const where = { ip: e.ip, userAgent: e.userAgent, entity: 'staff', request: { username: e.username } };
      await services.audit.append(e.ok
        ? { ...where, chain: e.staff.program_id, actor: { id: e.staff.id, name: e.staff.display_name, role: e.staff.role }, action: 'staff.sign_in', summary: 'Signed in to the console', entityId: e.staff.id, status: 200 }
        : { ...where, chain: 'system', actor: { id: 'anonymous', name: e.username.slice(0, 100), role: 'none' }, action: 'staff.sign_in.refused', summary: `Sign-in refused: ${e.code}`, status: (ERRORS as Record<string, { status: number }>)[e.code]?.status ?? null });
    },
  });

  const hasConsole = opts.console !== false && existsSync(join(CONSOLE_DIR, 'index.html'));
  if (hasConsole) await app.register(fastifyStatic, { root: CONSOLE_DIR, prefix: '/', wildcard: true, index: 'index.html' });

  app.setNotFoundHandler((req, reply) => {
    // The console is a single-page app: unknown non-API GETs get its index page.
    if (hasConsole && req.method === 'GET' && !req.url.startsWith('/v1/') && (req.headers.accept ?? '').includes('text/html')) {
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, req, platformFailure('not_found', M.no_route({ route: `${req.method} ${req.url.split('?')[0]}` })));
  });
  return app;
}
