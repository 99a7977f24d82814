import { LOCALES } from '../localized-text';
import type { Message } from '../messages/table';

/*
 * The checks every package's message table passes (domain, db, reports, api): one shape, written
 * once. A table's own test adds what is particular to it (its sentences, its parameters).
 */

type Table = Record<string, Message>;

/**
 * Each message of a table said with the sample parameters given for its key, or else with
 * placeholders `p1`, `p2`… (a message is a function of its parameters).
 */
export function said(
  table: Table,
  samples: Readonly<Record<string, readonly unknown[]>> = {},
): [string, string][] {
  return Object.entries(table).map(([key, m]) => [
    key,
    m(...(samples[key] ?? Array.from({ length: m.length }, (_, i) => `p${i + 1}`))),
  ]);
}

/** The French typography rule: U+202F inside « » and before ; : ! ?, never a plain or no-break space. */
export function frenchTypographyFaults(text: string): string[] {
  const faults: string[] = [];
  if (/«(?!\u202f)/.test(text)) faults.push('« without U+202F after it');
  if (/(?<!\u202f)»/.test(text)) faults.push('» without U+202F before it');
  if (/[ \u00a0][;:!?]/.test(text)) faults.push('a plain or no-break space before ; : ! ?');
  return faults;
}

/**
 * What is wrong with a message table, as lines (none: the table is sound): a language missing or
 * extra, a key missing from a language (or from the samples, when given), a message that says
 * nothing, French written without U+202F.
 */
export function messageTableFaults(
  messages: Readonly<Record<string, Table>>,
  samples?: Readonly<Record<string, readonly unknown[]>>,
): string[] {
  const faults: string[] = [];
  const languages = Object.keys(messages).sort();
  if (languages.join() !== [...LOCALES].sort().join())
    faults.push(`languages ${languages.join(', ')}, not ${LOCALES.join(', ')}`);
  const keys = Object.keys(samples ?? messages.fr ?? {}).sort();
  for (const l of LOCALES) {
    const table = messages[l] ?? {};
    const own = Object.keys(table).sort();
    for (const k of keys) if (!own.includes(k)) faults.push(`${l}: ${k} missing`);
    for (const k of own) if (!keys.includes(k)) faults.push(`${l}: ${k} not in the reference`);
    for (const [key, text] of said(table, samples))
      if (text.trim() === '') faults.push(`${l} ${key}: empty`);
  }
  for (const [key, text] of said(messages.fr ?? {}, samples))
    for (const f of frenchTypographyFaults(text)) faults.push(`fr ${key}: ${f}`);
  return faults;
}
