import { formatNumber } from '@jalon/domain';
import type { Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { intlLocale } from './locale';

export type CountQualifier = 'exact' | 'approximate' | 'at-least';

export interface Count {
  value: number;
  qualifier: CountQualifier;
}

export interface ParticipantCounts {
  total: Count | null;
  cells: (Count & { key: Record<string, string> })[];
}

/**
 * How the participants of an activity were counted, said the way the bulletin says it:
 * `150 participants dont 97 femmes et 109 jeunes`, `environ 50 participants`,
 * `plus de 325 participants dont 78 femmes et 117 jeunes`. Returns `null` when nothing was
 * counted, so the page can say so instead of printing a zero.
 *
 * Only what was recorded is shown: a breakdown by sex and one by age are two marginals, and no
 * cross-cell (young women) is made up from them.
 */
export function formatParticipants(
  participants: ParticipantCounts | null,
  locale: Locale,
): string | null {
  if (!participants) return null;
  const { total } = participants;
  const groups = [...participants.cells].sort(byDimension).map((cell) => formatGroup(cell, locale));
  const totalText = total
    ? m.participants_total({ count: total.value, value: qualified(total, locale) }, { locale })
    : null;
  if (groups.length === 0) return totalText;
  const breakdown = new Intl.ListFormat(intlLocale(locale), {
    style: 'long',
    type: 'conjunction',
  }).format(groups);
  if (totalText === null) return m.participants_unknown_total_including({ breakdown }, { locale });
  return m.participants_including({ total: totalText, breakdown }, { locale });
}

/** `97`, `environ 50`, `plus de 325`. */
function qualified(count: Count, locale: Locale): string {
  const value = formatNumber(count.value, locale);
  switch (count.qualifier) {
    case 'exact':
      return value;
    case 'approximate':
      return m.qualifier_approximate({ value }, { locale });
    case 'at-least':
      return m.qualifier_at_least({ value }, { locale });
  }
}

const DIMENSION_ORDER = ['sex', 'age', 'disability'];

/** Sex before age before anything else; single dimensions before cross-cells. */
function byDimension(a: { key: Record<string, string> }, b: { key: Record<string, string> }) {
  const rank = (key: Record<string, string>) => {
    const dims = Object.keys(key);
    const first = Math.min(
      ...dims.map((d) => {
        const i = DIMENSION_ORDER.indexOf(d);
        return i === -1 ? DIMENSION_ORDER.length : i;
      }),
    );
    return dims.length * 10 + first;
  };
  return rank(a.key) - rank(b.key);
}

type GroupMessage = (
  inputs: { count: number; value: string },
  options: { locale: Locale },
) => string;

/** Words for the breakdowns recorded today, by canonical cell key (`age=youth;sex=female`). */
const GROUPS: Record<string, GroupMessage> = {
  'sex=female': m.group_female,
  'sex=male': m.group_male,
  'age=child': m.group_child,
  'age=youth': m.group_youth,
  'age=adult': m.group_adult,
  'age=youth;sex=female': m.group_female_youth,
  'age=youth;sex=male': m.group_male_youth,
  'disability=with': m.group_disability,
  'disability=without': m.group_no_disability,
};

function canonicalKey(key: Record<string, string>): string {
  return Object.keys(key)
    .sort()
    .map((dimension) => `${dimension}=${key[dimension]}`)
    .join(';');
}

function formatGroup(cell: Count & { key: Record<string, string> }, locale: Locale): string {
  const value = qualified(cell, locale);
  const message = GROUPS[canonicalKey(cell.key)];
  if (message) return message({ count: cell.value, value }, { locale });
  // A breakdown this page has no words for yet: show it plainly rather than drop it.
  const label = Object.entries(cell.key)
    .map(([dimension, category]) => `${dimension}: ${category}`)
    .join(', ');
  return m.group_other({ value, label }, { locale });
}
