import { demoPassword } from '@jalon/db/seed';
import type { Resource } from '../auth/permissions';
import type { World } from './world';

/**
 * The four situations of the resource matrix, seen from a user of organisation A:
 * - `own`: a record of A within every narrowed role's reach (FPS for the programme officer,
 *   PROSMED-CCSC for the donor; see `World`);
 * - `otherOrganisation`: a record (or filter) of organisation B;
 * - `otherProgramme`: a record of A of another programme (NEWS instead of FPS);
 * - `otherGrant`: a record of A of another grant (JUST-FUTURE instead of PROSMED-CCSC).
 */
export const situations = ['own', 'otherOrganisation', 'otherProgramme', 'otherGrant'] as const;
export type Situation = (typeof situations)[number];

export interface Sample {
  /** a VALID input: an allowed call with it must succeed */
  input: unknown;
  /**
   * What the call touches, as `authorize` is asked about it: the record's organisation, programmes
   * and grants, or the filter of a collection. Null for procedures that touch no data of an
   * organisation (target `none`, public).
   */
  resource: Resource | null;
  /**
   * The tRPC code an allowed call may be refused with on content this world does not hold (a
   * grant's DHIS2 mapping): the call got past authorization and was judged on what it asked. Any
   * other refusal of an allowed call is still a failure, and refused roles must still get 403.
   */
  contentRefusal?: 'BAD_REQUEST';
}

/**
 * A procedure's sample per situation. `null` says the procedure cannot name anything of that
 * kind (a collection with no programme filter, a report template…): the reason is in a comment.
 */
export type ProcedureSamples = Record<Situation, Sample | null>;

/**
 * A sample input for EVERY procedure of `appRouter`, by path. The resource-matrix test fails for
 * a procedure missing here: a new procedure must add its samples (and the `World` records they
 * need). Mutations are run in a transaction that is rolled back, so samples may name the same
 * records as the reads.
 */
export const samples: Record<string, (w: World) => ProcedureSamples> = {
  // Nothing of an organisation: the session says who is calling.
  'session.me': () => ({
    own: { input: undefined, resource: null },
    otherOrganisation: null,
    otherProgramme: null,
    otherGrant: null,
  }),
  // Her own password (every demo account has the demo one): nothing of an organisation.
  'session.changePassword': () => ({
    own: {
      input: { current: demoPassword, next: 'trois mots au hasard du fleuve' },
      resource: null,
    },
    otherOrganisation: null,
    otherProgramme: null,
    otherGrant: null,
  }),

  // A list with no filter: what another organisation holds is covered by the isolation suite.
  'programme.list': (w) => ({
    own: { input: undefined, resource: { organisationId: w.orgA } },
    otherOrganisation: null,
    otherProgramme: null,
    otherGrant: null,
  }),
  'programme.byId': (w) => ({
    own: { input: { id: w.a.programmes.fps }, resource: programmeOf(w, w.a.programmes.fps) },
    otherOrganisation: {
      input: { id: w.b.programme },
      resource: { organisationId: w.orgB, programmeIds: [w.b.programme] },
    },
    otherProgramme: {
      input: { id: w.a.programmes.news },
      resource: programmeOf(w, w.a.programmes.news),
    },
    // A programme belongs to no grant.
    otherGrant: null,
  }),

  // Places belong to no programme or grant: the organisation's map, read by every role.
  'place.list': (w) => wholeOrganisation(w, { level: 'region', search: 'bamako' }),
  'place.byId': (w) => ({
    own: { input: { id: w.a.place }, resource: { organisationId: w.orgA } },
    otherOrganisation: { input: { id: w.b.place }, resource: { organisationId: w.orgB } },
    otherProgramme: null,
    otherGrant: null,
  }),
  'place.create': (w) => ({
    own: { input: placeInput(w.a.place), resource: { organisationId: w.orgA } },
    otherOrganisation: { input: placeInput(w.b.place), resource: { organisationId: w.orgB } },
    otherProgramme: null,
    otherGrant: null,
  }),
  // A rename and a move to the parent it has (Bamako stays under Mali): the move's checks run.
  'place.update': (w) => ({
    own: {
      input: { id: w.a.place, name: 'Bamako', parentId: w.a.country },
      resource: { organisationId: w.orgA },
    },
    otherOrganisation: {
      input: { id: w.b.place, name: 'Bamako' },
      resource: { organisationId: w.orgB },
    },
    otherProgramme: null,
    otherGrant: null,
  }),
  // A locality nothing uses (a place with activities, incidents or places under it: CONFLICT).
  'place.delete': (w) => organisationRecord(w, { id: w.a.sparePlace }, { id: w.b.place }),

  // The organisation's people (network admin only). Another organisation's id is no member of A:
  // NOT_FOUND. The deactivation is rolled back by the matrix, as every allowed mutation.
  'user.list': (w) => wholeOrganisation(w, undefined),
  'user.create': (w) =>
    wholeOrganisation(w, {
      email: 'nouvelle.personne@example.org',
      name: 'Nouvelle personne',
      role: 'me-officer',
    }),
  'user.setRole': (w) =>
    organisationRecord(
      w,
      { userId: w.actors['me-officer'].userId, role: 'me-officer' },
      { userId: w.b.place, role: 'me-officer' },
    ),
  'user.deactivate': (w) =>
    organisationRecord(w, { userId: w.actors['donor-viewer'].userId }, { userId: w.b.place }),
  'user.resetPassword': (w) =>
    organisationRecord(w, { userId: w.actors['me-officer'].userId }, { userId: w.b.place }),

  // Donors belong to no programme or grant: read by every role.
  'donor.list': (w) => wholeOrganisation(w, { search: 'a', sort: 'name' }),
  'donor.byId': (w) => organisationRecord(w, { id: w.a.donor }, { id: w.b.donor }),
  'donor.create': (w) => wholeOrganisation(w, { code: 'SAMPLE-DONOR', name: 'Bailleur' }),
  'donor.update': (w) =>
    organisationRecord(
      w,
      { id: w.a.donor, donor: { code: 'SPARE-DONOR', name: 'Bailleur sans subvention' } },
      { id: w.b.donor, donor: { code: 'ORGB-DONOR', name: 'Bailleur' } },
    ),
  // A donor no grant names (one that funds a grant is refused with CONFLICT).
  'donor.delete': (w) => organisationRecord(w, { id: w.a.donor }, { id: w.b.donor }),

  'programme.create': (w) =>
    wholeOrganisation(w, { code: 'SAMPLE-PROG', name: 'Programme', nameEn: 'Programme' }),
  'programme.update': (w) => ({
    own: {
      input: { id: w.a.programmes.fps, programme: programmeFields },
      resource: programmeOf(w, w.a.programmes.fps),
    },
    otherOrganisation: {
      input: { id: w.b.programme, programme: programmeFields },
      resource: { organisationId: w.orgB, programmeIds: [w.b.programme] },
    },
    otherProgramme: {
      input: { id: w.a.programmes.news, programme: programmeFields },
      resource: programmeOf(w, w.a.programmes.news),
    },
    // A programme belongs to no grant.
    otherGrant: null,
  }),

  // A programme nothing uses; the only removable one, so no other programme or grant to name.
  'programme.delete': (w) => ({
    own: {
      input: { id: w.a.spareProgramme },
      resource: programmeOf(w, w.a.spareProgramme),
    },
    otherOrganisation: {
      input: { id: w.b.programme },
      resource: { organisationId: w.orgB, programmeIds: [w.b.programme] },
    },
    otherProgramme: null,
    otherGrant: null,
  }),

  'activity.list': (w) => ({
    own: {
      input: { programmeId: w.a.programmes.fps, period: '2023-Q2' },
      resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.fps] },
    },
    otherOrganisation: {
      input: { programmeId: w.b.programme },
      resource: { organisationId: w.orgB, programmeIds: [w.b.programme] },
    },
    otherProgramme: {
      input: { programmeId: w.a.programmes.news },
      resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.news] },
    },
    // The list filters on programmes only.
    otherGrant: null,
  }),
  // The register of named people, filtered on a programme like the activities list.
  'person.list': (w) => ({
    own: {
      input: { programmeId: w.a.programmes.fps, search: 'a' },
      resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.fps] },
    },
    otherOrganisation: {
      input: { programmeId: w.b.programme },
      resource: { organisationId: w.orgB, programmeIds: [w.b.programme] },
    },
    otherProgramme: {
      input: { programmeId: w.a.programmes.news },
      resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.news] },
    },
    // People belong to activities of programmes, not to grants.
    otherGrant: null,
  }),
  'activity.byId': (w) => ({
    own: { input: { id: w.a.activities.own.id }, resource: ownActivity(w) },
    otherOrganisation: { input: { id: w.b.activity.id }, resource: activityOfB(w) },
    otherProgramme: { input: { id: w.a.activities.news.id }, resource: newsActivity(w) },
    otherGrant: { input: { id: w.a.activities.jf.id }, resource: jfActivity(w) },
  }),
  // Asks what a save would be warned about: reached like the save itself.
  'activity.check': (w) => ({
    own: {
      input: { activity: activityInput(w.a.programmes.fps, [w.a.grants.prosmed.id]) },
      resource: ownActivity(w),
    },
    otherOrganisation: {
      input: { activity: activityInput(w.b.programme, [w.b.grant.id]) },
      resource: activityOfB(w),
    },
    otherProgramme: {
      input: { activity: activityInput(w.a.programmes.news, [w.a.grants.cedeaoNews.id]) },
      resource: newsActivity(w),
    },
    otherGrant: {
      input: { activity: activityInput(w.a.programmes.jf, [w.a.grants.justFuture.id]) },
      resource: jfActivity(w),
    },
  }),
  'activity.create': (w) => ({
    own: {
      input: activityInput(w.a.programmes.fps, [w.a.grants.prosmed.id]),
      resource: ownActivity(w),
    },
    otherOrganisation: {
      input: activityInput(w.b.programme, [w.b.grant.id]),
      resource: activityOfB(w),
    },
    otherProgramme: {
      input: activityInput(w.a.programmes.news, [w.a.grants.cedeaoNews.id]),
      resource: newsActivity(w),
    },
    otherGrant: {
      input: activityInput(w.a.programmes.jf, [w.a.grants.justFuture.id]),
      resource: jfActivity(w),
    },
  }),
  'activity.update': (w) => ({
    own: {
      input: {
        ...w.a.activities.own,
        activity: activityInput(w.a.programmes.fps, [w.a.grants.prosmed.id]),
      },
      resource: ownActivity(w),
    },
    otherOrganisation: {
      input: { ...w.b.activity, activity: activityInput(w.b.programme, [w.b.grant.id]) },
      resource: activityOfB(w),
    },
    otherProgramme: {
      input: {
        ...w.a.activities.news,
        activity: activityInput(w.a.programmes.news, [w.a.grants.cedeaoNews.id]),
      },
      resource: newsActivity(w),
    },
    otherGrant: {
      input: {
        ...w.a.activities.jf,
        activity: activityInput(w.a.programmes.jf, [w.a.grants.justFuture.id]),
      },
      resource: jfActivity(w),
    },
  }),
  'activity.delete': (w) => ({
    own: { input: { ...w.a.activities.own }, resource: ownActivity(w) },
    otherOrganisation: { input: { ...w.b.activity }, resource: activityOfB(w) },
    // drafts: a validated activity is not deleted by anyone (the refusal is its own test)
    otherProgramme: { input: { ...w.a.activities.newsDraft }, resource: newsActivity(w) },
    otherGrant: { input: { ...w.a.activities.jfDraft }, resource: jfActivity(w) },
  }),

  // Named participants of an activity: reached like the activity itself.
  'attendance.list': (w) => ({
    own: { input: { activityId: w.a.activities.own.id }, resource: ownActivity(w) },
    otherOrganisation: { input: { activityId: w.b.activity.id }, resource: activityOfB(w) },
    otherProgramme: { input: { activityId: w.a.activities.news.id }, resource: newsActivity(w) },
    otherGrant: { input: { activityId: w.a.activities.jf.id }, resource: jfActivity(w) },
  }),
  'attendance.set': (w) => ({
    own: { input: attendanceInput(w.a.activities.own.id), resource: ownActivity(w) },
    otherOrganisation: { input: attendanceInput(w.b.activity.id), resource: activityOfB(w) },
    otherProgramme: {
      input: attendanceInput(w.a.activities.news.id),
      resource: newsActivity(w),
    },
    otherGrant: { input: attendanceInput(w.a.activities.jf.id), resource: jfActivity(w) },
  }),

  // Approval: the FPS activity is a draft, the seeded NEWS and JF ones are validated; a move with
  // nothing left to do (submitting a validated activity) answers it unchanged.
  'activity.submit': (w) => activitySamples(w, (a) => ({ ...a })),
  // Validation needs a submitted activity: the validated ones answer unchanged (the draft FPS one
  // would be refused for its status, not its reach, and approvers reach the whole organisation).
  'activity.validate': (w) => ({
    ...activitySamples(w, (a) => ({ ...a })),
    own: { input: { ...w.a.activities.jf }, resource: jfActivity(w) },
  }),
  'activity.reject': (w) =>
    activitySamples(w, (a) => ({ ...a, reason: 'Chiffres à revoir avec le terrain.' })),
  'activity.restate': (w) => ({
    own: {
      input: {
        ...w.a.activities.own,
        activity: activityInput(w.a.programmes.fps, [w.a.grants.prosmed.id]),
        reason: 'Liste de présence retrouvée.',
      },
      resource: ownActivity(w),
    },
    otherOrganisation: {
      input: {
        ...w.b.activity,
        activity: activityInput(w.b.programme, [w.b.grant.id]),
        reason: 'Liste de présence retrouvée.',
      },
      resource: activityOfB(w),
    },
    otherProgramme: {
      input: {
        ...w.a.activities.news,
        activity: activityInput(w.a.programmes.news, [w.a.grants.cedeaoNews.id]),
        reason: 'Liste de présence retrouvée.',
      },
      resource: newsActivity(w),
    },
    otherGrant: {
      input: {
        ...w.a.activities.jf,
        activity: activityInput(w.a.programmes.jf, [w.a.grants.justFuture.id]),
        reason: 'Liste de présence retrouvée.',
      },
      resource: jfActivity(w),
    },
  }),

  // Values entered by hand belong to their indicator's grant (and the programmes it funds).
  'manualValue.list': (w) => ({
    own: {
      input: { grantId: w.a.grants.prosmed.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.prosmed.id] },
    },
    otherOrganisation: {
      input: { grantId: w.b.grant.id },
      resource: { organisationId: w.orgB, grantIds: [w.b.grant.id] },
    },
    otherProgramme: {
      input: { grantId: w.a.grants.cedeaoNews.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.cedeaoNews.id] },
    },
    otherGrant: {
      input: { grantId: w.a.grants.justFuture.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.justFuture.id] },
    },
  }),
  'manualValue.set': (w) =>
    indicatorSamples(w, (id) => ({ indicatorId: id, period: '2023-Q3', value: 4 })),
  'manualValue.submit': (w) => manualValueSamples(w, (v) => ({ ...v })),
  'manualValue.validate': (w) => manualValueSamples(w, (v) => ({ ...v })),
  'manualValue.reject': (w) =>
    manualValueSamples(w, (v) => ({ ...v, reason: 'Source de vérification manquante.' })),

  // A list with no filter: see programme.list.
  'grant.list': (w) => ({
    own: { input: undefined, resource: { organisationId: w.orgA } },
    otherOrganisation: null,
    otherProgramme: null,
    otherGrant: null,
  }),
  'grant.byId': (w) => ({
    own: { input: { id: w.a.grants.prosmed.id }, resource: prosmed(w) },
    otherOrganisation: { input: { id: w.b.grant.id }, resource: grantOfB(w) },
    otherProgramme: { input: { id: w.a.grants.cedeaoNews.id }, resource: cedeaoNews(w) },
    otherGrant: { input: { id: w.a.grants.justFuture.id }, resource: justFuture(w) },
  }),

  'grant.create': (w) => ({
    own: {
      input: grantInput(w.a.donor, [w.a.programmes.fps], 'SAMPLE-GRANT'),
      resource: programmeOf(w, w.a.programmes.fps),
    },
    otherOrganisation: {
      input: grantInput(w.b.donor, [w.b.programme], 'SAMPLE-GRANT'),
      resource: { organisationId: w.orgB, programmeIds: [w.b.programme] },
    },
    otherProgramme: {
      input: grantInput(w.a.donor, [w.a.programmes.news], 'SAMPLE-GRANT'),
      resource: programmeOf(w, w.a.programmes.news),
    },
    otherGrant: null,
  }),
  'grant.update': (w) => ({
    own: {
      input: { id: w.a.grants.prosmed.id, grant: grantInput(w.a.donor, [w.a.programmes.fps]) },
      resource: prosmed(w),
    },
    otherOrganisation: {
      input: { id: w.b.grant.id, grant: grantInput(w.b.donor, [w.b.programme]) },
      resource: grantOfB(w),
    },
    otherProgramme: {
      input: {
        id: w.a.grants.cedeaoNews.id,
        grant: grantInput(w.a.donor, [w.a.programmes.news]),
      },
      resource: cedeaoNews(w),
    },
    otherGrant: {
      input: { id: w.a.grants.justFuture.id, grant: grantInput(w.a.donor, [w.a.programmes.jf]) },
      resource: justFuture(w),
    },
  }),
  // A grant nothing uses, funding no programme (one with activities, indicators… is a CONFLICT).
  'grant.delete': (w) => ({
    own: {
      input: { id: w.a.spareGrant },
      resource: { organisationId: w.orgA, grantIds: [w.a.spareGrant] },
    },
    otherOrganisation: { input: { id: w.b.grant.id }, resource: grantOfB(w) },
    otherProgramme: null,
    otherGrant: null,
  }),
  'grant.addNode': (w) => ({
    own: { input: nodeInput(w.a.grants.prosmed.id), resource: prosmed(w) },
    otherOrganisation: { input: nodeInput(w.b.grant.id), resource: grantOfB(w) },
    otherProgramme: { input: nodeInput(w.a.grants.cedeaoNews.id), resource: cedeaoNews(w) },
    otherGrant: { input: nodeInput(w.a.grants.justFuture.id), resource: justFuture(w) },
  }),
  'grant.updateNode': (w) => ({
    own: {
      input: {
        id: w.a.node,
        node: { code: 'P-SPARE', title: 'Produit', titleEn: 'Output' },
      },
      resource: prosmed(w),
    },
    otherOrganisation: {
      input: { id: w.b.node, node: { code: 'ORGB-P1', title: 'Produit', titleEn: 'Output' } },
      resource: grantOfB(w),
    },
    otherProgramme: null,
    otherGrant: null,
  }),
  // The leaf stays under its outcome (a move to a place of the wrong level is BAD_REQUEST).
  'grant.moveNode': (w) => ({
    own: { input: { id: w.a.node, parentId: w.a.outcome }, resource: prosmed(w) },
    otherOrganisation: { input: { id: w.b.node, parentId: null }, resource: grantOfB(w) },
    otherProgramme: null,
    otherGrant: null,
  }),
  // A leaf without indicators (a node with children or indicators is refused with CONFLICT).
  'grant.removeNode': (w) => ({
    own: { input: { id: w.a.node }, resource: prosmed(w) },
    otherOrganisation: { input: { id: w.b.node }, resource: grantOfB(w) },
    otherProgramme: null,
    otherGrant: null,
  }),

  // The list filters on a grant; a grant of NEWS stands for another programme.
  'indicator.list': (w) => ({
    own: {
      input: { grantId: w.a.grants.prosmed.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.prosmed.id] },
    },
    otherOrganisation: {
      input: { grantId: w.b.grant.id },
      resource: { organisationId: w.orgB, grantIds: [w.b.grant.id] },
    },
    otherProgramme: {
      input: { grantId: w.a.grants.cedeaoNews.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.cedeaoNews.id] },
    },
    otherGrant: {
      input: { grantId: w.a.grants.justFuture.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.justFuture.id] },
    },
  }),
  // Like the list: filtered on a grant, each grant's report statuses for a period.
  'indicator.statuses': (w) => ({
    own: {
      input: { period: '2023-Q2', grantId: w.a.grants.prosmed.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.prosmed.id] },
    },
    otherOrganisation: {
      input: { period: '2023-Q2', grantId: w.b.grant.id },
      resource: { organisationId: w.orgB, grantIds: [w.b.grant.id] },
    },
    otherProgramme: {
      input: { period: '2023-Q2', grantId: w.a.grants.cedeaoNews.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.cedeaoNews.id] },
    },
    otherGrant: {
      input: { period: '2023-Q2', grantId: w.a.grants.justFuture.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.justFuture.id] },
    },
  }),
  'indicator.byId': (w) => indicatorSamples(w, (id) => ({ id })),
  'indicator.values': (w) =>
    indicatorSamples(w, (id) => ({ indicatorIds: [id], period: '2023-Q2', breakdown: ['sex'] })),
  // Created under a node of A's PROSMED-CCSC (B's node is not even seen); the team reaches the
  // whole organisation, so nodes of other programmes or grants add nothing.
  'indicator.create': (w) => ({
    own: { input: { ...indicatorInput('SAMPLE-IND'), nodeId: w.a.node }, resource: prosmed(w) },
    otherOrganisation: {
      input: { ...indicatorInput('SAMPLE-IND'), nodeId: w.b.node },
      resource: grantOfB(w),
    },
    otherProgramme: null,
    otherGrant: null,
  }),
  'indicator.update': (w) => indicatorSamples(w, (id) => ({ id, ...indicatorInput(null) })),
  'indicator.preview': (w) => ({
    own: {
      input: { ...indicatorInput('SAMPLE-APERCU'), nodeId: w.a.node, period: '2023-Q2' },
      resource: prosmed(w),
    },
    otherOrganisation: {
      input: { ...indicatorInput('SAMPLE-APERCU'), nodeId: w.b.node, period: '2023-Q2' },
      resource: grantOfB(w),
    },
    otherProgramme: null,
    otherGrant: null,
  }),
  // An indicator nothing depends on (the team reaches the whole organisation).
  'indicator.delete': (w) =>
    organisationRecord(w, { id: w.a.spareIndicator }, { id: w.b.indicator }),

  'target.list': (w) => indicatorSamples(w, (id) => ({ indicatorId: id })),
  'target.set': (w) =>
    indicatorSamples(w, (id) => ({ indicatorId: id, period: '2023-Q3', value: 11 })),
  'target.remove': (w) => ({
    own: { input: { id: w.a.targets.prosmed }, resource: prosmed(w) },
    otherOrganisation: { input: { id: w.b.target }, resource: grantOfB(w) },
    otherProgramme: { input: { id: w.a.targets.news }, resource: cedeaoNews(w) },
    otherGrant: { input: { id: w.a.targets.justFuture }, resource: justFuture(w) },
  }),
  'target.setBaseline': (w) =>
    indicatorSamples(w, (id) => ({ indicatorId: id, value: 3, year: 2022 })),

  // Organisation-wide figures: nothing to filter, see the isolation suite for B.
  'bulletin.figures': (w) => wholeOrganisation(w, { period: '2023-Q2' }),
  'assessment.scorecard': (w) => wholeOrganisation(w, { cycle: 2022 }),
  'incident.list': (w) => wholeOrganisation(w, { period: '2023-Q2' }),
  'incident.summary': (w) => wholeOrganisation(w, { period: '2023-Q2', by: 'region' }),
  'pivot.query': (w) => {
    const q = { period: '2023-Q2', rows: 'programme', measure: 'activities' };
    return {
      own: {
        input: { ...q, programme: 'FPS' },
        resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.fps] },
      },
      otherOrganisation: {
        input: { ...q, grant: w.b.grant.code },
        resource: { organisationId: w.orgB, grantIds: [w.b.grant.id] },
      },
      otherProgramme: {
        input: { ...q, programme: 'NEWS' },
        resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.news] },
      },
      otherGrant: {
        input: { ...q, grant: w.a.grants.justFuture.code },
        resource: { organisationId: w.orgA, grantIds: [w.a.grants.justFuture.id] },
      },
    };
  },

  'incident.create': (w) => ({
    own: {
      input: incidentInput(w.a.programmes.fps),
      resource: incident(w.orgA, w.a.programmes.fps),
    },
    otherOrganisation: {
      input: incidentInput(w.b.programme),
      resource: incident(w.orgB, w.b.programme),
    },
    otherProgramme: {
      input: incidentInput(w.a.programmes.news),
      resource: incident(w.orgA, w.a.programmes.news),
    },
    // An incident belongs to a programme, not to a grant.
    otherGrant: null,
  }),
  'incident.byId': (w) => ({
    own: { input: { id: w.a.incidents.fps }, resource: incident(w.orgA, w.a.programmes.fps) },
    otherOrganisation: { input: { id: w.b.incident }, resource: incident(w.orgB, w.b.programme) },
    otherProgramme: {
      input: { id: w.a.incidents.news },
      resource: incident(w.orgA, w.a.programmes.news),
    },
    otherGrant: null,
  }),
  'incident.check': (w) => ({
    own: {
      input: { id: w.a.incidents.fps, incident: incidentInput(w.a.programmes.fps) },
      resource: incident(w.orgA, w.a.programmes.fps),
    },
    otherOrganisation: {
      input: { id: w.b.incident, incident: incidentInput(w.b.programme) },
      resource: incident(w.orgB, w.b.programme),
    },
    otherProgramme: {
      input: { id: w.a.incidents.news, incident: incidentInput(w.a.programmes.news) },
      resource: incident(w.orgA, w.a.programmes.news),
    },
    otherGrant: null,
  }),
  // Every incident of the world is at its first version (mutations are rolled back).
  'incident.update': (w) => ({
    own: {
      input: { id: w.a.incidents.fps, version: 1, incident: incidentInput(w.a.programmes.fps) },
      resource: incident(w.orgA, w.a.programmes.fps),
    },
    otherOrganisation: {
      input: { id: w.b.incident, version: 1, incident: incidentInput(w.b.programme) },
      resource: incident(w.orgB, w.b.programme),
    },
    otherProgramme: {
      input: {
        id: w.a.incidents.news,
        version: 1,
        incident: incidentInput(w.a.programmes.news),
      },
      resource: incident(w.orgA, w.a.programmes.news),
    },
    otherGrant: null,
  }),
  'incident.delete': (w) => ({
    own: {
      input: { id: w.a.incidents.fps, version: 1 },
      resource: incident(w.orgA, w.a.programmes.fps),
    },
    otherOrganisation: {
      input: { id: w.b.incident, version: 1 },
      resource: incident(w.orgB, w.b.programme),
    },
    otherProgramme: {
      input: { id: w.a.incidents.news, version: 1 },
      resource: incident(w.orgA, w.a.programmes.news),
    },
    otherGrant: null,
  }),

  'dashboard.summary': (w) => ({
    own: {
      input: { period: '2023-Q2', programme: 'FPS' },
      resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.fps] },
    },
    otherOrganisation: {
      input: { period: '2023-Q2', grant: w.b.grant.id },
      resource: { organisationId: w.orgB, grantIds: [w.b.grant.id] },
    },
    otherProgramme: {
      input: { period: '2023-Q2', programme: 'NEWS' },
      resource: { organisationId: w.orgA, programmeIds: [w.a.programmes.news] },
    },
    otherGrant: {
      input: { period: '2023-Q2', grant: w.a.grants.justFuture.id },
      resource: { organisationId: w.orgA, grantIds: [w.a.grants.justFuture.id] },
    },
  }),

  // The built-in templates belong to nobody.
  'report.templates': () => ({
    own: { input: undefined, resource: null },
    otherOrganisation: null,
    otherProgramme: null,
    otherGrant: null,
  }),
  'report.preview': (w) => reportSamples(w, { period: '2023-Q2' }),
  'report.model': (w) => reportSamples(w, { period: '2023-Q2', template: 'undp-quarterly' }),
  'report.bulletin': (w) => wholeOrganisation(w, { period: '2023-Q2' }),
  'reportText.get': (w) => reportSamples(w, { period: '2023-Q2' }),
  'adx.export': (w) => reportSamples(w, { period: '2023-Q2' }),
  // No grant of the world has a DHIS2 mapping: an allowed call reaches it and is refused for
  // lacking it (BAD_REQUEST, naming it); the export itself is tested in routers/dhis2.test.ts.
  'adx.dhis2': (w) => contentRefused(reportSamples(w, { period: '2023-Q2' })),
  'adx.mapping': (w) => reportSamples(w, {}),
  // Removing a mapping never stored changes nothing; allowed or refused all the same.
  'adx.setMapping': (w) => reportSamples(w, { version: 0, mapping: null }),
  'reportText.set': (w) =>
    reportSamples(w, { period: '2023-Q3', text: 'Analyse du trimestre : trois dialogues tenus.' }),
  'report.setComment': (w) => ({
    own: {
      input: comment(w.a.grants.prosmed.code, w.a.indicators.prosmed),
      resource: prosmed(w),
    },
    otherOrganisation: {
      input: comment(w.b.grant.code, w.b.indicator),
      resource: grantOfB(w),
    },
    otherProgramme: {
      input: comment(w.a.grants.cedeaoNews.code, w.a.indicators.news),
      resource: cedeaoNews(w),
    },
    otherGrant: {
      input: comment(w.a.grants.justFuture.code, w.a.indicators.justFuture),
      resource: justFuture(w),
    },
  }),
  // Submitting locks the grant's period (rolled back after each allowed call).
  'report.submit': (w) => reportSamples(w, { period: '2023-Q2' }),
  // No report of the world was submitted: an allowed call answers null.
  'report.snapshot': (w) => reportSamples(w, { period: '2023-Q2' }),
  // Checks a template the caller wrote: reads nothing of an organisation.
  'report.validateTemplate': () => ({
    own: { input: { json: '{"id":"x"}' }, resource: null },
    otherOrganisation: null,
    otherProgramme: null,
    otherGrant: null,
  }),

  // The organisation's audit trail: no programme or grant to filter on.
  'audit.list': (w) => wholeOrganisation(w, { entity: 'activity', limit: 5 }),

  // Imports: the M&E team's, on the whole organisation (a batch is named by its id).
  'import.stage': (w) =>
    wholeOrganisation(w, {
      fileName: 'activites.csv',
      contentBase64: Buffer.from(
        'Identifiant;Titre;Type;Programme;Date de début\r\nS-1;Atelier du lot;Formation;femme, paix et securite;05/06/2023\r\n',
      ).toString('base64'),
      profile: {
        format: 1,
        name: 'Activités',
        kind: 'activities',
        columns: [
          { source: 'Identifiant', target: { field: 'externalId' } },
          { source: 'Titre', target: { field: 'title' } },
          { source: 'Type', target: { field: 'type' } },
          { source: 'Programme', target: { field: 'programme' } },
          { source: 'Date de début', target: { field: 'startDate' } },
        ],
      },
    }),
  'import.plan': (w) =>
    organisationRecord(w, { id: w.a.imports.staged }, { id: w.b.imports.staged }),
  'import.commit': (w) =>
    organisationRecord(w, { id: w.a.imports.staged }, { id: w.b.imports.staged }),
  'import.undo': (w) =>
    organisationRecord(w, { id: w.a.imports.committed }, { id: w.b.imports.committed }),
  'import.list': (w) => wholeOrganisation(w, { limit: 20 }),
  'import.byId': (w) =>
    organisationRecord(w, { id: w.a.imports.staged }, { id: w.b.imports.staged }),
  // The caller's own organisation only: there is no way to name another's.
  'organisation.settings': (w) => wholeOrganisation(w, {}),
  'organisation.updateSettings': (w) => wholeOrganisation(w, { separationOfDuties: false }),
};

// ——— what the samples touch, as `authorize` is asked about it ———

function programmeOf(w: World, id: string): Resource {
  return { organisationId: w.orgA, programmeIds: [id] };
}
const ownActivity = (w: World): Resource => ({
  organisationId: w.orgA,
  programmeIds: [w.a.programmes.fps],
  grantIds: [w.a.grants.prosmed.id],
});
const newsActivity = (w: World): Resource => ({
  organisationId: w.orgA,
  programmeIds: [w.a.programmes.news],
  grantIds: [w.a.grants.cedeaoNews.id],
});
const jfActivity = (w: World): Resource => ({
  organisationId: w.orgA,
  programmeIds: [w.a.programmes.jf],
  grantIds: [w.a.grants.justFuture.id],
});
const activityOfB = (w: World): Resource => ({
  organisationId: w.orgB,
  programmeIds: [w.b.programme],
  grantIds: [w.b.grant.id],
});
/** A grant (and what belongs to it: its indicators, targets, reports) reaches the programmes it funds. */
const prosmed = (w: World): Resource => ({
  organisationId: w.orgA,
  programmeIds: [w.a.programmes.ccsc, w.a.programmes.fps],
  grantIds: [w.a.grants.prosmed.id],
});
const cedeaoNews = (w: World): Resource => ({
  organisationId: w.orgA,
  programmeIds: [w.a.programmes.news],
  grantIds: [w.a.grants.cedeaoNews.id],
});
const justFuture = (w: World): Resource => ({
  organisationId: w.orgA,
  programmeIds: [w.a.programmes.jf],
  grantIds: [w.a.grants.justFuture.id],
});
const grantOfB = (w: World): Resource => ({
  organisationId: w.orgB,
  programmeIds: [w.b.programme],
  grantIds: [w.b.grant.id],
});
const incident = (organisationId: string, programmeId: string): Resource => ({
  organisationId,
  programmeIds: [programmeId],
});

function activitySamples(
  w: World,
  input: (a: { id: string; version: number }) => unknown,
): ProcedureSamples {
  return {
    own: { input: input(w.a.activities.own), resource: ownActivity(w) },
    otherOrganisation: { input: input(w.b.activity), resource: activityOfB(w) },
    otherProgramme: { input: input(w.a.activities.news), resource: newsActivity(w) },
    otherGrant: { input: input(w.a.activities.jf), resource: jfActivity(w) },
  };
}

function manualValueSamples(
  w: World,
  input: (v: { id: string; version: number }) => unknown,
): ProcedureSamples {
  return {
    own: { input: input(w.a.manualValues.prosmed), resource: prosmed(w) },
    otherOrganisation: { input: input(w.b.manualValue), resource: grantOfB(w) },
    otherProgramme: { input: input(w.a.manualValues.news), resource: cedeaoNews(w) },
    otherGrant: { input: input(w.a.manualValues.justFuture), resource: justFuture(w) },
  };
}

function indicatorSamples(w: World, input: (indicatorId: string) => unknown): ProcedureSamples {
  return {
    own: { input: input(w.a.indicators.prosmed), resource: prosmed(w) },
    otherOrganisation: { input: input(w.b.indicator), resource: grantOfB(w) },
    otherProgramme: { input: input(w.a.indicators.news), resource: cedeaoNews(w) },
    otherGrant: { input: input(w.a.indicators.justFuture), resource: justFuture(w) },
  };
}

/** Samples whose allowed calls are refused on content the world does not hold (see `Sample`). */
function contentRefused(samples: ProcedureSamples): ProcedureSamples {
  return Object.fromEntries(
    Object.entries(samples).map(([situation, sample]) => [
      situation,
      sample && { ...sample, contentRefusal: 'BAD_REQUEST' as const },
    ]),
  ) as ProcedureSamples;
}

function reportSamples(w: World, rest: Record<string, unknown>): ProcedureSamples {
  return {
    own: { input: { grant: w.a.grants.prosmed.code, ...rest }, resource: prosmed(w) },
    otherOrganisation: { input: { grant: w.b.grant.code, ...rest }, resource: grantOfB(w) },
    otherProgramme: {
      input: { grant: w.a.grants.cedeaoNews.code, ...rest },
      resource: cedeaoNews(w),
    },
    otherGrant: { input: { grant: w.a.grants.justFuture.code, ...rest }, resource: justFuture(w) },
  };
}

/** A cercle under a region (Bamako for A, B's region for B). */
function placeInput(parentId: string) {
  return { code: 'ML-BAMAKO-CERCLE-TEST', name: 'Cercle de test', level: 'cercle', parentId };
}

/** A record of the organisation that belongs to no programme or grant (a place, a donor). */
function organisationRecord(w: World, own: unknown, ofB: unknown): ProcedureSamples {
  return {
    own: { input: own, resource: { organisationId: w.orgA } },
    otherOrganisation: { input: ofB, resource: { organisationId: w.orgB } },
    otherProgramme: null,
    otherGrant: null,
  };
}

const programmeFields = { name: 'Femme, paix et sécurité', nameEn: 'Women, Peace and Security' };

/** A grant's fields (a code when it is created); the dates are free: no period of it is locked. */
function grantInput(donorId: string, programmeIds: string[], code?: string) {
  return {
    ...(code ? { code } : {}),
    donorId,
    title: 'Subvention',
    startDate: '2022-01-01',
    endDate: '2024-12-31',
    currency: 'XOF',
    programmeIds,
  };
}

/**
 * A count of activities, its latest quarter in each period (not cumulative: it needs no node); a
 * code to create it. It names no programme: B's call would otherwise return A's programme code in
 * its own filter.
 */
function indicatorInput(code: string | null) {
  return {
    ...(code ? { code } : {}),
    title: 'Activités menées',
    titleEn: 'Activities held',
    unit: 'number',
    direction: 'higher-is-better',
    timeRule: 'latest',
    subPeriod: 'quarter',
    cumulative: false,
    source: { kind: 'activities', measure: 'count' },
  };
}

/** An impact at the top of a grant's framework. */
function nodeInput(grantId: string) {
  return { grantId, level: 'impact', code: 'I-SAMPLE', title: 'Impact', titleEn: 'Impact' };
}

function wholeOrganisation(w: World, input: unknown): ProcedureSamples {
  return {
    own: { input, resource: { organisationId: w.orgA } },
    otherOrganisation: null,
    otherProgramme: null,
    otherGrant: null,
  };
}

function activityInput(programmeId: string, grantIds: string[]) {
  return {
    programmeId,
    title: 'Causerie éducative sur la cohésion sociale',
    type: 'awareness',
    startDate: '2023-06-02',
    endDate: '2023-06-02',
    grantIds,
    participants: {
      total: { value: 40, qualifier: 'exact' },
      cells: [{ key: { sex: 'female' }, value: 25 }],
    },
  };
}

/** Two named participants, on the activity's first day. */
function attendanceInput(activityId: string) {
  return {
    activityId,
    participants: [
      { code: 'SEC-P-001', displayName: 'Awa', sex: 'female', ageGroup: 'youth' },
      { code: 'SEC-P-002', sex: 'male', ageGroup: 'adult' },
    ],
  };
}

function incidentInput(programmeId: string) {
  return {
    date: '2023-06-03',
    category: 'women-peace-security',
    deaths: 0,
    injuries: 2,
    programmeId,
  };
}

function comment(grant: string, indicatorId: string) {
  return {
    grant,
    indicatorId,
    period: '2023-Q2',
    comment: 'Écart expliqué par la saison des pluies.',
  };
}
