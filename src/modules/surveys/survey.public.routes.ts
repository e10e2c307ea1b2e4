import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERRORS } from '../../errors.ts';
import { isFailure, type DomainError, type Lang } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { pickLang } from '../../platform/i18n.ts';
import { slidingWindow } from '../../platform/limiter.ts';
import { localDate } from '../../platform/time.ts';
import { fromForm } from './answers.ts';
import { rateLimited } from './survey.errors.ts';
import { formPage, refusedPage, thanksPage } from './survey.page.ts';
import type { SurveyService } from './survey.service.ts';

// The member's side: GET /s/<token> serves the form, POST answers it. Outside /v1: no staff
// sign-in, no API key; the token is the member's only credential (single use, expiring, kept
// as a hash). HTML for a browser, JSON and problem+json for a caller that asks for JSON.
// Each client address may open or post 120 times in 10 minutes: a flood or a guesser is cut off
// (a token has 192 random bits anyway), while members behind one address (a mall's Wi-Fi)
// answering their links are not in each other's way.

export const PUBLIC_LIMIT = { max: 120, ms: 10 * 60_000 };
const zToken = z.strictObject({ token: z.string().max(100) });

const wantsJson = (req: FastifyRequest) =>
  (req.headers.accept ?? '').includes('application/json') || (req.headers['content-type'] ?? '').startsWith('application/json');

function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const had = out[k];
    out[k] = had === undefined ? v : [had, v].flat();
  }
  return out;
}

export function surveyPublicRoutes(app: App, surveys: SurveyService, limiter = slidingWindow(PUBLIC_LIMIT)) {
  const refuse = (req: FastifyRequest, reply: FastifyReply, f: DomainError) => {
    if (f.extra.retry_after) reply.header('retry-after', String(f.extra.retry_after));
    if (wantsJson(req)) throw f; // problem+json from the error handler
    const lang = pickLang(req.headers['accept-language']);
    const spec = (ERRORS as Record<string, { status: number; title: { zh: string; en: string } }>)[f.code]!;
    return reply.code(spec.status).type('text/html; charset=utf-8').send(refusedPage(lang, spec.title[lang], f.detail[lang]));
  };
  /** The page speaks the invited member's language (members.language); the browser's when the member is unknown. */
  const langOf = async (req: FastifyRequest, inv: { program_id: string; member_id: string }): Promise<Lang> =>
    (await surveys.memberLanguage(inv.program_id, inv.member_id)) ?? pickLang(req.headers['accept-language']);
  const limited = (req: FastifyRequest) => {
    const wait = limiter.retryAfter(req.ip);
    limiter.hit(req.ip);
    return wait > 0 ? rateLimited(wait) : null;
  };

  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // the page's form posts urlencoded fields; only these routes read them
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => done(null, parseForm(body as string)));

    scope.get('/s/:token', {
      schema: { tags: ['surveys'], summary: 'A member opens their survey link: the form (HTML; JSON with Accept: application/json). Public, rate limited', security: [], params: zToken },
    }, async (req, reply) => {
      const slow = limited(req);
      if (slow) return refuse(req, reply, slow);
      const opened = await surveys.open(req.params.token, new Date());
      if (isFailure(opened)) return refuse(req, reply, opened);
      const { survey, invitation } = opened;
      const expiresOn = localDate(invitation.expires_at!, await surveys.timeZone(invitation.program_id));
      if (wantsJson(req)) return { title: survey.title, intro: survey.intro, kind: survey.kind, questions: survey.questions, expires_on: expiresOn };
      reply.header('cache-control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(formPage(await langOf(req, invitation), survey, `/s/${req.params.token}`, expiresOn));
    });

    scope.post('/s/:token', {
      schema: { tags: ['surveys'], summary: 'A member answers their survey: form fields q_<question id>, or JSON {"answers":{"<id>":value}}. Once per link', security: [], params: zToken },
    }, async (req, reply) => {
      const slow = limited(req);
      if (slow) return refuse(req, reply, slow);
      const now = new Date();
      const opened = await surveys.open(req.params.token, now);
      if (isFailure(opened)) return refuse(req, reply, opened);
      const json = wantsJson(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const given = json ? body.answers : fromForm(opened.survey.questions, body as Record<string, string | string[]>);
      const r = await surveys.answer(opened, given, now);
      if (isFailure(r)) {
        if (json || r.code !== 'validation') return refuse(req, reply, r);
        // back to the form with what was sent and the question named
        const lang = await langOf(req, opened.invitation);
        const qid = (r.field ?? '').replace(/^answers\./, '');
        const expiresOn = localDate(opened.invitation.expires_at!, await surveys.timeZone(opened.invitation.program_id));
        return reply.code(400).type('text/html; charset=utf-8')
          .send(formPage(lang, opened.survey, `/s/${req.params.token}`, expiresOn, given as never, { [qid]: r.detail[lang] }));
      }
      return json ? reply.code(201).send({ answered: true, survey_id: r.survey_id }) : reply.code(200).type('text/html; charset=utf-8').send(thanksPage(await langOf(req, opened.invitation)));
    });
  });
}
