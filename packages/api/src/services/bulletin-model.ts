import { deliverableTypes, listProgrammes, type Database } from '@jalon/db';
import { DEFAULT_DIMENSIONS, formatPeriod, type Period } from '@jalon/domain';
import { parseBulletinModel, type BulletinModel, type DeliverableCount } from '@jalon/reports';
import { bulletinFigures } from './bulletin-figures';
import {
  activitiesOfPeriod,
  DELIVERABLE_LABELS,
  incidentSummaries,
  toEvidence,
} from './report-evidence';

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
  const activities = (await activitiesOfPeriod(db, organisationId, period)).map((a) =>
    toEvidence(a.row, a.grants),
  );

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
    programmes: programmes.map((p) => ({ code: p.code, name: { fr: p.name, en: p.nameEn } })),
    activities,
    incidents,
    deliverables,
    totals: {
      participants: figures.totals.participants,
      women: figures.totals.women,
      youth: figures.totals.youth,
    },
  };
  const parsed = parseBulletinModel(model);
  if (!parsed.ok)
    throw new Error(
      `bulletin model does not validate: ${parsed.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return parsed.value;
}
