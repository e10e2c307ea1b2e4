import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';

import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import {
  ZMessage, ZMessagePage, ZMessageQuery, ZPreview, ZPreviewRequest, ZTemplate, ZTemplateCreate, ZTemplateList, ZTemplateUpdate,
  zMemberParams, zMessageParams, zTemplateParams,
} from './notification.schema.ts';
import type { NotificationService } from './notification.service.ts';

export function notificationRoutes(app: App, notifications: NotificationService) {
  const tags = ['notifications'];
  const base = '/v1/programs/:program_id/notifications';
  app.get(`${base}/templates`, {
    config: { permission: 'program.read' },
    schema: { tags, summary: 'The notification templates, and the variables each event offers', params: zProgramParams, response: { 200: ZTemplateList, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return notifications.templates(req.params.program_id);
  });
  app.post(`${base}/templates`, {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Add a template for an event, channel and language', params: zProgramParams, body: ZTemplateCreate, response: { 201: ZTemplate, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'program.manage');
    return reply.code(201).send(orProblem(await notifications.createTemplate(req.params.program_id, req.body)));
  });
  app.patch(`${base}/templates/:template_id`, {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Change a template (wording, kind, active)', params: zTemplateParams, body: ZTemplateUpdate, response: { 200: ZTemplate, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return orProblem(await notifications.updateTemplate(req.params.program_id, req.params.template_id, req.body));
  });
  app.delete(`${base}/templates/:template_id`, {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Delete a template (members who read its language then get the other language\'s on that channel, if there is one)', params: zTemplateParams, response: { 200: z.object({ deleted: z.literal(true) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return orProblem(await notifications.deleteTemplate(req.params.program_id, req.params.template_id));
  });
  app.post(`${base}/templates/preview`, {
    config: { permission: 'program.read' },
    schema: { tags, summary: 'Render a template text with sample (or given) values: what a member would read', params: zProgramParams, body: ZPreviewRequest, response: { 200: ZPreview, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return orProblem(notifications.preview(req.body));
  });
  app.get(`${base}/messages`, {
    config: { permission: 'members.read' },
    schema: { tags, summary: 'Every message sent or tried, newest first, by member, status and channel (recipients masked)', params: zProgramParams, querystring: ZMessageQuery, response: { 200: ZMessagePage, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'members.read');
    return notifications.messages(req.params.program_id, req.query);
  });
  app.post(`${base}/messages/:message_id/resend`, {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Send a failed message again now, with a fresh round of attempts', params: zMessageParams, response: { 200: ZMessage, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return orProblem(await notifications.resend(req.params.program_id, req.params.message_id));
  });
  app.get('/v1/programs/:program_id/members/:member_id/messages', {
    config: { permission: 'members.read' },
    schema: { tags, summary: 'The messages sent to one member, newest first', params: zMemberParams, querystring: ZMessageQuery.omit({ member_id: true }), response: { 200: ZMessagePage, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'members.read');
    return notifications.messages(req.params.program_id, { ...req.query, member_id: req.params.member_id });
  });
}
