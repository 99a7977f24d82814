import type { Locale } from '../localized-text';

/** A message: a function of its parameters to the text in one language. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parameters vary per message
export type Message = (...args: any[]) => string;

/** One language's table: the same keys, each with the same parameters, as the reference table `T`. */
export type MessageTable<T extends Record<string, Message>> = {
  readonly [K in keyof T]: (...args: Parameters<T[K]>) => string;
};

/**
 * A package's messages in every interface language: a language missing, or a key missing from one
 * language, fails the type check. A third language is one more table file per package (and one more
 * member of `Locale`).
 */
export type Messages<T extends Record<string, Message>> = {
  readonly [L in Locale]: MessageTable<T>;
};

/** A message in every language, for a `DomainError` or a `NotComputable`. */
export function localize<T extends Record<string, Message>, K extends keyof T & string>(
  messages: Messages<T>,
  key: K,
  ...args: Parameters<T[K]>
): { [L in Locale]: string } {
  return Object.fromEntries(
    (Object.keys(messages) as Locale[]).map((l) => [l, messages[l][key](...args)]),
  ) as { [L in Locale]: string };
}
