import type { Locale } from '../context';
import { en } from './en';
import { fr, type Catalogue } from './fr';
import { messageTables, type Message } from './lookup';

/**
 * The server's words, one table per language (`fr.ts`, `en.ts`) under one key set: French is the
 * reference, every other table is typed against it, so a missing or extra key is a type error and
 * a third language is one more file here. Entries are texts or functions of named parameters; a
 * parameter that is itself a {@link Message} (a noun in every language) is read by each table in
 * its own language. Expected failures (errors.ts) say themselves through the same tables.
 */
export const catalogues: Readonly<Record<Locale, Catalogue>> = { fr, en };
export type { Catalogue, Message };
export type MessageKey = keyof Catalogue;
export { messageTables, type ArgsOf, type Table } from './lookup';
export { typographyFaults } from './typography';

export const { locales, message, messageText } = messageTables(catalogues);

/** A name that reads the same in every language (a code, a place name). */
export function sameText(text: string): Message {
  return Object.fromEntries(locales.map((l) => [l, text])) as Message;
}
