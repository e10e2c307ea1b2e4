import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zId, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZAdopt, ZCategory, ZCategoryCreate, ZCategoryParams, ZCategoryUpdate, ZDecline, ZMemberSuggestions, ZMerge, ZSuggestion, ZSuggestionCreate,
  ZSuggestionDetail, ZSuggestionPage, ZSuggestionParams, ZSuggestionQuery, ZSuggestionSummary, ZSupportCreate,
} from './suggestion.schema.ts';
import type { SuggestionService } from './suggestion.service.ts';

type Flows = Pick<Workflows, 'submitSuggestion' | 'supportSuggestion' | 'reviewSuggestion' | 'adoptSuggestion' | 'declineSuggestion' | 'mergeSuggestion' | 'suggestionSummary'>;

export function suggestionRoutes(app: App, suggestions: SuggestionService, flows: Flows) {
  const tags = ['suggestions'];
  const base = '/v1/programs/:program_id/suggestions';
  const one = `${base}/:suggestion_id`;
  const ok = { 200: ZSuggestion, ...problemResponses };

  app.post(base, {
    config: { permission: 'suggestions.write' },
    schema: {
      tags, summary: 'Record a member\'s suggestion (with the channel it came by) or staff\'s own; status new',
      params: zProgramParams, body: ZSuggestionCreate, idempotencyKey: 'optional', response: { 201: ZSuggestion, ...problemResponses },
      description: 'Store staff record for their own store (the default). A retry with the same Idempotency-Key answers the first suggestion (header idempotent-replayed).',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'suggestions.write');
    const r = orProblem(await flows.submitSuggestion(req.params.program_id, req.body, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(r.status).send(r.body);
  });
  app.get(base, {
    config: { permission: 'suggestions.read' },
    schema: { tags, summary: 'Suggestions, newest first: by status, category, store, member, words', params: zProgramParams, querystring: ZSuggestionQuery, response: { 200: ZSuggestionPage, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'suggestions.read');
    return suggestions.list(req.params.program_id, req.query);
  });
  app.get(`/v1/programs/:program_id/suggestion-summary`, {
    config: { permission: 'suggestions.read' },
    schema: { tags, summary: 'How many suggestions per status, and the points adopting one pays its author now', params: zProgramParams, response: { 200: ZSuggestionSummary, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'suggestions.read');
    return flows.suggestionSummary(req.params.program_id);
  });
  app.get(one, {
    config: { permission: 'suggestions.read' },
    schema: { tags, summary: 'One suggestion with its supporters and history', params: ZSuggestionParams, response: { 200: ZSuggestionDetail, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'suggestions.read');
    return orProblem(await suggestions.get(req.params.program_id, req.params.suggestion_id));
  });
  app.post(`${one}/supporters`, {
    config: { permission: 'suggestions.write' },
    schema: {
      tags, summary: 'A member supports an open suggestion (once: a second time changes nothing, added: false)',
      params: ZSuggestionParams, body: ZSupportCreate, response: { 200: ZSuggestion.extend({ added: z.boolean() }), ...problemResponses },
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'suggestions.write');
    return orProblem(await flows.supportSuggestion(req.params.program_id, req.params.suggestion_id, req.body.member_id, actor));
  });
  app.post(`${one}/review`, { config: { permission: 'suggestions.manage' }, schema: { tags, summary: 'Start reviewing a new suggestion', params: ZSuggestionParams, response: ok } }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'suggestions.manage');
    return orProblem(await flows.reviewSuggestion(req.params.program_id, req.params.suggestion_id, actor));
  });
  app.post(`${one}/adopt`, {
    config: { permission: 'suggestions.manage' },
    schema: {
      tags, summary: 'Adopt: the member author is paid the suggestion_adopted event reward once, the author and every supporter are told',
      params: ZSuggestionParams, body: ZAdopt, response: ok,
      description: 'Adopting twice (or at once) adopts and pays once: the second is refused (suggestion_status). A staff author is paid nothing.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'suggestions.manage');
    return orProblem(await flows.adoptSuggestion(req.params.program_id, req.params.suggestion_id, req.body ?? {}, actor));
  });
  app.post(`${one}/decline`, {
    config: { permission: 'suggestions.manage' },
    schema: { tags, summary: 'Decline, with the reason the author is told', params: ZSuggestionParams, body: ZDecline, response: ok },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'suggestions.manage');
    return orProblem(await flows.declineSuggestion(req.params.program_id, req.params.suggestion_id, req.body.reason, actor));
  });
  app.post(`${one}/merge`, {
    config: { permission: 'suggestions.manage' },
    schema: {
      tags, summary: 'Mark a duplicate of another open suggestion: its supporters and author support the target, each member once',
      params: ZSuggestionParams, body: ZMerge, response: ok,
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'suggestions.manage');
    return orProblem(await flows.mergeSuggestion(req.params.program_id, req.params.suggestion_id, req.body.target_id, actor));
  });
  app.get('/v1/programs/:program_id/members/:member_id/suggestions', {
    config: { permission: 'suggestions.read' },
    schema: {
      tags, summary: 'The member\'s suggestions and the ones they support', params: z.strictObject({ program_id: zId('prg'), member_id: zId('mem') }),
      response: { 200: ZMemberSuggestions, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'suggestions.read');
    return suggestions.forMember(req.params.program_id, req.params.member_id);
  });

  const cats = '/v1/programs/:program_id/suggestion-categories';
  app.get(cats, {
    config: { permission: 'suggestions.read' },
    schema: { tags, summary: 'The program\'s suggestion categories', params: zProgramParams, response: { 200: z.object({ items: z.array(ZCategory) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'suggestions.read');
    return { items: await suggestions.categories(req.params.program_id) };
  });
  app.post(cats, {
    config: { permission: 'suggestions.manage' },
    schema: { tags, summary: 'Add a category', params: zProgramParams, body: ZCategoryCreate, response: { 201: ZCategory, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'suggestions.manage');
    return reply.code(201).send(orProblem(await suggestions.createCategory(req.params.program_id, req.body)));
  });
  app.patch(`${cats}/:category_id`, {
    config: { permission: 'suggestions.manage' },
    schema: { tags, summary: 'Rename a category, or stop using it for new suggestions (active: false)', params: ZCategoryParams, body: ZCategoryUpdate, response: { 200: ZCategory, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'suggestions.manage');
    return orProblem(await suggestions.updateCategory(req.params.program_id, req.params.category_id, req.body));
  });
}
