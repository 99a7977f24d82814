import { must, cellKeyToString, parsePeriod } from '@jalon/domain';
import { eq, inArray } from 'drizzle-orm';
import {
  activityGrant,
  baseline,
  deliverable,
  donor,
  grant,
  grantProgramme,
  incident,
  indicator,
  indicatorComment,
  resultNode,
  target,
} from '../schema/index';
import {
  demoComments,
  demoDeliverables,
  demoDonors,
  demoGrants,
  demoIncidents,
  type DemoGrant,
  type DemoIndicator,
} from './demo-grants';
import type { Tx } from '../command';

export interface SeedRefs {
  organisationId: string;
  placeIds: Map<string, string>;
  programmeIds: Map<string, string>;
  activityIds: Map<string, string>;
}

type TargetRow = typeof target.$inferInsert & {
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  cellKey: string;
  lifeOfGrant: boolean;
};

/** Donors, grants and what hangs from them; upserts keyed by codes, so a second run changes nothing. */
export async function seedGrants(
  tx: Tx,
  refs: SeedRefs,
): Promise<{ grants: number; indicators: number }> {
  const donorIds = await seedDonors(tx, refs.organisationId);
  const grantIds = new Map<string, string>();
  const indicatorIds = new Map<string, string>();
  let indicators = 0;
  for (const g of demoGrants) {
    const grantId = await seedGrant(
      tx,
      refs,
      g,
      must(donorIds.get(g.donor), 'the id of a grant’s donor'),
    );
    grantIds.set(g.code, grantId);
    const nodeIds = await seedResultNodes(tx, refs.organisationId, grantId, g);
    for (const i of g.indicators) {
      indicatorIds.set(i.code, await seedIndicator(tx, refs, g, i, nodeIds));
      indicators++;
    }
  }
  await seedComments(tx, refs.organisationId, grantIds, indicatorIds);
  await linkActivities(tx, refs, grantIds);
  await seedIncidents(tx, refs);
  await seedDeliverables(tx, refs, grantIds);
  return { grants: demoGrants.length, indicators };
}

async function seedDonors(tx: Tx, organisationId: string): Promise<Map<string, string>> {
  const donorIds = new Map<string, string>();
  for (const d of demoDonors) {
    const [row] = await tx
      .insert(donor)
      .values({ organisationId, ...d })
      .onConflictDoUpdate({
        target: [donor.organisationId, donor.code],
        set: { name: d.name, iatiRef: d.iatiRef },
      })
      .returning({ id: donor.id });
    donorIds.set(d.code, must(row, 'the donor just written').id);
  }
  return donorIds;
}

/** The grant row and its programmes (rebuilt as a whole); returns the grant's id. */
async function seedGrant(tx: Tx, refs: SeedRefs, g: DemoGrant, donorId: string): Promise<string> {
  const { organisationId } = refs;
  const values = {
    donorId,
    title: g.title,
    titleEn: g.titleEn,
    businessUnit: g.businessUnit ?? null,
    projectId: g.projectId ?? null,
    startDate: g.startDate,
    endDate: g.endDate,
    currency: g.currency,
    amount: g.amount,
    fiscalYearStartMonth: g.fiscalYearStartMonth,
    reportTemplate: g.reportTemplate,
    iatiIdentifier: g.iatiIdentifier,
    donorReference: g.donorReference,
  };
  const [row] = await tx
    .insert(grant)
    .values({ organisationId, code: g.code, ...values })
    .onConflictDoUpdate({ target: [grant.organisationId, grant.code], set: values })
    .returning({ id: grant.id });
  const grantId = must(row, 'the grant just written').id;

  await tx.delete(grantProgramme).where(eq(grantProgramme.grantId, grantId));
  await tx.insert(grantProgramme).values(
    g.programmes.map((code) => ({
      organisationId,
      grantId,
      programmeId: must(refs.programmeIds.get(code), 'the id of a grant’s programme'),
    })),
  );
  return grantId;
}

/** The grant's results framework, parents before children; returns node ids by code. */
async function seedResultNodes(
  tx: Tx,
  organisationId: string,
  grantId: string,
  g: DemoGrant,
): Promise<Map<string, string>> {
  const nodeIds = new Map<string, string>();
  for (const [position, n] of g.nodes.entries()) {
    const set = {
      parentId: n.parent
        ? must(nodeIds.get(n.parent), 'the id of a results-framework node’s parent')
        : null,
      level: n.level,
      title: n.title,
      titleEn: n.titleEn,
      assumptions: n.assumptions ?? null,
      position,
    };
    const [node] = await tx
      .insert(resultNode)
      .values({ organisationId, grantId, code: n.code, ...set })
      .onConflictDoUpdate({
        target: [resultNode.organisationId, resultNode.grantId, resultNode.code],
        set,
      })
      .returning({ id: resultNode.id });
    nodeIds.set(n.code, must(node, 'the results-framework node just written').id);
  }
  return nodeIds;
}

/** One indicator with its baseline and targets; returns its id. */
async function seedIndicator(
  tx: Tx,
  refs: SeedRefs,
  g: DemoGrant,
  i: DemoIndicator,
  nodeIds: Map<string, string>,
): Promise<string> {
  const { organisationId } = refs;
  const set = {
    resultNodeId: must(nodeIds.get(i.node), 'the id of an indicator’s results-framework node'),
    title: i.title,
    titleEn: i.titleEn,
    unit: i.unit,
    direction: i.direction,
    timeRule: i.timeRule,
    cumulative: i.cumulative,
    sourceKind: i.source.kind as (typeof indicator.$inferInsert)['sourceKind'],
    source: i.source,
    dimensions: i.dimensions ?? [],
    sourceOfVerification: i.sourceOfVerification,
  };
  const [ind] = await tx
    .insert(indicator)
    .values({ organisationId, code: i.code, ...set })
    .onConflictDoUpdate({ target: [indicator.organisationId, indicator.code], set })
    .returning({ id: indicator.id });
  const indicatorId = must(ind, 'the indicator just written').id;
  await tx
    .insert(baseline)
    .values({
      organisationId,
      indicatorId,
      cellKey: '',
      value: i.baseline.value,
      year: i.baseline.year,
    })
    .onConflictDoUpdate({
      target: [baseline.organisationId, baseline.indicatorId, baseline.cellKey],
      set: i.baseline,
    });
  await syncTargets(tx, indicatorId, indicatorTargets(organisationId, indicatorId, g, i));
  return indicatorId;
}

/** The targets the seed states for one indicator: per period, life of grant, and per cell. */
function indicatorTargets(
  organisationId: string,
  indicatorId: string,
  g: DemoGrant,
  i: DemoIndicator,
): TargetRow[] {
  const periodOf = (code: string) => {
    const period = parsePeriod(code, { fiscalYearStartMonth: g.fiscalYearStartMonth });
    if (!period.ok)
      throw new Error(`seed: target period ${code} of ${i.code}: ${period.error.message.en}`);
    return period.value;
  };
  const cellTargets = (i.breakdownTargets ?? []).map((b) => {
    const period = periodOf(b.period);
    return {
      organisationId,
      indicatorId,
      periodCode: period.code,
      periodStart: period.start,
      periodEnd: period.end,
      cellKey: cellKeyToString(b.cell),
      value: b.value,
      lifeOfGrant: false,
    };
  });
  const targets: TargetRow[] = Object.entries(i.targets).map(([code, value]) => {
    if (code === 'LOG') {
      return {
        organisationId,
        indicatorId,
        periodCode: 'LOG',
        periodStart: g.startDate,
        periodEnd: g.endDate,
        cellKey: '',
        value,
        lifeOfGrant: true,
      };
    }
    const period = periodOf(code);
    return {
      organisationId,
      indicatorId,
      periodCode: period.code,
      periodStart: period.start,
      periodEnd: period.end,
      cellKey: '',
      value,
      lifeOfGrant: false,
    };
  });
  targets.push(...cellTargets);
  return targets;
}

/** Upsert what the seed states, then drop what it no longer states: ids stay stable. */
async function syncTargets(tx: Tx, indicatorId: string, targets: TargetRow[]): Promise<void> {
  for (const t of targets) {
    await tx
      .insert(target)
      .values(t)
      .onConflictDoUpdate({
        target: [target.organisationId, target.indicatorId, target.periodCode, target.cellKey],
        set: {
          periodStart: t.periodStart,
          periodEnd: t.periodEnd,
          value: t.value,
          lifeOfGrant: t.lifeOfGrant,
        },
      });
  }
  const stated = new Set(targets.map((t) => `${t.periodCode}|${t.cellKey}`));
  const unstated = (
    await tx
      .select({ id: target.id, periodCode: target.periodCode, cellKey: target.cellKey })
      .from(target)
      .where(eq(target.indicatorId, indicatorId))
  ).filter((t) => !stated.has(`${t.periodCode}|${t.cellKey}`));
  if (unstated.length > 0)
    await tx.delete(target).where(
      inArray(
        target.id,
        unstated.map((t) => t.id),
      ),
    );
}

/** The demo's comments are restored on every seed; other comments (written since) are left alone. */
async function seedComments(
  tx: Tx,
  organisationId: string,
  grantIds: Map<string, string>,
  indicatorIds: Map<string, string>,
): Promise<void> {
  for (const c of demoComments) {
    const grantId = grantIds.get(c.grant);
    const indicatorId = indicatorIds.get(c.indicator);
    if (!grantId || !indicatorId) throw new Error(`seed: comment on ${c.grant} ${c.indicator}`);
    await tx
      .insert(indicatorComment)
      // The bulletin's comments are French, and say so.
      .values({
        organisationId,
        grantId,
        indicatorId,
        periodCode: c.period,
        comment: c.comment,
        language: 'fr',
      })
      .onConflictDoUpdate({
        target: [
          indicatorComment.organisationId,
          indicatorComment.grantId,
          indicatorComment.indicatorId,
          indicatorComment.periodCode,
          indicatorComment.language,
        ],
        set: { comment: c.comment },
      });
  }
}

/** Activity ↔ grant links, rebuilt as a whole (an activity may report to several grants). */
async function linkActivities(
  tx: Tx,
  refs: SeedRefs,
  grantIds: Map<string, string>,
): Promise<void> {
  const links = demoGrants.flatMap((g) =>
    [...refs.activityIds]
      .filter(([code]) => g.activityPrefixes.some((p) => code.startsWith(p)))
      .map(([, activityId]) => ({
        organisationId: refs.organisationId,
        activityId,
        grantId: must(grantIds.get(g.code), 'the id of a seeded grant'),
      })),
  );
  await tx
    .delete(activityGrant)
    .where(inArray(activityGrant.activityId, [...refs.activityIds.values()]));
  if (links.length > 0) await tx.insert(activityGrant).values(links);
}

async function seedIncidents(tx: Tx, refs: SeedRefs): Promise<void> {
  const news = must(refs.programmeIds.get('NEWS'), 'the id of the early-warning programme');
  for (const i of demoIncidents()) {
    const set = {
      programmeId: news,
      date: i.date,
      placeId: must(refs.placeIds.get(i.place), 'the id of an incident’s place'),
      category: i.category,
      deaths: i.deaths,
      injuries: i.injuries,
      verified: i.verified,
    };
    await tx
      .insert(incident)
      .values({ organisationId: refs.organisationId, code: i.code, ...set })
      .onConflictDoUpdate({ target: [incident.organisationId, incident.code], set });
  }
}

async function seedDeliverables(
  tx: Tx,
  refs: SeedRefs,
  grantIds: Map<string, string>,
): Promise<void> {
  for (const d of demoDeliverables()) {
    const set = {
      programmeId: must(refs.programmeIds.get(d.programme), 'the id of a deliverable’s programme'),
      grantId: d.grant ? must(grantIds.get(d.grant), 'the id of a deliverable’s grant') : null,
      type: d.type,
      title: d.title,
      date: d.date,
    };
    await tx
      .insert(deliverable)
      .values({ organisationId: refs.organisationId, code: d.code, ...set })
      .onConflictDoUpdate({ target: [deliverable.organisationId, deliverable.code], set });
  }
}
