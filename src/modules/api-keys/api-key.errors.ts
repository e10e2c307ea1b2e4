import { messages } from '../../platform/errors.ts';

export const API_KEY_MESSAGES = messages('api_keys', {
  pos_store: { en: 'A pos key belongs to one store: give store_id', zh: 'POS 密钥须属于一个门店：请提供 store_id' },
  admin_store: { en: 'An admin key is not tied to a store', zh: '管理员密钥不属于门店' },
});
