import type { Locale } from '../context';

/** A message table: each key a text, or a function of its named parameters. */
export type Table = Readonly<Record<string, string | ((params: never) => string)>>;

/** The parameters a key of table `T` takes: none for a plain text. */
export type ArgsOf<T extends Table, K extends keyof T> = T[K] extends (params: infer P) => string
  ? [params: P]
  : [];

/** A text in every language (`{ fr, en }`), for what carries it to the client or a report. */
export type Message = Record<Locale, string>;

/**
 * The lookups over one table per language, all typed against the same key set (the first
 * language's): `message(key, locale, params)` says one text in one language, `messageText(key,
 * params)` says it in all of them. Each package that writes for people keeps its tables and calls
 * this once (packages/api: `messages/`, apps/api: `src/messages/`).
 */
export function messageTables<T extends Table>(tables: Readonly<Record<Locale, T>>) {
  const locales = Object.keys(tables) as Locale[];
  function message<K extends keyof T & string>(
    key: K,
    locale: Locale,
    ...params: ArgsOf<T, K>
  ): string {
    const entry = tables[locale][key] as string | ((params: unknown) => string);
    return typeof entry === 'function' ? entry(params[0]) : entry;
  }
  function messageText<K extends keyof T & string>(key: K, ...params: ArgsOf<T, K>): Message {
    return Object.fromEntries(locales.map((l) => [l, message(key, l, ...params)])) as Message;
  }
  return { locales, message, messageText };
}
