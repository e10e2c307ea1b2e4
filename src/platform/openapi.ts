import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KEY_RE } from './idempotency.ts';
import { PROBLEM_MEDIA_TYPE, problemDescription } from './schema.ts';

// The OpenAPI document says what the server does. Zod schemas give the shapes; these two
// steps add what the schemas cannot say: the Idempotency-Key header (read by the handler,
// not validated by Fastify, so that its problem answer stays the handler's), a body that
// may be left out, the 413/415 answers of any request body, and named components only.

declare module 'fastify' {
  interface FastifySchema {
    /** Documents the Idempotency-Key request header; the handler reads and checks it (platform/http.ts). */
    idempotencyKey?: 'required' | 'optional';
  }
}

type Json = Record<string, unknown>;

const IDEMPOTENCY = 'x-patron-idempotency-key';
const OPTIONAL_BODY = 'x-patron-optional-body';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SCHEMAS = '#/components/schemas/';

const REASONS: Record<string, string> = { 200: 'OK', 201: 'Created', 204: 'No Content' };

const problemJson = (status: number) => ({
  description: problemDescription(status),
  content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `${SCHEMAS}Problem` } } },
});

/** Per route: zod → JSON Schema, then the markers and answers described above. */
export const openApiTransform: SwaggerTransform = (input) => {
  const source = input.schema;
  const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const schema = out.schema as Json;
  if (!source || schema.hide) return out;
  delete schema.idempotencyKey;
  if (source.idempotencyKey) schema[IDEMPOTENCY] = source.idempotencyKey;
  if (source.body instanceof z.ZodType && source.body.safeParse(undefined).success) schema[OPTIONAL_BODY] = true;
  const methods = [input.route.method].flat();
  const response = schema.response as Record<string, unknown> | undefined;
  if (response && methods.some((m) => BODY_METHODS.has(m))) {
    // Fastify's body parsing answers these before any handler runs
    response['413'] ??= problemJson(413);
    response['415'] ??= problemJson(415);
  }
  return out;
};

const operations = (doc: Json) =>
  Object.values((doc.paths ?? {}) as Record<string, Record<string, Json>>).flatMap((item) => Object.values(item));

function collectRefs(value: unknown, into: Set<string>) {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(SCHEMAS)) into.add(v.slice(SCHEMAS.length));
      else collectRefs(v, into);
    }
  }
}

/** Whole document: named components (only those used, sorted), then the route markers made real. */
export const openApiTransformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as Json;
  for (const op of operations(doc)) {
    const idem = op[IDEMPOTENCY] as 'required' | 'optional' | undefined;
    delete op[IDEMPOTENCY];
    if (idem) {
      op.parameters = [...((op.parameters as unknown[] | undefined) ?? []), {
        in: 'header', name: 'Idempotency-Key', required: idem === 'required',
        description: idem === 'required'
          ? 'Required (without it: 400 idempotency_key_required). A retry with the same key and body gets the first answer again; the same key with another body is a 409 idempotency_conflict.'
          : 'Optional. With a key, a retry with the same key and body gets the first answer again; the same key with another body is a 409 idempotency_conflict.',
        schema: { type: 'string', pattern: KEY_RE.source, minLength: 1, maxLength: 128 },
      }];
      for (const [status, res] of Object.entries(op.responses as Record<string, Json>)) {
        if (!status.startsWith('2')) continue;
        res.headers = {
          'Idempotent-Replayed': { description: 'true when this is the stored answer to an earlier request with the same key', schema: { type: 'string', enum: ['true'] } },
        };
      }
    }
    for (const [status, res] of Object.entries(op.responses as Record<string, Json>)) {
      if (res.description === 'Default Response' && REASONS[status]) res.description = REASONS[status];
    }
    if (op[OPTIONAL_BODY]) {
      delete op[OPTIONAL_BODY];
      if (op.requestBody) (op.requestBody as Json).required = false;
    }
  }
  const components = doc.components as { schemas?: Record<string, unknown> } | undefined;
  if (components?.schemas) {
    // The zod registry yields an input and an output version of every named schema; keep those in use.
    const all = components.schemas;
    const used = new Set<string>(['Problem']);
    collectRefs(doc.paths, used);
    for (let queue = [...used]; queue.length;) {
      const found = new Set<string>();
      collectRefs(all[queue.pop()!], found);
      for (const name of found) if (!used.has(name)) { used.add(name); queue.push(name); }
    }
    components.schemas = Object.fromEntries(Object.keys(all).filter((k) => used.has(k)).sort().map((k) => [k, all[k]]));
  }
  return doc;
};
