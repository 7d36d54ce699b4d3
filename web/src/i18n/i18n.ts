import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import en from './en.json';

export type Language = 'en' | 'ar';
const STORAGE_KEY = 'qanat.language';

/** Before a person chooses, the browser's language decides: an Arabic browser gets Arabic. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'ar') return saved;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('ar')) ? 'ar' : 'en';
}

function applyDirection(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  applyDirection(language);
  await i18next.changeLanguage(language);
}

/** Shows a page in a language without remembering it (a customer's survey, say). */
export async function showLanguage(language: Language): Promise<void> {
  applyDirection(language);
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<void> {
  const language = initialLanguage();
  applyDirection(language);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ar: { translation: ar } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
