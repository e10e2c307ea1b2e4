// Expected business outcomes (too few points, a return larger than the purchase, a phone
// already enrolled) are VALUES: a service returns `T | DomainError`, the caller checks
// isFailure, and the HTTP layer renders the failure as problem+json. Exceptions are for
// bugs and for the infrastructure. (Rafiki's `Promise<Result | TransferError>` is the model.)
//
// Each module declares its own codes beside it (`<module>.errors.ts`: status and title
// per code) and its messages; `src/errors.ts` composes every module's table into the one
// exhaustive table the HTTP layer renders from. Messages are translated by their code
// (the function that made them), never by matching the English text.

import { type Permission, PERMISSIONS } from './permissions.ts';

export type Lang = 'zh' | 'en';

/** A human message in both languages, made by a message function (see messages()). */
export interface Message {
  key: string;
  en: string;
  zh: string;
}

/** What each code means to the HTTP layer: its status and its title in both languages. */
export interface ErrorSpec {
  status: number;
  title: Record<Lang, string>;
}
export type ErrorTable = Record<string, ErrorSpec>;

type Text<P> = string | ((p: P) => string);
type Def = { en: Text<never>; zh: Text<never> };
type Param<D> = D extends { en: (p: infer P) => string } ? P : void;
type MessageFns<T> = { [K in keyof T]: (Param<T[K]> extends void ? () => Message : (p: Param<T[K]>) => Message) & { key: string } };

const catalog = new Map<string, { en: Text<Record<string, unknown>>; zh: Text<Record<string, unknown>> }>();

/**
 * A module's messages: `messages('points', { insufficient: { en: (p: {…}) => …, zh: … } })`
 * gives `m.insufficient({…})`. Each is registered under `<ns>.<key>` (its `.key`), so a
 * schema's custom validation message can name one: `{ message: m.mobile.key }`.
 */
export function messages<T extends Record<string, Def>>(ns: string, defs: T): MessageFns<T> {
  const out: Record<string, unknown> = {};
  for (const [k, def] of Object.entries(defs)) {
    const key = `${ns}.${k}`;
    catalog.set(key, def as never);
    out[k] = Object.assign((p: Record<string, unknown> = {}) => render(key, def as never, p), { key });
  }
  return out as MessageFns<T>;
}

function render(key: string, def: { en: Text<Record<string, unknown>>; zh: Text<Record<string, unknown>> }, p: Record<string, unknown>): Message {
  const text = (t: Text<Record<string, unknown>>) => (typeof t === 'function' ? t(p) : t);
  return { key, en: text(def.en), zh: text(def.zh) };
}

/** A registered message by its key, with params; undefined for an unknown key. */
export function messageByKey(key: string, params: Record<string, unknown> = {}): Message | undefined {
  const def = catalog.get(key);
  return def ? render(key, def, params) : undefined;
}

/** A message in both languages from one text: for text that is data (an id, a path). */
export const verbatim = (text: string): Message => ({ key: 'verbatim', en: text, zh: text });

export interface FieldIssue {
  field: string;
  message: Message;
}

export class DomainError<C extends string = string> extends Error {
  readonly code: C;
  readonly detail: Message;
  readonly field: string | undefined;
  readonly extra: Record<string, unknown>;
  readonly issues: FieldIssue[];
  constructor(code: C, detail: Message, opts: { field?: string; extra?: Record<string, unknown>; issues?: FieldIssue[] } = {}) {
    super(detail.en);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail;
    this.field = opts.field;
    this.extra = opts.extra ?? {};
    this.issues = opts.issues ?? (opts.field ? [{ field: opts.field, message: detail }] : []);
  }
}

/** A service's answer: the value, or the expected failure. */
export type Result<T> = T | DomainError;

export const isFailure = (value: unknown): value is DomainError => value instanceof DomainError;

/** A failure maker for one table's codes only, so a module cannot use a code it does not declare. */
export const failures = <T extends ErrorTable>(_table: T) =>
  (code: keyof T & string, detail: Message, opts?: ConstructorParameters<typeof DomainError>[2]) => new DomainError(code, detail, opts);

// The platform's own codes: request shape, keys, idempotency, and the server's last word.
export const PLATFORM_ERRORS = {
  validation: { status: 400, title: { zh: '请求参数不正确', en: 'The request is not valid' } },
  malformed_json: { status: 400, title: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' } },
  malformed_url: { status: 400, title: { zh: '请求地址格式不正确', en: 'The request URL is malformed' } },
  malformed_request: { status: 400, title: { zh: '请求格式不正确', en: 'The request is malformed' } },
  idempotency_key_required: { status: 400, title: { zh: '缺少 Idempotency-Key 请求头', en: 'The Idempotency-Key header is required' } },
  unauthorized: { status: 401, title: { zh: '缺少或无效的 API 密钥', en: 'Missing or invalid API key' } },
  forbidden: { status: 403, title: { zh: '无权执行此操作', en: 'You may not do that' } },
  not_found: { status: 404, title: { zh: '资源不存在', en: 'Not found' } },
  conflict: { status: 409, title: { zh: '与现有数据冲突', en: 'Conflicts with existing data' } },
  idempotency_conflict: { status: 409, title: { zh: '幂等键已用于另一个请求', en: 'This idempotency key was used for a different request' } },
  request_timeout: { status: 408, title: { zh: '请求超时', en: 'The request took too long to arrive' } },
  payload_too_large: { status: 413, title: { zh: '请求体过大', en: 'The request body is too large' } },
  uri_too_long: { status: 414, title: { zh: '请求地址过长', en: 'The request URL is too long' } },
  unsupported_media_type: { status: 415, title: { zh: '不支持的内容类型', en: 'Unsupported content type' } },
  headers_too_large: { status: 431, title: { zh: '请求头过大', en: 'The request headers are too large' } },
  busy: { status: 503, title: { zh: '数据正被其他操作修改，请重试', en: 'Busy with a concurrent change: try again' } },
  internal: { status: 500, title: { zh: '服务器内部错误', en: 'Internal server error' } },
} as const satisfies ErrorTable;

export const platformFailure = failures(PLATFORM_ERRORS);

const RESOURCE: Record<string, string> = {
  program: '会员计划', store: '门店', tier: '会员等级', 'tier job': '等级任务', 'tier floor': '人工指定等级', member: '会员', purchase: '消费记录', 'api key': 'API 密钥', segment: '分群', campaign: '营销活动', job: '任务', coupon: '优惠券', 'coupon type': '券类型', 'coupon batch': '券批次',
  referral: '推荐记录', reward: '礼品', redemption: '兑换订单',
};

export const M = messages('platform', {
  not_found: { en: (p: { what: string }) => `${p.what} not found`, zh: (p: { what: string }) => `${RESOURCE[p.what] ?? p.what}不存在` },
  no_route: { en: (p: { route: string }) => `No route ${p.route}`, zh: (p: { route: string }) => `没有这个接口：${p.route}` },
  idempotency_conflict: { en: 'This Idempotency-Key was already used with a different request', zh: '该 Idempotency-Key 已用于另一个请求' },
  idempotency_required: { en: 'Send an Idempotency-Key header', zh: '请发送 Idempotency-Key 请求头' },
  idempotency_shape: { en: 'Idempotency-Key must be 1–128 visible ASCII characters', zh: 'Idempotency-Key 须为 1–128 个可见 ASCII 字符' },
  unauthorized: { en: 'Send a valid API key as "Authorization: Bearer <key>"', zh: '请以 "Authorization: Bearer <密钥>" 发送有效的 API 密钥' },
  other_program: { en: 'This key belongs to another program', zh: '该密钥属于另一个会员计划' },
  needs_permission: {
    en: (p: { permission: string }) => `Your role may not do this (it needs "${PERMISSIONS[p.permission as Permission]?.en ?? p.permission}")`,
    zh: (p: { permission: string }) => `您的角色无权执行此操作（需要“${PERMISSIONS[p.permission as Permission]?.zh ?? p.permission}”权限）`,
  },
  own_store: { en: 'You act for your own store only', zh: '只能为本门店办理' },
  bootstrap_only: { en: 'Only the bootstrap admin key may do this', zh: '只有初始管理员密钥可以执行此操作' },
  cursor: { en: 'Invalid cursor', zh: '分页游标无效' },
  body_json: { en: 'The body is not valid JSON', zh: '请求体不是有效的 JSON' },
  body_empty: { en: 'The JSON body is empty', zh: 'JSON 请求体为空' },
  media_type: { en: 'Send application/json', zh: '请以 application/json 发送' },
  too_large: { en: 'The request body is too large', zh: '请求体过大' },
  url_too_long: { en: 'The request URL is too long', zh: '请求地址过长' },
  url_malformed: { en: 'The request URL is not valid: percent-encode characters outside ASCII', zh: '请求地址无效：非 ASCII 字符须经百分号编码' },
  out_of_range: { en: 'A value is out of range', zh: '数值超出范围' },
  bad_character: { en: 'A text value contains a character that is not allowed', zh: '文本含有不允许的字符' },
  existing_record: { en: 'Conflicts with an existing record', zh: '与现有记录冲突' },
  bad_request: { en: 'The request is not valid', zh: '请求不正确' },
  malformed_request: { en: 'The request could not be read as HTTP/1.1', zh: '无法按 HTTP/1.1 解析该请求' },
  request_timeout: { en: 'The request did not arrive in time', zh: '请求未在时限内到达' },
  headers_too_large: { en: 'The request headers are too large', zh: '请求头过大' },
  contention: {
    en: 'Another change to the same records got in the way and this change was rolled back: send the request again (with the same Idempotency-Key)',
    zh: '同一数据正被其他操作修改，本次更改已撤回：请重新发送请求（可使用同一 Idempotency-Key）',
  },
  internal: { en: 'Internal server error', zh: '服务器内部错误' },
});

export const notFound = (what: string, field?: string) => platformFailure('not_found', M.not_found({ what }), { field, extra: { resource: what } });
export const validation = (field: string, message: Message) => platformFailure('validation', message, { field });
export const conflict = (message: Message, field?: string) => platformFailure('conflict', message, { field });
/** A refusal; naming the permission it lacked lets a client (and the role-matrix test) tell which. */
/** Whoever has a store (a pos key, store staff) acts for it only (seed 000 ch. 8: store staff see their store's work). */
export const ownStoreOnly = () => platformFailure('forbidden', M.own_store(), { field: 'store_id' });
export const forbidden = (message: Message, permission?: Permission) => platformFailure('forbidden', message, permission ? { extra: { permission } } : {});

/** The value, for callers to whom a failure is a bug (the demo seed, benches, tests). */
export function unwrap<T>(result: Result<T>): T {
  if (isFailure(result)) throw new Error(`unexpected ${result.code}: ${result.message}`);
  return result;
}
