import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { vi, type MessageKey, type Messages } from './vi';

export type Lang = 'vi' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// Vietnamese is in the first load; English is fetched when chosen (a commune's weak connection saves ~15 KB).
const catalogues: Partial<Record<Lang, Messages>> = { vi };
let english: Promise<void> | null = null;
/** Loads a catalogue that is not in the first load (resolves at once for one already there). */
export function loadCatalogue(lang: Lang): Promise<void> {
  if (catalogues[lang]) return Promise.resolve();
  english ??= import('./en').then(
    (m) => void (catalogues.en = m.en),
    (e: unknown) => {
      english = null;
      throw e;
    },
  );
  return english;
}
const STORAGE_KEY = 'haicap.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** The language the API is asked to answer in (read by api.ts on every call). */
let currentLang: Lang = storedLang();
export const apiLang = () => currentLang;

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = (catalogues[lang] ?? vi)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((l: Lang) => {
    currentLang = l;
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    // The page switches once the catalogue is there (Vietnamese meanwhile, or if it cannot be fetched).
    loadCatalogue(l).then(
      () => setLangState(l),
      () => setLangState(l),
    );
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Label of a unit type code (tinh, xa…), or the code itself when unknown. */
export function typeLabel(t: Translate, type: string | null | undefined): string {
  if (!type) return '';
  const key = `type.${type}` as MessageKey;
  return key in vi ? t(key) : type;
}

/** A message key when it exists in the catalogue, else a fallback text. */
export function maybe(t: Translate, key: string, fallback: string): string {
  return key in vi ? t(key as MessageKey) : fallback;
}
