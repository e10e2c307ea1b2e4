import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { problemResponses } from '../../platform/schema.ts';
import { ZAuditFacets, ZAuditFilter, ZAuditPage, ZAuditQuery, ZAuditVerify, zAuditParams, type TAuditRecord } from './audit.schema.ts';
import type { AuditService } from './audit.service.ts';
import type { AuditRow } from './audit.table.ts';

export const toRecord = (r: AuditRow): TAuditRecord => ({
  seq: Number(r.seq), id: r.id, at: r.at.toISOString(), actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role },
  ip: r.ip, user_agent: r.user_agent, action: r.action, summary: r.summary, entity: r.entity, entity_id: r.entity_id, status: r.status,
  request: r.request ?? null, before: r.before ?? null, after: r.after ?? null, prev_hash: r.prev_hash, hash: r.hash,
});

const CSV_COLUMNS = ['seq', 'at', 'actor_id', 'actor_name', 'actor_role', 'ip', 'action', 'summary', 'entity', 'entity_id', 'status', 'before', 'after', 'hash'] as const;
// a cell a spreadsheet would run as a formula is prefixed with ' (CSV injection)
const cell = (v: unknown) => {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csvLine = (r: AuditRow) => {
  const o: Record<(typeof CSV_COLUMNS)[number], unknown> = { ...r, at: r.at.toISOString() };
  return CSV_COLUMNS.map((c) => cell(o[c])).join(',');
};

export function auditRoutes(app: App, audit: AuditService) {
  const tags = ['audit'];
  const base = '/v1/programs/:program_id/audit';
  app.get(base, {
    config: { permission: 'audit.read' },
    schema: { tags, summary: 'The audit log, newest first: who changed what, when, from where, before and after', params: zAuditParams, querystring: ZAuditQuery, response: { 200: ZAuditPage, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'audit.read');
    const { limit, cursor, ...filter } = req.query;
    const page = await audit.list(req.params.program_id, filter, limit, cursor === undefined ? undefined : Number(cursor));
    return { items: page.items.map(toRecord), next_cursor: page.next_cursor };
  });
  app.get(`${base}/export`, {
    config: { permission: 'audit.read' },
    schema: {
      tags, summary: 'The audit log as CSV (UTF-8 with BOM, oldest first), with the same filters', params: zAuditParams, querystring: ZAuditFilter,
      response: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses },
    },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'audit.read');
    const lines = [`\uFEFF${CSV_COLUMNS.join(',')}`];
    for await (const rows of audit.all(req.params.program_id, req.query)) for (const r of rows) lines.push(csvLine(r));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${req.params.program_id}.csv"`).send(`${lines.join('\r\n')}\r\n`);
  });
  app.get(`${base}/verify`, {
    config: { permission: 'audit.read' },
    schema: { tags, summary: 'Checks the program\'s audit chain from its first record: intact, or where it first breaks', params: zAuditParams, response: { 200: ZAuditVerify, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'audit.read');
    const r = await audit.verify(req.params.program_id);
    return { ...r, intact: r.broken === null };
  });
  app.get(`${base}/facets`, {
    config: { permission: 'audit.read' },
    schema: { tags, summary: 'The entities and actors in the audit log (the console\'s filters)', params: zAuditParams, response: { 200: ZAuditFacets, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'audit.read');
    return audit.facets(req.params.program_id);
  });
}
