import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, ko, type MessageKey } from './messages';

export type Language = 'ko' | 'en';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** A product's name in the current language. */
  name: (item: { nameKo: string; nameEn: string }) => string;
  won: (amount: number) => string;
}

const storageKey = 'icecheckout.language';
const I18nContext = createContext<I18n | null>(null);

export function format(template: string, values?: Record<string, string | number>) {
  return values ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`)) : template;
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(
    () => initial ?? (localStorage.getItem(storageKey) === 'en' ? 'en' : 'ko'));

  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(storageKey, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = language === 'ko' ? ko : en;
    const numbers = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US');
    return {
      language,
      setLanguage,
      t: (key, values) => format(messages[key], values),
      name: (item) => (language === 'ko' ? item.nameKo : item.nameEn || item.nameKo),
      won: (amount) => format(messages['common.won'], { amount: numbers.format(amount) }),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an I18nProvider above it.');
  return value;
}
