import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZAcceptanceCreate, ZAcceptanceResult, ZConsentCreate, ZConsentResult, ZMemberParams, ZMemberPrivacy, ZPolicy, ZPolicyCreate, ZPolicyListQuery,
  ZPolicyParams, ZPolicyUpdate,
} from './privacy.schema.ts';
import type { PrivacyService } from './privacy.service.ts';

type Flows = Pick<Workflows, 'recordConsent' | 'acceptPolicy' | 'memberPrivacy'>;

export function privacyRoutes(app: App, privacy: PrivacyService, flows: Flows) {
  const tags = ['privacy'];
  const base = '/v1/programs/:program_id/policies';
  app.get(base, {
    config: { permission: 'privacy.read' },
    schema: { tags, summary: 'Policy documents: every version of each kind (drafts first, then newest first), with how many members accepted each', params: zProgramParams, querystring: ZPolicyListQuery, response: { 200: z.object({ items: z.array(ZPolicy) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.read');
    return { items: await privacy.policies(req.params.program_id, req.query) };
  });
  app.get(`${base}/in-force`, {
    config: { permission: 'privacy.read' },
    schema: { tags, summary: 'The versions in force, one per kind that has one', params: zProgramParams, response: { 200: z.object({ items: z.array(ZPolicy) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.read');
    return { items: await privacy.inForce(req.params.program_id) };
  });
  app.post(base, {
    config: { permission: 'privacy.manage' },
    schema: { tags, summary: 'Write a draft of a policy document (its version is assigned when it is published)', params: zProgramParams, body: ZPolicyCreate, response: { 201: ZPolicy, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'privacy.manage');
    return reply.code(201).send(await privacy.createDraft(req.params.program_id, req.body, actor));
  });
  app.get(`${base}/:document_id`, {
    config: { permission: 'privacy.read' },
    schema: { tags, summary: 'A policy document version', params: ZPolicyParams, response: { 200: ZPolicy, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.read');
    return orProblem(await privacy.policy(req.params.program_id, req.params.document_id));
  });
  app.patch(`${base}/:document_id`, {
    config: { permission: 'privacy.manage' },
    schema: { tags, summary: 'Edit a draft (a published version never changes)', params: ZPolicyParams, body: ZPolicyUpdate, response: { 200: ZPolicy, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'privacy.manage');
    return orProblem(await privacy.updateDraft(req.params.program_id, req.params.document_id, req.body));
  });
  app.post(`${base}/:document_id/publish`, {
    config: { permission: 'privacy.manage' },
    schema: {
      tags, summary: 'Publish a draft as the next version: it is in force from now, the previous version is superseded, and every member is asked to accept it at their next visit',
      params: ZPolicyParams, response: { 200: ZPolicy, ...problemResponses },
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'privacy.manage');
    return orProblem(await privacy.publish(req.params.program_id, req.params.document_id, actor));
  });

  const member = '/v1/programs/:program_id/members/:member_id';
  app.get(`${member}/privacy`, {
    config: { permission: 'members.read' },
    schema: {
      tags, summary: 'A member\'s consent per purpose, the policy versions to accept at this visit, and both histories', params: ZMemberParams, response: { 200: ZMemberPrivacy, ...problemResponses },
      description: 'Needs members.read: whoever serves the member (a till included) sees what to ask at this visit.',
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'members.read');
    return orProblem(await flows.memberPrivacy(req.params.program_id, req.params.member_id));
  });
  app.post(`${member}/policy-acceptances`, {
    config: { permission: 'consents.write' },
    schema: {
      tags, summary: 'Record that the member accepted a policy version in force (recording it again changes nothing)', params: ZMemberParams, body: ZAcceptanceCreate,
      response: { 200: ZAcceptanceResult, ...problemResponses },
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'consents.write');
    return orProblem(await flows.acceptPolicy(req.params.program_id, req.params.member_id, req.body, actor));
  });
  app.post(`${member}/consents`, {
    config: { permission: 'consents.write' },
    schema: {
      tags, summary: 'Record a consent given or withdrawn, with the privacy policy version in force (a consent that already stands so adds nothing)', params: ZMemberParams,
      body: ZConsentCreate, response: { 200: ZConsentResult, ...problemResponses },
      description: 'Marketing consent is what segments and sends read: a withdrawal takes the member out of the segments that target marketing at once. Sensitive consent (PIPL art. 29) names its scope.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'consents.write');
    return orProblem(await flows.recordConsent(req.params.program_id, req.params.member_id, req.body, actor));
  });
}
