import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import type { ProgramService } from '../programs/index.ts';
import { renderExportHtml } from './export-html.ts';
import {
  ZRetentionRun, ZRetentionRunCreate, ZRetentionSettings, ZRetentionUpdate, ZRightsComplete, ZRightsCreate, ZRightsParams, ZRightsQuery, ZRightsRefuse, ZRightsRequest,
} from './rights.schema.ts';
import type { RightsService } from './rights.service.ts';

const ZMemberDataExport = z.object({
  program_id: z.string(), member_id: z.string(), generated_at: z.string(),
  sections: z.array(z.object({ table: z.string(), title: z.object({ zh: z.string(), en: z.string() }), rows: z.array(z.record(z.string(), z.unknown())) })),
}).meta({ id: 'MemberDataExport' });

type Flows = Pick<Workflows, 'completeRightsRequest' | 'memberDataExport' | 'runRetention'>;

export function rightsRoutes(app: App, rights: RightsService, programs: ProgramService, flows: Flows) {
  const tags = ['rights'];
  const base = '/v1/programs/:program_id/rights-requests';
  const one = `${base}/:request_id`;
  const ok = { 200: ZRightsRequest, ...problemResponses };

  app.post(base, {
    config: { permission: 'rights.manage' },
    schema: {
      tags, summary: 'File a data-rights request (copy, correction, deletion) for a member; its due date is the program\'s working days after receipt',
      params: zProgramParams, body: ZRightsCreate, response: { 201: ZRightsRequest, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'rights.manage');
    return reply.code(201).send(orProblem(await rights.create(req.params.program_id, req.body, actor)));
  });
  app.get(base, {
    config: { permission: 'privacy.read' },
    schema: { tags, summary: 'Data-rights requests, newest first: by status, kind, member, overdue', params: zProgramParams, querystring: ZRightsQuery, response: { 200: z.object({ items: z.array(ZRightsRequest) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.read');
    return { items: await rights.list(req.params.program_id, req.query) };
  });
  app.get(one, { config: { permission: 'privacy.read' }, schema: { tags, summary: 'One data-rights request', params: ZRightsParams, response: ok } }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.read');
    return orProblem(await rights.get(req.params.program_id, req.params.request_id));
  });
  app.post(`${one}/start`, { config: { permission: 'rights.manage' }, schema: { tags, summary: 'Start handling a received request', params: ZRightsParams, response: ok } }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'rights.manage');
    return orProblem(await rights.start(req.params.program_id, req.params.request_id, actor));
  });
  app.post(`${one}/complete`, {
    config: { permission: 'rights.manage' },
    schema: {
      tags, summary: 'Carry out a request: a copy is made downloadable, a correction applied, a deletion erases the member\'s personal data (ledger and purchase totals stay)',
      params: ZRightsParams, body: ZRightsComplete, response: ok,
      description: 'A deletion needs confirm_erasure: true and is refused (rights_blocked) while the member holds an active paid membership or a redemption not yet fulfilled or cancelled.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'rights.manage');
    return orProblem(await flows.completeRightsRequest(req.params.program_id, req.params.request_id, req.body, actor));
  });
  app.post(`${one}/refuse`, {
    config: { permission: 'rights.manage' },
    schema: { tags, summary: 'Refuse an open request with one of the fixed reasons and a text the member is told', params: ZRightsParams, body: ZRightsRefuse, response: ok },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'rights.manage');
    return orProblem(await rights.refuse(req.params.program_id, req.params.request_id, req.body.reason, req.body.text, actor));
  });
  app.get(`${one}/export.json`, {
    config: { permission: 'rights.manage' },
    schema: { tags, summary: 'The member\'s copy of all their data (JSON, personal data in clear), made now', params: ZRightsParams, response: { 200: ZMemberDataExport, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'rights.manage');
    const r = orProblem(await rights.exportable(req.params.program_id, req.params.request_id));
    const data = await flows.memberDataExport(req.params.program_id, r.member_id);
    return reply.header('content-disposition', `attachment; filename="member-data-${r.member_id}.json"`).send(data);
  });
  app.get(`${one}/export.html`, {
    config: { permission: 'rights.manage' },
    schema: {
      tags, summary: 'The member\'s copy as a readable, printable document (zh)', params: ZRightsParams,
      response: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } }, ...problemResponses },
    },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'rights.manage');
    const r = orProblem(await rights.exportable(req.params.program_id, req.params.request_id));
    const program = orProblem(await programs.get(req.params.program_id));
    const html = renderExportHtml(await flows.memberDataExport(req.params.program_id, r.member_id), program.name);
    return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="member-data-${r.member_id}.html"`).send(html);
  });

  const retention = '/v1/programs/:program_id/retention';
  app.get(retention, {
    config: { permission: 'privacy.read' },
    schema: { tags, summary: 'The request deadline and the retention period of each kind of data (the program\'s, else the default)', params: zProgramParams, response: { 200: ZRetentionSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.read');
    const { periods: _, ...s } = await rights.settings(req.params.program_id);
    return s;
  });
  app.patch(retention, {
    config: { permission: 'privacy.manage' },
    schema: { tags, summary: 'Change the request deadline or retention periods', params: zProgramParams, body: ZRetentionUpdate, response: { 200: ZRetentionSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.manage');
    const { periods: _, ...s } = await rights.updateSettings(req.params.program_id, req.body);
    return s;
  });
  app.get(`${retention}/runs`, {
    config: { permission: 'privacy.read' },
    schema: { tags, summary: 'Retention runs, newest first, with what each did per kind of data', params: zProgramParams, response: { 200: z.object({ items: z.array(ZRetentionRun) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.read');
    return { items: await rights.runs(req.params.program_id) };
  });
  app.post(`${retention}/runs`, {
    config: { permission: 'privacy.manage' },
    schema: {
      tags, summary: 'Run retention for this program as of a day: delete or anonymise what is past its period (dry_run, the default: count only)',
      params: zProgramParams, body: ZRetentionRunCreate, response: { 201: ZRetentionRun, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'privacy.manage');
    const runs = orProblem(await flows.runRetention({ programId: req.params.program_id, asOf: req.body.as_of, dryRun: req.body.dry_run, actor }));
    return reply.code(201).send(runs[0]!);
  });
}
