import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Checks a real answer against the served OpenAPI document: the status is documented for
// the operation, the media type is one it lists, and the body is valid under its schema.

type Json = Record<string, unknown>;

export interface Answer {
  method: string;
  /** Path and query as requested. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

interface Operation {
  method: string;
  template: string;
  re: RegExp;
  params: number;
  responses: Record<string, Json>;
  pointer: string;
}

const pointerPart = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Only the API is checked: /v1/… and /health (the console, /docs and /openapi.json are not API). */
export const isApiPath = (path: string) => path.startsWith('/v1/') || path === '/health';

export function openApiChecker(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const validators = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    let v = validators.get(pointer);
    if (!v) validators.set(pointer, (v = ajv.compile({ $ref: `openapi.json#${pointer}` })));
    return v;
  };

  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      const re = new RegExp(`^${template.split('/').map((seg) => (/^\{.+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
      ops.push({
        method: method.toUpperCase(), template, re, params: (template.match(/\{/g) ?? []).length,
        responses: op.responses as Record<string, Json>, pointer: `/paths/${pointerPart(template)}/${method}/responses`,
      });
    }
  }
  // static segments win over parameters, as in the router
  ops.sort((a, b) => a.params - b.params);

  /** A description of how the answer departs from the document, or undefined when it agrees. */
  return function check(a: Answer): string | undefined {
    const path = (a.url.split('?')[0] ?? '').replace(/(.)\/+$/, '$1');
    if (!isApiPath(path) || a.method === 'HEAD' || a.method === 'OPTIONS') return undefined;
    const where = `${a.method} ${a.url} → ${a.status} ${a.contentType ?? '(no content type)'}`;
    const fail = (why: string) => `OpenAPI drift: ${where}: ${why}\n  body: ${a.body.slice(0, 600)}`;
    const op = ops.find((o) => o.method === a.method && o.re.test(path));
    const mediaType = a.contentType?.split(';')[0]!.trim().toLowerCase();

    let pointer: string;
    if (!op) {
      // no such operation: the answer is the not-found (or auth) problem every path may give
      if (a.status < 400) return fail('no operation in the document for this method and path');
      pointer = '/components/schemas/Problem';
      if (mediaType !== 'application/problem+json') return fail('expected application/problem+json');
    } else {
      const status = String(a.status);
      const key = [status, `${status[0]}XX`, 'default'].find((k) => k in op.responses);
      if (!key) return fail(`status ${status} is not documented for ${op.method} ${op.template} (documented: ${Object.keys(op.responses).join(', ')})`);
      const content = op.responses[key]!.content as Record<string, unknown> | undefined;
      if (!content) return a.body === '' ? undefined : fail('documented without a body, but the answer has one');
      if (!mediaType || !(mediaType in content)) return fail(`media type ${mediaType ?? '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`);
      pointer = `${op.pointer}/${pointerPart(key)}/content/${pointerPart(mediaType)}/schema`;
    }
    let body: unknown = a.body;
    // a text answer (a CSV download) is checked as the string it is
    if (!mediaType?.startsWith('text/')) try {
      body = JSON.parse(a.body);
    } catch {
      return fail('the body is not JSON');
    }
    const validate = validator(pointer);
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    return fail(`the body does not match ${op ? `${op.method} ${op.template} ${a.status}` : 'Problem'}:\n  ${errors.join('\n  ')}`);
  };
}
