import { localize, type Locale, type LocalizedText, type Messages } from '@jalon/domain';
import type { CommandResult } from '../command';
import { en } from './en';
import { fr } from './fr';

/** The db package's message table: French and English, keyed by stable codes. */
export const dbMessages: Messages<typeof fr> = { fr, en };
export type DbMessageKey = keyof typeof fr;

/** A db message in every language. */
export function dbText<K extends DbMessageKey>(
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): LocalizedText {
  return localize(dbMessages, key, ...args);
}

/** A db message in one language. */
export function dbSays<K extends DbMessageKey>(
  locale: Locale,
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): string {
  const message = dbMessages[locale][key] as (...a: Parameters<(typeof fr)[K]>) => string;
  return message(...args);
}

/** A command's refusal of a rule only the stored data can check, said by the message `key`. */
export function refused<K extends DbMessageKey>(
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): CommandResult<never> {
  return { ok: false, error: { kind: 'invalid', message: dbText(key, ...args) } };
}
