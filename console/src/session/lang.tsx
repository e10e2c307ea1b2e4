import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp, theme } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSImport from 'antd/es/locale/en_US.js';
import zhCNImport from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLanguage } from '../api/client.ts';
import i18n, { acceptLanguage, saveLang, savedLang, type Lang } from '../i18n/index.ts';

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

// antd ships no `exports` map, so under nodenext resolution TypeScript types these ESM files as
// CommonJS and wraps the default once more; the bundle gives the locale itself. Accept both.
const unwrap = (m: Locale | { default: Locale }): Locale => ('locale' in m ? m : m.default);
const enUS = unwrap(enUSImport);
const zhCN = unwrap(zhCNImport);

const LangContext = createContext<LangState | null>(null);

function apply(lang: Lang): void {
  void i18n.changeLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  setApiLanguage(acceptLanguage(lang));
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}

/** One switch drives i18next, antd's own texts, dayjs and the API's Accept-Language together. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = savedLang();
    apply(initial);
    return initial;
  });

  const setLang = useCallback((next: Lang) => {
    apply(next);
    saveLang(next);
    setLangState(next);
  }, []);

  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);

  return (
    <LangContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
      >
        <AntApp message={{ maxCount: 2 }}>{children}</AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}

export function useLang(): LangState {
  const state = useContext(LangContext);
  if (!state) throw new Error('useLang outside LangProvider');
  return state;
}
