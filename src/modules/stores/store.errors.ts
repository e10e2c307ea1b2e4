import { messages } from '../../platform/errors.ts';

export const STORE_MESSAGES = messages('stores', {
  code_taken: { en: (p: { code: string }) => `Store code ${p.code} is taken`, zh: (p: { code: string }) => `门店编码 ${p.code} 已被使用` },
});
