import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import { ZStore, ZStoreCreate, ZStoreParams, ZStoreUpdate } from './store.schema.ts';
import type { StoreService } from './store.service.ts';

export function storeRoutes(app: App, stores: StoreService) {
  const tags = ['stores'];
  app.post('/v1/programs/:program_id/stores', {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Create a store', params: zProgramParams, body: ZStoreCreate, response: { 201: ZStore, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'program.manage');
    return reply.code(201).send(orProblem(await stores.create(req.params.program_id, req.body)));
  });
  app.get('/v1/programs/:program_id/stores', {
    config: { permission: 'program.read' },
    schema: { tags, summary: 'List stores', params: zProgramParams, response: { 200: z.object({ items: z.array(ZStore) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return { items: await stores.list(req.params.program_id) };
  });
  app.get('/v1/programs/:program_id/stores/:store_id', {
    config: { permission: 'program.read' },
    schema: { tags, summary: 'Read a store', params: ZStoreParams, response: { 200: ZStore, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return orProblem(await stores.get(req.params.program_id, req.params.store_id));
  });
  app.patch('/v1/programs/:program_id/stores/:store_id', {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Update a store', params: ZStoreParams, body: ZStoreUpdate, response: { 200: ZStore, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return orProblem(await stores.update(req.params.program_id, req.params.store_id, req.body));
  });
}
