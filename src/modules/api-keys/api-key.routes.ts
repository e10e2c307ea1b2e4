import { z } from 'zod';
import { authorize, principalOf } from '../../platform/auth.ts';
import { meOf, ZMe } from '../../platform/me.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zId, zProgramParams, zText } from '../../platform/schema.ts';
import type { ApiKeyService } from './api-key.service.ts';

const ZKey = z.object({
  id: z.string(), name: z.string(), role: z.enum(['bootstrap', 'admin', 'pos']).describe('A program\'s keys are admin or pos'), store_id: z.string().nullable().describe('A pos key\'s store'),
  prefix: z.string().describe('The key\'s first 12 characters, to recognise it by'),
  created_at: z.string(), revoked_at: z.string().nullable().describe('When it was revoked; a revoked key answers 401'),
}).meta({ id: 'ApiKey' });
const ZKeyCreate = z.strictObject({ name: zText(100), role: z.enum(['admin', 'pos']), store_id: zId('sto').nullable().optional().describe('Required for a pos key, not allowed for an admin key') })
  .meta({ id: 'ApiKeyCreate' });
const ZKeyCreated = ZKey.extend({ key: z.string().describe('The key itself: shown once, only here') }).meta({ id: 'ApiKeyCreated' });

export function apiKeyRoutes(app: App, keys: ApiKeyService) {
  const tags = ['api keys'];
  app.get('/v1/me', {
    config: { access: 'self', duringPasswordChange: true },
    schema: {
      tags, summary: 'The caller: key or staff member, role and permissions',
      response: { 200: ZMe, ...problemResponses },
    },
  }, async (req) => {
    return meOf(principalOf(req));
  });
  app.post('/v1/programs/:program_id/api-keys', {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Create an API key (the key is shown once)', params: zProgramParams, body: ZKeyCreate, response: { 201: ZKeyCreated, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'program.manage');
    return reply.code(201).send(orProblem(await keys.create(req.params.program_id, req.body)));
  });
  app.get('/v1/programs/:program_id/api-keys', {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'List API keys', params: zProgramParams, response: { 200: z.object({ items: z.array(ZKey) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return { items: await keys.list(req.params.program_id) };
  });
  app.delete('/v1/programs/:program_id/api-keys/:key_id', {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Revoke an API key', params: z.strictObject({ program_id: zId('prg'), key_id: zId('key') }), response: { 204: z.null().describe("Revoked: the key answers 401 from now on"), ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'program.manage');
    orProblem(await keys.revoke(req.params.program_id, req.params.key_id));
    return reply.code(204).send(undefined as never);
  });
}
