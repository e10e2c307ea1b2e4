import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zh } from './zh.ts';

export type Lang = 'zh' | 'en';

const LANG_STORAGE = 'patron.lang';

export function savedLang(): Lang {
  return localStorage.getItem(LANG_STORAGE) === 'en' ? 'en' : 'zh';
}

export function saveLang(lang: Lang): void {
  localStorage.setItem(LANG_STORAGE, lang);
}

/** The value sent as Accept-Language; the API localises problem titles from it. */
export const acceptLanguage = (lang: Lang): string => (lang === 'en' ? 'en' : 'zh-CN');

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: savedLang(),
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export default i18n;
