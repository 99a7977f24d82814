import type { GrantCounting, LookAlike } from '@jalon/db';
import { activityTypes } from '@jalon/db/schema';
import { activityFilterMisses, type ActivityCriterion, type ActivityFact } from '@jalon/domain';
import { z } from 'zod';
import { messageText, sameText, type Message } from './messages';
import { indicatorSourceSchema } from './schemas/indicator-definition';

/**
 * What an entry is warned about, not refused for: a probable duplicate of a record
 * already stored, a date still to come, a grant whose indicators will not count the activity. The save goes through; the answer says it, and the form
 * shows it with a way to confirm before saving (`check` procedures answer the same without saving).
 */
export const warningDto = z.object({
  code: z.enum(['probable-duplicate', 'future-date', 'grant-not-counted']),
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

/** The words of a failed criterion, with the filter's values (activity types in words). */
function criterionWords(
  criterion: ActivityCriterion,
  filter: Partial<Record<ActivityCriterion, string[]>>,
): Message {
  const codes = filter[criterion] ?? [];
  if (criterion === 'types')
    return messageText('warning.criterion.types', {
      parts: codes.map((t) => activityTypeWords(t)),
    });
  return messageText(`warning.criterion.${criterion}`, { codes });
}

/** Activity types in words (`training` → Formation / Training); an unknown code says itself. */
const typeWords: ReadonlyMap<string, Message> = new Map(
  activityTypes.map((type) => [type, messageText(`activity-type.${type}`)]),
);
const activityTypeWords = (type: string): Message => typeWords.get(type) ?? sameText(type);

/**
 * The grants an activity is tagged with whose indicators will not count it, each with why: none
 * of its indicators reads activities or their participants, or each such indicator's filter
 * leaves it out (the criteria it fails, indicators with the same criteria said together).
 * The filters are read with the engine's own {@link activityFilterMisses}, so the warning and
 * the figures never disagree.
 */
export function uncountedGrants(
  type: string,
  counting: GrantCounting,
): { id: string; code: string; parts: Message[] }[] {
  const fact: ActivityFact = {
    id: 'entry',
    date: '',
    endDate: '',
    programme: counting.programme ?? '',
    grants: counting.grants.map((g) => g.code),
    type,
    places: counting.places,
    sessions: 1,
    participation: null,
  };
  const out: { id: string; code: string; parts: Message[] }[] = [];
  for (const grant of counting.grants) {
    const readers = grant.indicators.flatMap((i) => {
      const source = indicatorSourceSchema.safeParse(i.source);
      if (!source.success) return [];
      const s = source.data;
      if (s.kind !== 'activities' && s.kind !== 'participation') return [];
      return [{ code: i.code, filter: s.filter ?? {} }];
    });
    if (readers.length === 0) {
      out.push({
        id: grant.id,
        code: grant.code,
        parts: [messageText('warning.uncounted.no-activity-indicator')],
      });
      continue;
    }
    const missed = readers.map((r) => ({ ...r, misses: activityFilterMisses(fact, r.filter) }));
    if (missed.some((r) => r.misses.length === 0)) continue;
    // Indicators that leave it out for the same reasons are said together.
    const byReason = new Map<string, { codes: string[]; fields: Message[] }>();
    for (const r of missed) {
      const fields = r.misses.map((c) => criterionWords(c, r.filter));
      const key = fields.map((f) => f.fr).join('|');
      const group = byReason.get(key) ?? { codes: [], fields };
      group.codes.push(r.code);
      byReason.set(key, group);
    }
    out.push({
      id: grant.id,
      code: grant.code,
      parts: [...byReason.values()].map((g) => messageText('warning.uncounted.indicators', g)),
    });
  }
  return out;
}

/**
 * The warnings for the grants that will not count an activity; `before`: the grants that did not
 * count the activity as stored (a correction), not warned of again.
 */
export function uncountedGrantWarnings(
  type: string,
  counting: GrantCounting,
  before: ReadonlySet<string> = new Set(),
): EntryWarning[] {
  return uncountedGrants(type, counting)
    .filter((g) => !before.has(g.id))
    .map((g) => ({
      code: 'grant-not-counted' as const,
      message: messageText('warning.grant-not-counted', { grant: g.code, parts: g.parts }),
      records: [],
    }));
}
