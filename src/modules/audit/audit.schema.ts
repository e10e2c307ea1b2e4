import { z } from 'zod';
import { zDateTime, zProgramParams, zText } from '../../platform/schema.ts';

export const ZAuditRecord = z.object({
  seq: z.number().int().describe('Position in the program\'s chain, from 1'),
  id: z.string(),
  at: z.string().describe('When the change was made'),
  actor: z.object({ id: z.string(), name: z.string(), role: z.string() }).describe('The API key (later the staff account) that made it'),
  ip: z.string().nullable().describe('Where the request came from'),
  user_agent: z.string().nullable(),
  action: z.string().describe('Method and route, e.g. PATCH /v1/programs/{program_id}/rules/{rule_id}'),
  summary: z.string().describe('What the operation does, in words'),
  entity: z.string().describe('What kind of thing changed: rules, tiers, members…'),
  entity_id: z.string().nullable(),
  status: z.number().int().nullable().describe('The answer\'s HTTP status'),
  request: z.unknown().describe('The request body, personal data masked and secrets removed'),
  before: z.unknown().describe('The resource before the change (updates and removals), masked'),
  after: z.unknown().describe('The resource after it, masked'),
  prev_hash: z.string().describe('sha256 of the record before in the chain'),
  hash: z.string().describe('sha256 of this record\'s canonical content and prev_hash'),
}).meta({ id: 'AuditRecord' });
export type TAuditRecord = z.infer<typeof ZAuditRecord>;

export const ZAuditFilter = z.strictObject({
  actor: zText(120).optional().describe('An actor\'s id or name'),
  entity: zText(60).optional(),
  entity_id: zText(60).optional(),
  from: zDateTime.optional().describe('From this instant (inclusive)'),
  to: zDateTime.optional().describe('Before this instant'),
  q: zText(100).optional().describe('Words in the summary or action'),
});
export const ZAuditQuery = ZAuditFilter.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,18}$/).optional().describe('next_cursor of the page before'),
});

export const ZAuditPage = z.object({ items: z.array(ZAuditRecord), next_cursor: z.string().nullable() }).meta({ id: 'AuditPage' });

export const ZAuditVerify = z.object({
  chain: z.string(),
  records: z.number().int().describe('Records verified before the first break (all of them when intact)'),
  intact: z.boolean(),
  broken: z.object({
    seq: z.number().int(), id: z.string().nullable(),
    reason: z.enum(['hash', 'link', 'gap', 'head']).describe('hash: the record was altered; link: its prev_hash is not the hash before (a record removed or inserted); gap: a seq is missing; head: the newest records were removed'),
  }).nullable(),
}).meta({ id: 'AuditVerify' });

export const ZAuditFacets = z.object({
  entities: z.array(z.string()),
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
}).meta({ id: 'AuditFacets' });

export const zAuditParams = zProgramParams;
