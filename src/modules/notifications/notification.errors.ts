import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const NOTIFICATION_ERRORS = {
  notification_template_exists: { status: 409, title: { zh: '该事件、渠道和语言已有模板', en: 'A template for this event, channel and language exists' } },
  notification_unknown_variable: { status: 422, title: { zh: '模板含有未知变量', en: 'The template uses an unknown variable' } },
  notification_not_resendable: { status: 409, title: { zh: '只能重发发送失败的消息', en: 'Only a failed message can be resent' } },
} as const satisfies ErrorTable;

export const NOTIFICATION_MESSAGES = messages('notifications', {
  exists: {
    en: (p: { key: string; channel: string; lang: string }) => `There is already a ${p.lang} ${p.channel} template for ${p.key}: edit it instead`,
    zh: (p: { key: string; channel: string; lang: string }) => `${p.key} 已有${p.lang === 'zh' ? '中文' : '英文'}${p.channel}模板，请直接修改`,
  },
  unknown_variable: {
    en: (p: { name: string; known: string }) => `{{${p.name}}} is not a variable of this event (it has: ${p.known})`,
    zh: (p: { name: string; known: string }) => `{{${p.name}}} 不是该事件的变量（可用：${p.known}）`,
  },
  not_resendable: {
    en: (p: { status: string }) => `The message is ${p.status}: only a failed one is resent`,
    zh: (p: { status: string }) => `该消息状态为 ${p.status}，只能重发发送失败的消息`,
  },
  wechat_id: { en: 'A WeChat template needs wechat_template_id (the id WeChat gave the template)', zh: '微信模板须填写 wechat_template_id（微信公众平台分配的模板 ID）' },
});

const fail = failures(NOTIFICATION_ERRORS);
export const templateExists = (key: string, channel: string, lang: string) => fail('notification_template_exists', NOTIFICATION_MESSAGES.exists({ key, channel, lang }), { field: 'key' });
export const unknownVariable = (field: 'subject' | 'body', name: string, known: string[]) =>
  fail('notification_unknown_variable', NOTIFICATION_MESSAGES.unknown_variable({ name, known: known.join(', ') }), { field });
export const notResendable = (status: string) => fail('notification_not_resendable', NOTIFICATION_MESSAGES.not_resendable({ status }), { field: 'message_id' });
