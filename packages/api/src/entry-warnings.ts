import type { LookAlike } from '@jalon/db';
import { z } from 'zod';

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
  activity: {
    fr: 'même type, même date, même lieu et même intitulé qu’une activité déjà enregistrée',
    en: 'the same type, date, place and title as an activity already recorded',
  },
  incident: {
    fr: 'mêmes date, lieu, catégorie, morts et blessés qu’un incident déjà enregistré',
    en: 'the same date, place, category, deaths and injuries as an incident already recorded',
  },
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
      message: {
        fr: `Doublon probable\u202f: ${lookAlikeWords[kind].fr} (${codes}). Vérifiez avant de confirmer qu’il ne s’agit pas d’un doublon.`,
        en: `Probable duplicate: ${lookAlikeWords[kind].en} (${codes}). Check it is not a duplicate before you confirm.`,
      },
      records: lookAlikes,
    });
  }
  if (date > now)
    warnings.push({
      code: 'future-date',
      message: {
        fr: `La date ${date} est dans le futur (aujourd’hui\u202f: ${now}). Vérifiez-la avant de confirmer.`,
        en: `The date ${date} is in the future (today: ${now}). Check it before you confirm.`,
      },
      records: [],
    });
  return warnings;
}
