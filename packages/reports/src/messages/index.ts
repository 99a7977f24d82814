import { localize, type Locale, type LocalizedText, type Messages } from '@jalon/domain';
import { en } from './en';
import { fr } from './fr';

/** The reports package's message table: French and English, keyed by stable codes. */
export const reportMessages: Messages<typeof fr> = { fr, en };
export type ReportMessageKey = keyof typeof fr;

/** A reports message in every language. */
export function reportText<K extends ReportMessageKey>(
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): LocalizedText {
  return localize(reportMessages, key, ...args);
}

/** A reports message in one language. */
export function reportSays<K extends ReportMessageKey>(
  locale: Locale,
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): string {
  const message = reportMessages[locale][key] as (...a: Parameters<(typeof fr)[K]>) => string;
  return message(...args);
}
