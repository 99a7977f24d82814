import { en } from './en';
import { fr } from './fr';
import { localize, type Messages } from './table';
import type { Locale, LocalizedText } from '../localized-text';

/** The domain package's message table: French and English, keyed by stable codes. */
export const domainMessages: Messages<typeof fr> = { fr, en };
export type DomainMessageKey = keyof typeof fr;

/** A domain message in every language. */
export function domainText<K extends DomainMessageKey>(
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): LocalizedText {
  return localize(domainMessages, key, ...args);
}

/** A domain message in one language. */
export function domainSays<K extends DomainMessageKey>(
  locale: Locale,
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): string {
  const message = domainMessages[locale][key] as (...a: Parameters<(typeof fr)[K]>) => string;
  return message(...args);
}
