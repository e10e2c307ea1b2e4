import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import { rng } from '../platform/rng.ts';
import type { Services } from '../services.ts';

// Privacy in the demo (会员隐私保护, seed 000 ch. 8): the membership agreement and the
// privacy policy in force since before the first member joined, and a second privacy
// policy published three weeks ago (政策更新), so members who have not been back since are
// asked to accept it at their next visit. Members accept what was in force when they joined
// (the enrolment records it); some have accepted v2 since, some changed their consents.

const DAY = 86_400_000;

/** The policy documents, before the members join: one call ahead of the enrolment. */
export async function seedPolicies(s: Services, programId: string, actor: Principal, now: Date) {
  const since = new Date(now.getTime() - 3 * 365 * DAY);
  const publish = async (kind: 'membership_agreement' | 'privacy_policy', title: string, title_en: string, body: string, summary: string, at: Date) => {
    const d = await s.privacy.createDraft(programId, { kind, title, title_en, body, summary }, actor);
    return unwrap(await s.privacy.publish(programId, d.id, actor, at));
  };
  await publish('membership_agreement', '星河汇会员协议', 'Xinghe membership agreement', [
    '一、会员资格：年满十八周岁、提供真实手机号码即可免费成为会员。',
    '二、积分：每消费 1 元累积 1 积分，积分有效期至次年 12 月 31 日。',
    '三、会员应提供准确的个人信息，并妥善保管会员账号。',
  ].join('\n\n'), '首次发布', since);
  await publish('privacy_policy', '星河汇隐私政策', 'Xinghe privacy policy', [
    '我们收集您的姓名、手机号码、生日和消费记录，用于提供会员服务。',
    '经您同意，我们会向您发送营销信息；您可随时撤回同意。',
  ].join('\n\n'), '首次发布', since);
  await publish('privacy_policy', '星河汇隐私政策（2026 年修订）', 'Xinghe privacy policy (2026)', [
    '我们收集您的姓名、手机号码、生日和消费记录，用于提供会员服务。',
    '经您同意，我们会向您发送营销信息；您可随时撤回同意。',
    '新增：身份证号、精确位置、金融账户属于敏感个人信息，仅在您单独同意后处理。',
    '新增：经您同意，我们会与联盟商户共享积分与消费信息，用于跨店积分。',
  ].join('\n\n'), '新增敏感个人信息单独同意与联盟商户信息共享的说明', new Date(now.getTime() - 21 * DAY));
}

/** After the members joined: acceptances of the new version at later visits, and consents changed since. */
export async function seedConsents(s: Services, programId: string, memberIds: string[], actor: Principal, now: Date) {
  const rand = rng(20261130);
  const v2 = (await s.privacy.inForce(programId)).find((d) => d.kind === 'privacy_policy')!;
  const published = Date.parse(v2.published_at!);
  // about 60 % came back since and accepted it at the till; the rest are asked at their next visit
  for (const id of memberIds) {
    if (rand() >= 0.6) continue;
    const at = new Date(published + Math.floor(rand() * (now.getTime() - published)));
    unwrap(await s.flows.acceptPolicy(programId, id, { document_id: v2.id, channel: rand() < 0.8 ? 'pos' : 'portal' }, actor, at));
  }
  // consents changed over the year: a few withdrew marketing, some agreed to sharing with partners
  for (const [i, id] of memberIds.entries()) {
    const at = new Date(now.getTime() - Math.floor(rand() * 300) * DAY);
    if (i % 25 === 5) unwrap(await s.flows.recordConsent(programId, id, { purpose: 'marketing', granted: false, channel: 'console', note: '客服电话：会员要求停止营销短信' }, actor, at));
    if (i % 7 === 2) unwrap(await s.flows.recordConsent(programId, id, { purpose: 'sharing', granted: true, channel: 'pos' }, actor, at));
  }
}
