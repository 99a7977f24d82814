import type { Catalogue } from './fr';
import { capitalise, counted, listed } from './grammar';

const and = (items: readonly string[]) => listed(items, 'and');

const importKinds = {
  activities: 'activities',
  attendance: 'attendance lists',
  incidents: 'incidents',
  targets: 'targets and baselines',
  values: 'entered values',
} as const;

const outsideReach = {
  activities: 'This row’s programme is not one of yours',
  attendance: 'This row’s activity belongs to a programme that is not one of yours',
  incidents: 'This incident belongs to none of your programmes',
  targets: 'This row’s indicator belongs to none of your programmes',
  values: 'This row’s indicator belongs to a grant of none of your programmes',
} as const;

/** The server's English: the keys of the French table (`fr.ts`), each said in English. */
export const en: Catalogue = {
  'error.not-found': ({ entity }) => `${capitalise(entity.en)} not found.`,
  'error.no-organisation':
    'No organisation is configured: run `jalon seed` or set JALON_ORGANISATION.',
  'error.conflict': ({ entity, version }) =>
    `Someone changed this ${entity.en} in the meantime (version ${version}): reload it; your changes were not saved.`,
  'error.locked': ({ grant, period }) =>
    `Period ${period} of grant ${grant} is locked by a submitted report: nothing was changed. An administrator may record a restatement with a reason.`,
  'error.duplicate': ({ what, value }) => `${capitalise(what.en)} "${value}" already exists.`,
  'error.unknown-reference': ({ what, ids }) =>
    `Unknown ${what.en} for this organisation: ${ids.join(', ')}.`,
  'error.in-use': ({ entity, uses }) =>
    `This ${entity.en} is still used by ${and(uses)}: nothing was removed. Remove them or move them elsewhere first.`,
  'error.frozen': ({ grant, periods, fields }) => {
    const many = periods.length > 1;
    return `This indicator's definition is frozen: ${many ? 'periods' : 'period'} ${and(periods)} of grant ${grant} ${many ? 'are' : 'is'} locked by a submitted report. Nothing was changed (${fields.map((f) => f.en).join(', ')}). Its titles and description may still change; to measure differently, create a new indicator.`;
  },
  'error.duplicate-code': 'code',

  'denied.unauthenticated':
    'Sign in to continue: your session has expired or you are not signed in.',
  'denied.undeclared': 'This operation has no declared permission: it is refused to everyone.',
  'denied.role': 'Your role does not allow this operation.',
  'denied.read-only': 'Your access is read-only: nothing was changed.',
  'denied.no-resource': 'Name the record this operation is for.',
  'denied.other-organisation': 'This record does not belong to your organisation.',
  'denied.other-programme': 'This record belongs to a programme you are not assigned to.',
  'denied.other-grant': 'This record belongs to a grant you have no access to.',
  'denied.password-change': 'Your password is a temporary one: choose a new one before going on.',

  'used-by.programme': counted('programme', 'programmes'),
  'used-by.place': counted('place under it', 'places under it'),
  'used-by.grant': counted('grant', 'grants'),
  'used-by.donor': counted('donor', 'donors'),
  'used-by.result-node': counted('results-framework node', 'results-framework nodes'),
  'used-by.activity': counted('activity', 'activities'),
  'used-by.incident': counted('incident', 'incidents'),
  'used-by.attendance': counted(
    'person named on the attendance list',
    'people named on the attendance list',
  ),
  'used-by.indicator': counted('indicator', 'indicators'),
  'used-by.deliverable': counted('deliverable', 'deliverables'),
  'used-by.report-snapshot': counted('submitted report', 'submitted reports'),
  'used-by.period-lock': counted('locked period', 'locked periods'),
  'used-by.restatement': counted('restatement', 'restatements'),
  'used-by.indicator-comment': counted('indicator comment', 'indicator comments'),
  'used-by.target': counted('target', 'targets'),
  'used-by.baseline': counted('baseline value', 'baseline values'),
  'used-by.manual-value': counted('value entered by hand', 'values entered by hand'),
  'used-by.formula': counted(
    'indicator whose formula names it',
    'indicators whose formula names it',
  ),
  'used-by.user-access': counted('user access limited to it', 'user accesses limited to it'),
  'used-by.indicator-filter': counted(
    'indicator whose filter names it',
    'indicators whose filter names it',
  ),

  'field.code': 'code',
  'field.title': 'title',
  'field.titleEn': 'English title',
  'field.unit': 'unit',
  'field.direction': 'direction',
  'field.timeRule': 'time rule',
  'field.subPeriod': 'sub-period',
  'field.cumulative': 'cumulative',
  'field.achievementRule': 'achievement rule',
  'field.source': 'source',
  'field.dimensions': 'dimensions',
  'field.grant': 'grant it reports under',
  'field.node': 'results-framework node',

  'status.draft': 'a draft',
  'status.submitted': 'submitted',
  'status.validated': 'validated',
  'move.submit': 'submitted',
  'move.validate': 'validated',
  'move.reject': 'sent back to draft',
  'move-from.submit': 'a draft',
  'move-from.validate': 'submitted',
  'move-from.reject': 'submitted or validated',
  'approval.wrong-status': (p) =>
    `${capitalise(p.the.en)} is ${p.status}: only a record that is ${p.from} can be ${p.move}. Nothing was changed.`,
  'approval.own-submission': ({ the }) =>
    `You submitted ${the.en} yourself: someone else must validate it (separation of duties). Nothing was changed.`,

  'entity.import': 'import',
  'entity.activity': 'activity',
  'entity.this-activity': 'this activity',
  'entity.value': 'value',
  'entity.entered-value': 'entered value',
  'entity.this-entered-value': 'this entered value',
  'entity.the-indicator': 'indicator',
  'entity.indicator': 'indicator',
  'entity.target': 'target',
  'entity.grant': 'grant',
  // The exchange mapping saved at a version (routers/adx.ts).
  'entity.adx-mapping': 'ADX / DHIS2 exchange mapping',
  'entity.grant-named': ({ grant }) => `grant "${grant}"`,
  'entity.result-node': 'results-framework node',
  'entity.member': 'member',
  'entity.the-member': 'member',
  'entity.account': 'account',
  'entity.donor': 'donor',
  'entity.programme': 'programme',
  'entity.place': 'place',
  'entity.organisation': 'organisation',
  'entity.incident': 'incident',
  'entity.assessment': 'assessment',
  'entity.submitted-report': 'submitted report',

  'trpc.internal': 'Internal error: the server could not complete the request.',
  'trpc.invalid-input': ({ issues }) => `Invalid input — ${issues.join('; ')}`,
  'trpc.control-character': ({ path, codePoint }) =>
    `Invalid input — ${path}: the text holds an invisible control character (${codePoint}) that cannot be stored or reported; remove it (it often comes with text pasted from another program).`,
  'client-request.reused':
    'This request id was already used for another record: nothing was written. Send this new record under a new id.',

  'login.invalid-credentials': 'Wrong email or password.',
  'login.throttled': 'Too many sign-in attempts: wait a few minutes before trying again.',
  'password.too-short': ({ min }) =>
    `The password has at least ${min} characters: a phrase of a few words is fine.`,
  'password.too-long': ({ max }) => `The password has at most ${max} characters.`,
  'password.guessable':
    'This password is among the first ones tried (too common, repetitive or taken from your address): choose another, a phrase for instance.',

  'warning.look-alike.activity':
    'the same type, date, place and title as an activity already recorded',
  'warning.look-alike.incident':
    'the same date, place, category, deaths and injuries as an incident already recorded',
  'warning.probable-duplicate': ({ lookAlike, records }) =>
    `Probable duplicate: ${lookAlike.en} (${records}). Check it is not a duplicate before you confirm.`,
  'warning.future-date': ({ date, today }) =>
    `The date ${date} is in the future (today: ${today}). Check it before you confirm.`,

  'warning.grant-not-counted': ({ grant, parts }) =>
    `The indicators of grant ${grant} will not count this activity: ${parts.map((p) => p.en).join('; ')}. Check the grant, programme, type and place before you confirm.`,
  'warning.uncounted.no-activity-indicator':
    'none of its indicators counts activities or their participants',
  'warning.uncounted.indicators': ({ codes, fields }) =>
    `${listed(codes, 'and')} count${codes.length > 1 ? '' : 's'} only ${listed(
      fields.map((f) => f.en),
      'and',
    )}`,
  'warning.criterion.programmes': ({ codes }) =>
    `programme${codes.length > 1 ? 's' : ''} ${listed(codes, 'or')}`,
  'warning.criterion.types': ({ parts }) =>
    `type ${listed(
      parts.map((p) => p.en.toLowerCase()),
      'or',
    )}`,
  'warning.criterion.grants': ({ codes }) => `activities of grant ${listed(codes, 'or')}`,
  'warning.criterion.places': ({ codes }) => `places within ${listed(codes, 'or')}`,
  'warning.criterion.notWithin': ({ codes }) => `places outside ${listed(codes, 'and')}`,

  'indicator.refused': ({ reason }) => `Indicator refused: ${reason.en}`,
  'indicator.issue.one-of': ({ values }) => `expected one of: ${values}`,
  'indicator.issue.shape': 'unexpected shape',
  'indicator.issue.required': 'required',
  'indicator.issue.type': ({ expected }) => `expected ${expected}`,
  'indicator.issue.too-small': ({ minimum }) => `at least ${minimum} character(s) or item(s)`,
  'indicator.issue.too-big': ({ maximum }) => `at most ${maximum} characters or items`,
  'indicator.issue.unknown-keys': ({ keys }) => `unknown field(s): ${keys}`,
  'indicator.field-issue': ({ key, label, issue }) =>
    `${label.en === key ? `"${key}"` : `"${label.en}" (${key})`} — ${issue.en}`,
  'indicator.invalid-fields': ({ parts }) => `invalid field: ${parts.map((p) => p.en).join('; ')}.`,
  'indicator.code-characters': ({ code }) =>
    `code "${code}" takes only letters, digits, dots, dashes and slashes, no spaces.`,
  'indicator.unknown-dimensions': ({ dimensions, known }) =>
    `unknown dimension(s): ${dimensions} (known: ${known}).`,
  'indicator.dimension-twice': 'a dimension is given twice.',
  'indicator.unknown-source-dimension': ({ dimension, known }) =>
    `the source keeps participants by an unknown dimension "${dimension}" (known: ${known}).`,
  'indicator.unknown-category': (p) =>
    `"${p.category}" is not a category of "${p.dimension}" (known: ${p.known}).`,
  'indicator.ratio-manual':
    'the "ratio" time rule only applies to manual entry (numerator and denominator entered per period); a computed share is a formula, e.g. "{WOMEN} / {TOTAL} * 100".',
  'indicator.sub-period-rule': ({ step, rule }) =>
    `sub-period "${step}" only applies to the "latest", "max" and "average" time rules (a value read per sub-period, then combined); with the "${rule}" time rule, leave it out (subPeriod).`,
  'indicator.sub-period-source': ({ step }) =>
    `sub-period "${step}" only applies to an indicator computed from facts or a formula; manual entry and assessment scores are already series of values per period: leave it out (subPeriod).`,
  'indicator.sub-period-fiscal-year':
    'sub-period "fiscal-year" is not supported: sub-periods follow the calendar (possible: year, semester, quarter, month, week).',
  'indicator.cumulative-node':
    'a cumulative indicator is computed from its grant’s start: attach it to a results-framework node (nodeId).',
  'indicator.formula-unreadable': ({ error }) => `the formula cannot be read: ${error.en}.`,
  'indicator.formula-unknown': ({ codes }) =>
    `the formula uses ${codes.map((m) => `"${m}"`).join(', ')}, unknown in the organisation.`,
  'indicator.formula-cycle': ({ error }) => `${error.en}.`,

  'import.kobo-malformed':
    'This file is not readable JSON: expected, the KoboToolbox JSON export (API v2, /data/).',
  'import.entry.activities': 'activity entry',
  'import.entry.targets': 'target entry',
  'import.entry.values': 'value entry',
  'import.kind-refused': ({ kind }) =>
    `Your role may not import ${importKinds[kind]}: you may not enter them by hand either.`,
  'import.other-programme': ({ kind }) =>
    `${outsideReach[kind]}: a programme officer imports into her own programmes only.`,
  'import.other-importer':
    'This import batch was uploaded by someone else: a programme officer sees and imports her own batches only.',
  'import.refused-by': ({ entry, detail }) => `Refused by ${entry.en}: ${detail}`,
  'import.batch-not-found': 'Import batch not found.',
  'import.refused-rows.part': ({ count, ranges, text }) =>
    `${count > 1 ? 'rows' : 'row'} ${ranges}: ${text}`,
  'import.refused-rows.more': '; …',
  'import.refused-rows': ({ count: n, lines, more }) =>
    `Nothing was imported: ${n} ${n > 1 ? 'rows' : 'row'} cannot be written — ${lines.join('; ')}${more}`,

  'report.unknown-template': ({ id }) => `Unknown report template: "${id}".`,
  'report.no-country': ({ organisation }) =>
    `Organisation ${organisation} has no country (two-letter ISO code).`,
  'report.restatement': ({ period, date, why }) =>
    `Restatement of period ${period}, already submitted, on ${date}: ${why}`,

  'activity-type.training': 'Training',
  'activity-type.workshop': 'Workshop',
  'activity-type.webinar': 'Webinar',
  'activity-type.dialogue': 'Dialogue',
  'activity-type.awareness': 'Awareness-raising',
  'activity-type.lobbying': 'Advocacy',
  'activity-type.meeting': 'Meeting',
  'activity-type.research': 'Research',
  'activity-type.conference': 'Conference',
  'activity-type.ceremony': 'Ceremony',
  'incident-category.organised-crime-violent-extremism': 'Organised crime and violent extremism',
  'incident-category.democracy-governance': 'Democracy and governance',
  'incident-category.women-peace-security': 'Women, peace and security',
  'incident-category.environmental-security': 'Environmental security',
  'deliverable.weekly-report.one': 'weekly report',
  'deliverable.weekly-report.other': 'weekly reports',
  'deliverable.monthly-bulletin.one': 'monthly human-security bulletin',
  'deliverable.monthly-bulletin.other': 'monthly human-security bulletins',
  'deliverable.monthly-report.one': 'monthly report',
  'deliverable.monthly-report.other': 'monthly reports',
  'deliverable.bimonthly-note.one': 'bimonthly note',
  'deliverable.bimonthly-note.other': 'bimonthly notes',
  'deliverable.policy-brief.one': 'policy brief',
  'deliverable.policy-brief.other': 'policy briefs',
  'deliverable.study.one': 'study',
  'deliverable.study.other': 'studies',
  'deliverable.quarterly-report.one': 'quarterly report',
  'deliverable.quarterly-report.other': 'quarterly reports',
  'deliverable.other.one': 'other product',
  'deliverable.other.other': 'other products',
  'country.CD': 'Democratic Republic of the Congo',

  'report.period-outside-grant': (p) =>
    `Period ${p.period} is outside grant ${p.grant} (${p.start} to ${p.end}).`,
  'report.invalid-template': ({ details }) => `Invalid report template — ${details}`,
  'report.figures-changed':
    'Figures changed while the report was being prepared: nothing was submitted; submit it again.',
  'adx.mapping-invalid': 'The stored ADX mapping is no longer valid: save it again.',
  'adx.nothing-to-send': ({ grant, period }) =>
    `Nothing to send for ${grant} in ${period}: no exact or stated value among the mapping’s indicators.`,
  'adx.left-out': ({ count }) =>
    count === 1
      ? '1 activity of the period lies in no region: its figures are under no org unit of the file. Set an “outside every region” org unit in the mapping to send them.'
      : `${count} activities of the period lie in no region: their figures are under no org unit of the file. Set an “outside every region” org unit in the mapping to send them.`,
  'session.wrong-password': 'The current password does not match: nothing changed.',
  'target.no-grant': 'This indicator belongs to no grant: it has no life-of-grant target.',
  // The engine's issues are joined as in French (a narrow space before « ; »), as ever.
  'breakdown.unknown-cell': ({ cell, indicator, dimensions }) =>
    dimensions === ''
      ? `Indicator ${indicator} is broken down by no dimension: cell ${cell} is not one of its breakdowns, nothing was saved.`
      : `Cell ${cell} is not a breakdown of indicator ${indicator} (broken down by ${dimensions}): nothing was saved.`,
  'activity.inconsistent-breakdown': ({ issues }) =>
    `Inconsistent breakdown, nothing was saved: ${issues.join('\u202f; ')}`,

  'attendance.person-id': 'invalid person id',
  'attendance.code-text': 'the code must be text',
  'attendance.code-empty': 'the code is empty',
  'attendance.code-long': 'the code exceeds 80 characters',
  'attendance.name-text': 'the name must be text',
  'attendance.name-long': 'the name exceeds 200 characters',
  'attendance.expected.sex': 'expected sex',
  'attendance.expected.age-group': 'expected age group',
  'attendance.expected.disability': 'expected disability',
  'attendance.expected.category': 'expected category',
  'attendance.category': ({ expected, codes }) => `${expected}: ${codes.join(', ')}`,
  'attendance.date': 'date expected as YYYY-MM-DD',
  'attendance.line-object': 'a line must be an object',
  'attendance.line-problem': ({ line, text }) => `line ${line}\u202f: ${text}`,
  'attendance.refused': ({ problems }) =>
    `Participant list refused, nothing was saved: ${problems.join('; ')}.`,
  'attendance.person-or-code': 'give the person’s code (or pseudonym)',
  'evidence.participants-missing': 'No participant count recorded.',
  'evidence.not-disaggregated': 'Total without a breakdown by sex or age.',
  'evidence.draft': 'Draft activity, not yet submitted or validated: counted in this report.',
  'evidence.submitted': 'Submitted activity, not yet validated: counted in this report.',
};
