import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import type { Workflows } from '../../workflows/index.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import { ZMember, ZMemberCreate, ZMemberParams, ZMemberQuery, ZMemberUpdate, ZStatusChange } from './member.schema.ts';
import type { MemberService } from './member.service.ts';

export function memberRoutes(app: App, members: MemberService, flows: Pick<Workflows, 'enrolMember' | 'changeMemberStatus' | 'updateMember'>) {
  const tags = ['members'];
  app.post('/v1/programs/:program_id/members', {
    config: { permission: 'members.write' },
    schema: { tags, summary: 'Enrol a member', params: zProgramParams, body: ZMemberCreate, response: { 201: ZMember, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'members.write');
    return reply.code(201).send(orProblem(await flows.enrolMember(req.params.program_id, req.body, actor)));
  });

  app.get('/v1/programs/:program_id/members', {
    config: { permission: 'members.read' },
    schema: { tags, summary: 'Find members by phone, member number or name', params: zProgramParams, querystring: ZMemberQuery, response: { 200: z.object({ items: z.array(ZMember) }), ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'members.read');
    return { items: await members.find(req.params.program_id, req.query, actor) };
  });

  app.get('/v1/programs/:program_id/members/:member_id', {
    config: { permission: 'members.read' },
    schema: { tags, summary: 'Read a member', params: ZMemberParams, response: { 200: ZMember, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'members.read');
    return orProblem(await members.get(req.params.program_id, req.params.member_id, actor));
  });

  app.patch('/v1/programs/:program_id/members/:member_id', {
    config: { permission: 'members.write' },
    schema: { tags, summary: 'Update a member', params: ZMemberParams, body: ZMemberUpdate, response: { 200: ZMember, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'members.write');
    return orProblem(await flows.updateMember(req.params.program_id, req.params.member_id, req.body, actor));
  });

  for (const move of ['suspend', 'reactivate', 'terminate'] as const) {
    app.post(`/v1/programs/:program_id/members/:member_id/${move}`, {
    config: { permission: 'members.status' },
      schema: { tags, summary: `${move[0]!.toUpperCase()}${move.slice(1)} a member, with a reason`, params: ZMemberParams, body: ZStatusChange, response: { 200: ZMember, ...problemResponses } },
    }, async (req) => {
      const actor = authorize(req, req.params.program_id, 'members.status');
      return orProblem(await flows.changeMemberStatus(req.params.program_id, req.params.member_id, move, req.body.reason, actor));
    });
  }
}
