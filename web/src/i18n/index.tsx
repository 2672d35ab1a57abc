import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey, Messages } from './vi';
// The messages the first paint uses (web/build/first-paint-messages.ts); the whole catalogue follows at once.
import first from 'virtual:vi-first';

export type Lang = 'vi' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// The first load carries the messages of the shell, the sign-in and the citizens' look-up; the whole Vietnamese
// catalogue is fetched beside the first paint and every lazy page waits for it (App.tsx); English is fetched when
// chosen. A commune's weak connection saves ~40 KB of compressed script.
const catalogues: Partial<Record<Lang, Messages>> = {};
const firstMessages = first as Partial<Messages>;
const loading: Partial<Record<Lang, Promise<void>>> = {};
/** Loads a whole catalogue (resolves at once for one already there). */
export function loadCatalogue(lang: Lang): Promise<void> {
  if (catalogues[lang]) return Promise.resolve();
  loading[lang] ??= (lang === 'en' ? import('./en').then((m) => m.en) : import('./vi').then((m) => m.vi)).then(
    (messages) => void (catalogues[lang] = messages),
    (e: unknown) => {
      delete loading[lang];
      throw e;
    },
  );
  return loading[lang];
}
/** The whole Vietnamese catalogue, for the lazy pages to wait for (a failed fetch lets them show what there is). */
export const messagesReady = () => loadCatalogue('vi').catch(() => undefined);
const has = (key: string) => key in (catalogues.vi ?? firstMessages);
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
  const text = catalogues[lang]?.[key] ?? catalogues.vi?.[key] ?? firstMessages[key] ?? '';
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
  return has(key) ? t(key) : type;
}

/** A message key when it exists in the catalogue, else a fallback text. */
export function maybe(t: Translate, key: string, fallback: string): string {
  return has(key) ? t(key as MessageKey) : fallback;
}
