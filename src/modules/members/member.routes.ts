import { authorize, principalOf } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import type { Workflows } from '../../workflows/index.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import { ZMember, ZMemberCreate, ZMemberPage, ZMemberParams, ZMemberQuery, ZMemberUpdate, ZReveal, ZRevealed, ZStatusChange } from './member.schema.ts';
import type { MemberService } from './member.service.ts';
import { ZTerminate, ZTerminated, ZTerminationSettlement, type TTerminated } from './member.termination.schema.ts';

export function memberRoutes(app: App, members: MemberService, flows: Pick<Workflows, 'enrolMember' | 'changeMemberStatus' | 'terminationPreview' | 'updateMember' | 'revealMember' | 'recordRefusedReveal'>) {
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
    schema: {
      tags, summary: 'List members (newest enrolled first, filtered), or find them by phone, e-mail, member number or name', params: zProgramParams, querystring: ZMemberQuery,
      response: { 200: ZMemberPage, ...problemResponses },
      description: 'With phone, email, member_no or q: the members matching it. Without: the program\'s members. Either way newest enrolled first, '
        + 'narrowed by status, tier_id and enrolled_from/enrolled_to (local dates in the program\'s time zone, both inclusive), paged by cursor '
        + '(next_cursor is null on the last page). Erased members are listed as terminated with erased: true and their data gone. Personal data masked unless pii.read.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'members.read');
    return orProblem(await members.browse(req.params.program_id, req.query, actor));
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

  app.post('/v1/programs/:program_id/members/:member_id/reveal', {
    // the reveal writes its own audit record (fields and purpose, not the values) with the read;
    // a refused attempt is recorded too, before the 403
    config: {
      audit: false, permission: 'pii.reveal',
      onRefused: async (req) => {
        const { program_id: programId, member_id: memberId } = req.params as { program_id: string; member_id: string };
        await flows.recordRefusedReveal(programId, String(memberId).slice(0, 64), req.body, principalOf(req), { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      },
    },
    schema: {
      tags, summary: 'Reveal a member\'s personal data, stating the purpose (audited)', params: ZMemberParams, body: ZReveal, response: { 200: ZRevealed, ...problemResponses },
      description: 'Answers the named fields in clear and records the reveal (who, which fields, the purpose and note; never the values) in the audit log. '
        + 'Needs pii.reveal; a caller of the program without it gets 403 and the refused attempt is recorded too (member.reveal.refused).',
    },
  }, async (req) => {
    const { program_id: programId, member_id: memberId } = req.params;
    const actor = authorize(req, programId, 'pii.reveal');
    return orProblem(await flows.revealMember(programId, memberId, req.body, actor, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null }));
  });

  for (const move of ['suspend', 'reactivate'] as const) {
    app.post(`/v1/programs/:program_id/members/:member_id/${move}`, {
      config: { permission: 'members.status' },
      schema: { tags, summary: `${move[0]!.toUpperCase()}${move.slice(1)} a member, with a reason`, params: ZMemberParams, body: ZStatusChange, response: { 200: ZMember, ...problemResponses } },
    }, async (req) => {
      const actor = authorize(req, req.params.program_id, 'members.status');
      return orProblem(await flows.changeMemberStatus(req.params.program_id, req.params.member_id, move, req.body.reason, actor));
    });
  }

  app.post('/v1/programs/:program_id/members/:member_id/terminate', {
    config: { permission: 'members.status' },
    schema: {
      tags, summary: 'Terminate a member (合同终止), with a reason: settles what the member holds', params: ZMemberParams, body: ZTerminate,
      response: { 200: ZTerminated, ...problemResponses },
      description: 'In one transaction: unused coupons voided, redemptions not yet fulfilled cancelled (their points back first), every open point forfeited, '
        + 'a corporate VIP seat released (its tier floor withdrawn) or a personal VIP membership ended (with vip_refund when it refunds money). '
        + 'Open service cases stay open. The answer is the member with `settled`; a second termination is refused (409) and settles nothing.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'members.status');
    const done = await flows.changeMemberStatus(req.params.program_id, req.params.member_id, 'terminate', req.body.reason, actor, req.body.vip_refund);
    return orProblem(done) as TTerminated;
  });

  app.get('/v1/programs/:program_id/members/:member_id/termination-preview', {
    config: { permission: 'members.status' },
    schema: {
      tags, summary: 'What terminating the member now would settle (read-only)', params: ZMemberParams, response: { 200: ZTerminationSettlement, ...problemResponses },
      description: 'The figures the termination would report: points forfeited, coupons voided, redemptions cancelled, the VIP seat or membership, open cases. '
        + 'A member who cannot be terminated (already terminated) gets the same 409 as the termination.',
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'members.status');
    return orProblem(await flows.terminationPreview(req.params.program_id, req.params.member_id));
  });
}
