import {
  must,
  capitalised,
  categoryName,
  participationValue,
  participationRecord,
  figureOf,
  formatFigure,
  formatUncounted,
  formatDate,
  formatPercent,
  monthName,
  type CountRecord,
  type Locale,
} from '@jalon/domain';
import type { BulletinModel } from '../model/bulletin-model';
import type { Activity } from '../model/evidence';
import { countInWords, type Gender } from './number-words';
import { reportSays, type ReportMessageKey } from '../messages/index';

/*
 * The French gender of the nouns the bulletin counts, by type code (« une (1) note », « deux (2)
 * recherches »): the number agrees with them. A type not listed is masculine.
 */
const FEMININE_ACTIVITY_TYPES = new Set([
  'training',
  'awareness',
  'meeting',
  'research',
  'conference',
  'ceremony',
]);
const FEMININE_DELIVERABLES = new Set(['bimonthly-note', 'policy-brief', 'study']);
const genderOfActivity = (type: string): Gender =>
  FEMININE_ACTIVITY_TYPES.has(type) ? 'feminine' : 'masculine';
const genderOfDeliverable = (type: string): Gender =>
  FEMININE_DELIVERABLES.has(type) ? 'feminine' : 'masculine';

/** The figures of one programme: its name and the sentences that state them. */
export type ProgrammeFigures = { code: string; name: string; sentences: string[] };

/**
 * The figures section of a bulletin, in one language: `summary` states the period's totals,
 * `assessment` the institutional index's line.
 */
export type BulletinFigures = {
  title: string;
  summary: string | null;
  assessment?: string;
  programmes: ProgrammeFigures[];
};

/** « Programme opérationnel depuis 2011. », « … dans six (6) pays depuis 2021 : Afghanistan, … ». */
function programmeFacts(p: BulletinModel['programmes'][number], locale: Locale): string | null {
  const countries = p.countries ?? [];
  const since = p.sinceYear ? reportSays(locale, 'programme-since', p.sinceYear) : '';
  if (countries.length > 1) {
    const n = countInWords(countries.length, locale);
    const names = andList(
      countries.map((c) => c.name[locale]),
      locale,
    );
    return reportSays(locale, 'programme-countries', n, since, names);
  }
  if (!since) return null;
  return reportSays(locale, 'programme-running', since);
}

/** « Indice de durabilité institutionnelle WODI : 86,85 % (évaluation 2022), 3e sur 7. » */
function assessmentLine(model: BulletinModel, locale: Locale): string | undefined {
  const a = model.assessment;
  if (!a) return undefined;
  const index = formatPercent(a.index / 100, locale);
  return reportSays(locale, 'assessment-line', a.label[locale], index, a.cycle, a.rank, a.of);
}

/** `a, b et c` / `a, b and c`. */
function andList(items: readonly string[], locale: Locale): string {
  if (items.length < 2) return items.join('');
  return reportSays(locale, 'list-and', items.slice(0, -1).join(', '), items.at(-1) ?? '');
}

/** `Entre avril et juin 2023` for a span of whole months in one year, else `En <label>`. */
function during(model: BulletinModel, locale: Locale): string {
  const { start, end } = model.period;
  const sm = Number(start.slice(5, 7));
  const em = Number(end.slice(5, 7));
  if (start.slice(0, 4) === end.slice(0, 4) && start.endsWith('-01') && sm !== em) {
    return reportSays(
      locale,
      'during-months',
      monthName(sm, locale),
      monthName(em, locale),
      end.slice(0, 4),
    );
  }
  return reportSays(locale, 'during-period', model.period.label[locale]);
}

function plural(noun: string, n: number, locale: Locale): string {
  if (n < 2) return noun;
  if (locale === 'fr')
    return noun
      .split(' ')
      .map((w, i) => (i === 0 && !/[sxz]$/.test(w) ? `${w}s` : w))
      .join(' ');
  // Uncountable English nouns are counted through a countable one.
  const uncountable: Record<string, string> = {
    research: 'research projects',
    'awareness-raising': 'awareness-raising sessions',
    advocacy: 'advocacy actions',
  };
  if (uncountable[noun]) return uncountable[noun];
  const words = noun.split(' ');
  const last = words.pop() ?? noun;
  return [...words, /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`].join(' ');
}

/** The parts the bulletin states of every participant total: the women and the young people. */
const STATED_PARTS = [
  ['sex', 'female'],
  ['age', 'youth'],
] as const;

/** A part's name for prose (« femmes », « young people »), from the domain's one table. */
const partName = (dimension: string, category: string, locale: Locale) =>
  categoryName(dimension, category)?.[locale] ?? category;

/**
 * The participants of some activities as a sentence part: "plus de 325 participants, dont 78 femmes et
 * 117 jeunes". Totals add with their qualifiers; a part is stated only where every record knows it
 * (otherwise as "au moins"), and activities without a count are said to be missing, never guessed.
 */
export function participantsPhrase(
  model: BulletinModel,
  activities: readonly Activity[],
  locale: Locale,
): string | null {
  // The engine's reading of each activity: its counts (a breakdown alone, « 30 femmes, 20
  // hommes », counted its participants too), else its named people, else nobody counted them.
  const records: CountRecord[] = activities.flatMap((a) => {
    const r = participationRecord(a.participants, a.namedParticipants);
    return r ? [r] : [];
  });
  if (records.length === 0) return null;
  const missing = activities.length - records.length;
  // The total as the engine computes it, in the domain's words: « plus de 325 » as recorded,
  // « au moins … » when activities nobody counted leave it open above.
  const total = participationValue(
    { measure: 'participations', records, unknownActivities: missing },
    undefined,
    { breakdown: [], dimensions: model.dimensions },
    'bulletin',
  );
  if (!total.ok) return null;
  const stated = formatFigure(figureOf(total.value), locale, { uncounted: false });
  let text = reportSays(locale, 'participants-count', stated);
  // Each part as the engine computes it (`participationValue`, the activities nobody counted
  // included): the same value, in the same words, as the pages and the workbook.
  const parts: string[] = [];
  for (const [dim, cat] of STATED_PARTS) {
    const stated = partStated(records, missing, { [dim]: cat }, model, locale);
    if (stated) parts.push(`${stated} ${partName(dim, cat, locale)}`);
  }
  if (parts.length > 0)
    text += reportSays(
      locale,
      'participants-of-whom',
      parts.reduce((a, b) => reportSays(locale, 'and-pair', a, b)),
    );
  if (missing > 0) text += ` (${formatUncounted(missing, locale)})`;
  return text;
}

/**
 * A part of some activities' participants (women, youth) as the engine states it: its count when
 * every record knows it (« 78 »), the interval it lies in otherwise (« entre 56 et 97 »), open
 * above when some activity was never counted (« au moins 78 »). Null when nothing of it is certain.
 */
export function partStated(
  records: readonly CountRecord[],
  uncounted: number,
  where: Record<string, string>,
  model: Pick<BulletinModel, 'dimensions'>,
  locale: Locale,
): string | null {
  const part = participationValue(
    { measure: 'participations', records: [...records], unknownActivities: uncounted },
    where,
    { breakdown: [], dimensions: model.dimensions },
    'bulletin',
  );
  if (!part.ok) return null;
  const figure = figureOf(part.value);
  if (figure.value <= 0 && (figure.atLeast || figure.qualifier === 'at-least')) return null;
  return formatFigure(figure, locale, { uncounted: false });
}

function activitySentences(
  model: BulletinModel,
  activities: readonly Activity[],
  locale: Locale,
): string[] {
  const byType = new Map<string, Activity[]>();
  for (const a of [...activities].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)))
    byType.set(a.type, [...(byType.get(a.type) ?? []), a]);
  const out: string[] = [];
  for (const group of byType.values()) {
    const first = group[0];
    if (!first) continue;
    const who = participantsPhrase(model, group, locale);
    if (group.length === 1) {
      // A span is said as a span ("Du 1er avril au 30 juin 2023"): a bulletin that gives no exact
      // day must not gain one. A series says how many sessions it held.
      const spans = first.endDate !== undefined && first.endDate !== first.date;
      const when = spans
        ? reportSays(
            locale,
            'activity-from-to',
            formatDate(first.date, locale),
            formatDate(
              must(first.endDate, 'the end date of an activity over several days'),
              locale,
            ),
          )
        : reportSays(locale, 'activity-on', formatDate(first.date, locale));
      const place = first.places.length ? ` (${first.places.join(', ')})` : '';
      const type = first.typeLabel[locale].toLowerCase();
      const what =
        (first.sessions ?? 1) > 1
          ? reportSays(
              locale,
              'activity-sessions',
              countInWords(first.sessions ?? 1, locale, 'feminine'),
              type,
              first.title,
            )
          : reportSays(locale, 'activity-one', type, first.title);
      out.push(reportSays(locale, 'activity-sentence', when, what, place, who ?? ''));
      continue;
    }
    const places = [...new Set(group.flatMap((a) => a.places))];
    const noun = plural(first.typeLabel[locale].toLowerCase(), group.length, locale);
    const gender = genderOfActivity(first.type);
    // Places come only from activities that recorded one: « à Bamako » for all of them only when
    // all of them were there.
    const placed = group.filter((a) => a.places.length > 0).length;
    const where =
      placed === 0
        ? ''
        : placed === group.length
          ? reportSays(locale, 'places-all', andList(places, locale))
          : reportSays(
              locale,
              'places-some',
              countInWords(placed, locale, gender),
              countInWords(group.length, locale, gender),
              andList(places, locale),
            );
    out.push(
      reportSays(
        locale,
        'activities-sentence',
        capitalised(countInWords(group.length, locale, gender)),
        noun,
        where,
        who ?? '',
      ),
    );
  }
  return out;
}

/** The section's title names the period's kind (a monthly bulletin is not « du trimestre »). */
const FIGURES_TITLE: Record<string, ReportMessageKey> = {
  week: 'figures-title-week',
  month: 'figures-title-month',
  quarter: 'figures-title-quarter',
  semester: 'figures-title-semester',
  year: 'figures-title-year',
  'fiscal-year': 'figures-title-fiscal-year',
};

/**
 * The figures section of a quarterly bulletin: for each programme, its products and incidents, then its
 * activities with their participants by sex and age — every number taken from the model, as the
 * bulletin writes it ("environ 50", "plus de 325 … dont 78 femmes et 117 jeunes", "116 incidents
 * majeurs avec un bilan de 153 morts et 236 blessés").
 * @example bulletinFigures(model, 'fr').programmes[0].sentences[0] // 'Entre avril et juin 2023, le programme a produit et diffusé douze (12) rapports hebdomadaires…'
 */
export function bulletinFigures(model: BulletinModel, locale: Locale): BulletinFigures {
  const span = model.period.label[locale];
  const programmes: ProgrammeFigures[] = [];
  for (const p of model.programmes) {
    const sentences: string[] = [];
    const products = model.deliverables.filter((d) => d.programmeCode === p.code && d.count > 0);
    const incidents = model.incidents.find((i) => i.programmeCode === p.code);
    if (products.length > 0) {
      const list = products.map(
        (d) =>
          `${countInWords(d.count, locale, genderOfDeliverable(d.type))} ${d.count === 1 ? d.label[locale].one : d.label[locale].other}`,
      );
      const joined = andList(list, locale);
      sentences.push(reportSays(locale, 'programme-produced', during(model, locale), joined));
    }
    if (incidents) {
      const t = incidents.total;
      sentences.push(reportSays(locale, 'incidents-total', t.incidents, t.deaths, t.injuries));
      for (const c of incidents.byCategory)
        sentences.push(
          reportSays(
            locale,
            'incidents-category',
            c.label[locale],
            c.incidents,
            c.deaths,
            c.injuries,
          ),
        );
    }
    const activities = model.activities.filter(
      (a) =>
        a.programmeCode === p.code && a.date >= model.period.start && a.date <= model.period.end,
    );
    sentences.push(...activitySentences(model, activities, locale));
    const facts = programmeFacts(p, locale);
    if (sentences.length > 0)
      programmes.push({
        code: p.code,
        name: p.name[locale],
        sentences: facts ? [facts, ...sentences] : sentences,
      });
  }
  const assessment = assessmentLine(model, locale);
  return {
    ...(assessment ? { assessment } : {}),
    title: `${reportSays(locale, FIGURES_TITLE[model.period.kind] ?? 'figures-title-range')} — ${span}`,
    summary: totalsSentence(model, locale),
    programmes,
  };
}

/**
 * The period's participants in all, as `bulletin.figures` computed them: « Au total, au moins
 * environ 657 participants, dont au moins 179 femmes et au moins 226 jeunes (13 activités sans
 * décompte). » — the same figures, in the same words, as the dashboard.
 */
export function totalsSentence(model: BulletinModel, locale: Locale): string | null {
  const t = model.totals;
  if (!t) return null;
  const f = (x: typeof t.women) => formatFigure(x, locale, { uncounted: false });
  const uncounted = Math.max(t.participants.uncounted, t.women.uncounted, t.youth.uncounted);
  const note = uncounted > 0 ? ` (${formatUncounted(uncounted, locale)})` : '';
  const [women, youth] = STATED_PARTS.map(([d, c]) => partName(d, c, locale));
  const ofWhom = reportSays(
    locale,
    'participants-of-whom',
    reportSays(locale, 'and-pair', `${f(t.women)} ${women}`, `${f(t.youth)} ${youth}`),
  );
  return reportSays(locale, 'totals-sentence', f(t.participants), ofWhom, note);
}
