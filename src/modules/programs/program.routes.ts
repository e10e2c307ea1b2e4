import { z } from 'zod';
import { authorize, principalOf, requireBootstrap } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import { ZActorQuery, ZNamedActor, ZProgram, ZProgramCreate, ZProgramOverview, ZProgramUpdate } from './program.schema.ts';
import type { ProgramService } from './program.service.ts';
import type { Workflows } from '../../workflows/index.ts';

export function programRoutes(app: App, programs: ProgramService, flows: Pick<Workflows, 'programOverview' | 'nameActors'>) {
  const tags = ['programs'];
  app.post('/v1/programs', {
    config: { access: 'self' },
    schema: { tags, summary: 'Create a program (bootstrap key)', body: ZProgramCreate, response: { 201: ZProgram, ...problemResponses } },
  }, async (req, reply) => {
    requireBootstrap(req);
    return reply.code(201).send(await programs.create(req.body));
  });

  app.get('/v1/programs', {
    config: { access: 'self' },
    schema: { tags, summary: 'Programs this key can see', response: { 200: z.object({ items: z.array(ZProgram) }), ...problemResponses } },
  }, async (req) => {
    const p = principalOf(req);
    return { items: await programs.list(p.role === 'bootstrap' ? undefined : [p.programId!]) };
  });

  app.get('/v1/programs/:program_id', {
    // the program's own record (its name for the console's header) is no secret to a member of staff changing a reset password
    config: { permission: 'program.read', duringPasswordChange: true },
    schema: { tags, summary: 'Read a program', params: zProgramParams, response: { 200: ZProgram, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return orProblem(await programs.get(req.params.program_id));
  });

  app.patch('/v1/programs/:program_id', {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Update a program', params: zProgramParams, body: ZProgramUpdate, response: { 200: ZProgram, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return orProblem(await programs.update(req.params.program_id, req.body));
  });

  app.get('/v1/programs/:program_id/overview', {
    config: { permission: 'reports.read' },
    schema: {
      tags, summary: 'The program\'s key figures: members (all, active, enrolled today, bought in 90 days), points outstanding, purchases today and over 30 days (kept a minute)',
      params: zProgramParams, response: { 200: ZProgramOverview, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'reports.read');
    return orProblem(await flows.programOverview(req.params.program_id));
  });

  app.get('/v1/programs/:program_id/actors', {
    // names only, and to everyone who sees the program: a cashier sees which colleague or till made
    // a statement entry, as the screens that show actors (statement, tier history, VIP, calendar…) need
    config: { permission: 'program.read' },
    schema: {
      tags, summary: 'Name actor ids (staff accounts, API keys, the system) as rows record them in actor and *_by fields; ids not of this program are unknown',
      params: zProgramParams, querystring: ZActorQuery, response: { 200: z.object({ items: z.array(ZNamedActor) }), ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return { items: await flows.nameActors(req.params.program_id, req.query.ids) };
  });
}
