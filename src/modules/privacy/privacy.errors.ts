import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const PRIVACY_ERRORS = {
  policy_unknown: { status: 404, title: { zh: '政策文件不存在', en: 'No such policy document' } },
  policy_not_draft: { status: 409, title: { zh: '政策已发布，不能修改', en: 'The policy version is already published' } },
  policy_not_in_force: { status: 409, title: { zh: '该政策版本不是现行版本', en: 'That policy version is not the one in force' } },
  sensitive_consent_required: { status: 422, title: { zh: '缺少敏感个人信息单独同意', en: 'Separate consent for sensitive personal information is required' } },
} as const satisfies ErrorTable;

const KIND_ZH: Record<string, string> = { membership_agreement: '会员协议', privacy_policy: '隐私政策' };
const SENSITIVE_ZH: Record<string, string> = { resident_id: '身份证号', precise_location: '精确位置', financial_account: '金融账户' };

export const PRIVACY_MESSAGES = messages('privacy', {
  unknown: { en: (p: { id: string }) => `No policy document ${p.id} in this program`, zh: (p: { id: string }) => `政策文件 ${p.id} 不存在` },
  unknown_version: {
    en: (p: { kind: string; version: number }) => `No published ${p.kind} version ${p.version}`,
    zh: (p: { kind: string; version: number }) => `${KIND_ZH[p.kind] ?? p.kind}没有已发布的第 ${p.version} 版`,
  },
  not_draft: {
    en: (p: { version: number | null }) => `Version ${p.version} is published: write a new draft instead`,
    zh: (p: { version: number | null }) => `第 ${p.version} 版已发布，不能修改；请新建草稿`,
  },
  not_in_force: {
    en: (p: { kind: string; version: number | null; current: number | null }) =>
      `${p.kind} version ${p.version ?? 'draft'} is not in force${p.current ? ` (version ${p.current} is)` : ''}: a member accepts the version in force`,
    zh: (p: { kind: string; version: number | null; current: number | null }) =>
      `${KIND_ZH[p.kind] ?? p.kind}${p.version ? `第 ${p.version} 版` : '草稿'}不是现行版本${p.current ? `（现行为第 ${p.current} 版）` : ''}，会员只能接受现行版本`,
  },
  sensitive_required: {
    en: (p: { kind: string }) => `Storing the member's ${p.kind.replace('_', ' ')} needs their separate consent (PIPL art. 29): record it, or send sensitive_consent: true when the member gives it now`,
    zh: (p: { kind: string }) => `保存会员的${SENSITIVE_ZH[p.kind] ?? p.kind}须取得其单独同意（《个人信息保护法》第二十九条）：请先记录同意，或在会员当场同意时传 sensitive_consent: true`,
  },
  document_ref: { en: 'Give document_id, or kind and version', zh: '请填写 document_id，或 kind 与 version' },
  scope_only_sensitive: { en: 'scope is only for the sensitive purpose', zh: '仅敏感个人信息（sensitive）可填写 scope' },
  scope_required: { en: 'Granting sensitive consent names its scope (resident_id, precise_location, financial_account)', zh: '同意处理敏感个人信息须填写范围 scope（resident_id、precise_location、financial_account）' },
  empty_draft: { en: 'Change at least one field', zh: '请至少修改一个字段' },
});

const fail = failures(PRIVACY_ERRORS);
export const policyUnknown = (id: string, field = 'document_id') => fail('policy_unknown', PRIVACY_MESSAGES.unknown({ id }), { field });
export const policyVersionUnknown = (kind: string, version: number) => fail('policy_unknown', PRIVACY_MESSAGES.unknown_version({ kind, version }), { field: 'version' });
export const policyNotDraft = (version: number | null) => fail('policy_not_draft', PRIVACY_MESSAGES.not_draft({ version }), { field: 'document_id' });
export const policyNotInForce = (kind: string, version: number | null, current: number | null, field = 'document_id') =>
  fail('policy_not_in_force', PRIVACY_MESSAGES.not_in_force({ kind, version, current }), { field, extra: { current_version: current } });
export const sensitiveConsentRequired = (kind: string, field: string) =>
  fail('sensitive_consent_required', PRIVACY_MESSAGES.sensitive_required({ kind }), { field, extra: { scope: kind } });
