import type { Locale, Messages } from '@jalon/domain';
import { en } from './en';
import { fr } from './fr';

/** The command line's message table: French and English, keyed by stable codes. */
export const cliMessages: Messages<typeof fr> = { fr, en };
export type CliMessageKey = keyof typeof fr;
/** The messages' parameters, key by key. */
export type CliMessages = typeof fr;

/** A command-line message in one language. */
export function cliSays<K extends CliMessageKey>(
  locale: Locale,
  key: K,
  ...args: Parameters<(typeof fr)[K]>
): string {
  const message = cliMessages[locale][key] as (...a: Parameters<(typeof fr)[K]>) => string;
  return message(...args);
}
