import { locales, messageText } from '../messages';
import { activityRecords, listProgrammes, loadAssessments, type Database } from '@jalon/db';
import { deliverableTypes } from '@jalon/db/schema';
import {
  DEFAULT_DIMENSIONS,
  formatPeriod,
  isCounted,
  rankAssessments,
  roundForOutput,
  scoreAssessment,
  type Locale,
  type LocalizedText,
  type Period,
} from '@jalon/domain';
import { parseBulletinModel, type BulletinModel, type DeliverableCount } from '@jalon/reports';
import { bulletinFigures } from './bulletin-figures';
import {
  activitiesOfPeriod,
  DELIVERABLE_LABELS,
  incidentSummaries,
  toEvidence,
} from './report-evidence';

/** Country names in French and English; the bulletin's own name where the locale's differs. */
const COUNTRY_NAMES: Readonly<Record<string, LocalizedText>> = {
  CD: messageText('country.CD'),
};
const regionNames = (locale: Locale) => new Intl.DisplayNames([locale], { type: 'region' });
function countryName(code: string): LocalizedText {
  return (
    COUNTRY_NAMES[code] ??
    (Object.fromEntries(locales.map((l) => [l, regionNames(l).of(code) ?? code])) as LocalizedText)
  );
}

/**
 * The organisation's institutional index as the bulletin quotes it: the latest cycle of the
 * framework assessed by the period's end, with its rank among the peers of that cycle.
 */
async function latestAssessment(
  db: Database,
  organisationId: string,
  organisationCode: string,
  period: Period,
  framework = 'WODI',
): Promise<BulletinModel['assessment']> {
  const data = await loadAssessments(db, organisationId, framework);
  if (!data) return undefined;
  const year = Number(period.end.slice(0, 4));
  const mine = data.assessments
    .filter((a) => a.organisation === organisationCode && Number(a.cycle) <= year)
    .sort((a, b) => Number(b.cycle) - Number(a.cycle))[0];
  if (!mine) return undefined;
  const peers = data.assessments.filter((a) => a.cycle === mine.cycle);
  const scored = peers.flatMap((a) => {
    const s = scoreAssessment(data.framework, a);
    return s.ok ? [{ organisation: a.organisation, index: s.value.index }] : [];
  });
  const me = rankAssessments(scored).find((r) => r.organisation === organisationCode);
  if (!me) return undefined;
  return {
    framework: data.framework.code,
    label: data.framework.label,
    cycle: Number(mine.cycle),
    index: roundForOutput(me.index, 'percent'),
    rank: me.rank,
    of: scored.length,
  };
}

/**
 * The quarterly bulletin's model from the database: every programme, the period's activities with
 * their participants (the renderer states them), the incidents and the products. Incidents and
 * products are the figures {@link bulletinFigures} computes, incidents are split by domain.
 * @example renderBulletinMarkdown(await buildBulletinModel(db, org, parsePeriod('2023-Q2').value), 'fr')
 */
export async function buildBulletinModel(
  db: Database,
  organisationId: string,
  period: Period,
  options: { generatedAt?: string | undefined } = {},
): Promise<BulletinModel> {
  const org = await db.query.organisation.findFirst({
    where: (o, { eq }) => eq(o.id, organisationId),
  });
  if (!org) throw new Error('bulletin: unknown organisation');
  if (!org.country) throw new Error(`bulletin: organisation ${org.code} has no country`);
  const [figures, programmes] = await Promise.all([
    bulletinFigures(db, organisationId, period),
    listProgrammes(db, organisationId),
  ]);
  // Each activity nobody counted but whose people were named carries them, as the engine reads
  // them: the prose then says what the figures say.
  const [rows, records] = await Promise.all([
    activitiesOfPeriod(db, organisationId, period),
    activityRecords(db, organisationId, period),
  ]);
  const activities = rows.map(({ row, grants }) => {
    const evidence = toEvidence(row, grants);
    const named = isCounted(evidence.participants) ? null : records.get(row.id);
    return named ? { ...evidence, namedParticipants: named } : evidence;
  });

  const deliverables: DeliverableCount[] = [];
  for (const p of figures.programmes) {
    for (const type of deliverableTypes) {
      const count = p.deliverables[type];
      if (count)
        deliverables.push({ programmeCode: p.code, type, label: DELIVERABLE_LABELS[type], count });
    }
  }
  // Incidents by programme and domain; their totals are the bulletin's (116 incidents, 153 dead, 236 injured).
  const incidents = await incidentSummaries(db, organisationId, period, programmes);

  const model: BulletinModel = {
    schemaVersion: 1,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    organisation: { code: org.code, name: org.name, country: org.country },
    period: {
      code: period.code,
      kind: period.kind,
      start: period.start,
      end: period.end,
      roles: ['reporting-period'],
      label: { fr: formatPeriod(period, 'fr', 'long'), en: formatPeriod(period, 'en', 'long') },
    },
    dimensions: [...DEFAULT_DIMENSIONS],
    programmes: programmes.map((p) => ({
      code: p.code,
      name: { fr: p.name, en: p.nameEn },
      ...(p.sinceYear ? { sinceYear: p.sinceYear } : {}),
      ...(p.countries.length > 0
        ? { countries: p.countries.map((code) => ({ code, name: countryName(code) })) }
        : {}),
    })),
    activities,
    incidents,
    deliverables,
    totals: {
      participants: figures.totals.participants,
      women: figures.totals.women,
      youth: figures.totals.youth,
    },
  };
  const assessment = await latestAssessment(db, organisationId, org.code, period);
  if (assessment) model.assessment = assessment;
  const parsed = parseBulletinModel(model);
  if (!parsed.ok)
    throw new Error(
      `bulletin model does not validate: ${parsed.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return parsed.value;
}
