import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import {
  ZPreview, ZPreviewRequest, ZSampleQuery, ZSegment, ZSegmentCreate, ZSegmentListQuery, ZSegmentParams, ZSegmentRun, ZSegmentSample, ZSegmentUpdate,
} from './segment.schema.ts';
import type { SegmentService } from './segment.service.ts';

export function segmentRoutes(app: App, segments: SegmentService) {
  const tags = ['segments'];
  const base = '/v1/programs/:program_id/segments';

  app.get(base, {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: 'List segments with their size and freshness', params: zProgramParams, querystring: ZSegmentListQuery, response: { 200: z.object({ items: z.array(ZSegment) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    return { items: await segments.list(req.params.program_id, req.query.status) };
  });

  app.post(base, {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: 'Create a segment; its members are computed at once', params: zProgramParams, body: ZSegmentCreate, idempotencyKey: 'optional',
      response: { 201: ZSegment, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'campaigns.manage');
    const r = orProblem(await segments.create(req.params.program_id, req.body, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(r.body);
  });

  app.post(`${base}/preview`, {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: 'Size and sample of an unsaved definition, computed now', params: zProgramParams, body: ZPreviewRequest,
      description: 'Member attributes (tier, status, consent, birthday, enrolment) are read as they are now; purchase figures (spend, visits, last purchase, RFM) as of stats_refreshed_at. Writes nothing.',
      response: { 200: ZPreview, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.manage');
    return orProblem(await segments.preview(req.params.program_id, req.body.conditions, req.body.limit));
  });

  app.post('/v1/programs/:program_id/jobs/segments', {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: 'Run the segments job now: every member\'s purchase figures and RFM scores, then every active segment', params: zProgramParams,
      description: 'The same work the scheduler does every 10 minutes, for this program.',
      response: { 200: ZSegmentRun, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.manage');
    return orProblem(await segments.run(req.params.program_id));
  });

  app.get(`${base}/:segment_id`, {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: 'Read a segment: definition, size, freshness', params: ZSegmentParams, response: { 200: ZSegment, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    return orProblem(await segments.get(req.params.program_id, req.params.segment_id));
  });

  app.patch(`${base}/:segment_id`, {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: 'Rename or redefine a segment; new conditions recompute its members at once', params: ZSegmentParams, body: ZSegmentUpdate, idempotencyKey: 'optional',
      response: { 200: ZSegment, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'campaigns.manage');
    const r = orProblem(await segments.update(req.params.program_id, req.params.segment_id, req.body, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return r.body;
  });

  app.post(`${base}/:segment_id/archive`, {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: 'Archive a segment: no longer refreshed; its members leave it now, their history stays', params: ZSegmentParams, idempotencyKey: 'optional',
      response: { 200: ZSegment, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'campaigns.manage');
    const r = orProblem(await segments.archive(req.params.program_id, req.params.segment_id, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return r.body;
  });

  app.post(`${base}/:segment_id/refresh`, {
    config: { permission: 'campaigns.manage' },
    schema: { tags, summary: 'Recompute a segment\'s members now (from the purchase figures as of the last job)', params: ZSegmentParams, response: { 200: ZSegment, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.manage');
    return orProblem(await segments.refresh(req.params.program_id, req.params.segment_id));
  });

  app.get(`${base}/:segment_id/members`, {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: 'A sample of the segment\'s current members (newest joiners first), phones masked', params: ZSegmentParams, querystring: ZSampleQuery, response: { 200: ZSegmentSample, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    return orProblem(await segments.sample(req.params.program_id, req.params.segment_id, req.query.limit));
  });
}
