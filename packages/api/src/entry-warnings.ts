import type { LookAlike } from '@jalon/db';
import { z } from 'zod';
import { messageText } from './messages';

/**
 * What an entry is warned about, not refused for: a probable duplicate of a record
 * already stored, a date still to come. The save goes through; the answer says it, and the form
 * shows it with a way to confirm before saving (`check` procedures answer the same without saving).
 */
export const warningDto = z.object({
  code: z.enum(['probable-duplicate', 'future-date']),
  message: z.object({ fr: z.string(), en: z.string() }),
  /** the records it looks like (a probable duplicate) */
  records: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
});
export type EntryWarning = z.infer<typeof warningDto>;

/** Today's calendar date where the organisation works (West Africa keeps UTC all year). */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** What a look-alike shares with the entry, said once per kind of record. */
export const lookAlikeWords = {
  activity: messageText('warning.look-alike.activity'),
  incident: messageText('warning.look-alike.incident'),
} as const;

/** The warnings for an entry: its look-alikes, and a date after today. */
export function entryWarnings(
  kind: keyof typeof lookAlikeWords,
  lookAlikes: LookAlike[],
  date: string,
  now: string = today(),
): EntryWarning[] {
  const warnings: EntryWarning[] = [];
  if (lookAlikes.length > 0) {
    const codes = lookAlikes.map((r) => r.code).join(', ');
    warnings.push({
      code: 'probable-duplicate',
      message: messageText('warning.probable-duplicate', {
        lookAlike: lookAlikeWords[kind],
        records: codes,
      }),
      records: lookAlikes,
    });
  }
  if (date > now)
    warnings.push({
      code: 'future-date',
      message: messageText('warning.future-date', { date, today: now }),
      records: [],
    });
  return warnings;
}
