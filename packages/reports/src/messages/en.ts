import type { MessageTable } from '@jalon/domain';
import type { fr } from './fr';

/** The reports package's words in English: the same keys and parameters as fr.ts. */
export const en: MessageTable<typeof fr> = {
  'charts-heading': () => 'As charts',
  'chart-activities-by-programme': () => 'Activities of the quarter by programme',
  'chart-programme': () => 'Programme',
  'chart-activities': () => 'Activities',
  'figures-title-week': () => 'The week in figures',
  'figures-title-month': () => 'The month in figures',
  'figures-title-quarter': () => 'The quarter in figures',
  'figures-title-semester': () => 'The half-year in figures',
  'figures-title-year': () => 'The year in figures',
  'figures-title-fiscal-year': () => 'The fiscal year in figures',
  'figures-title-range': () => 'The period in figures',
  'list-and': (init, last) => `${init} and ${last}`,
  'during-months': (first, last, year) => `Between ${first} and ${last} ${year}`,
  'during-period': (period) => `In ${period}`,
  'iati-approximate': () => 'Approximate value',
  'iati-at-least': () => 'At least this value (lower bound)',
  'iati-approximate-at-least': () => 'At least about this value (approximate and a lower bound)',
  'adx-approximate': () => 'Approximate value',
  'adx-at-least': () => 'Lower bound: at least this value',
  'adx-approximate-at-least': () => 'Approximate and a lower bound',
  'adx-actual': (stated) => `Actual: ${stated}`,
  'dhis2-nothing': (grant, period) =>
    `Nothing to send for ${grant} in ${period}: no exact or stated value among the mapping’s indicators.`,
  'dhis2-gap-none': () =>
    'The mapping has no DHIS2 part (org unit, category option combos): complete it in the settings.',
  'dhis2-gap-period': (period) =>
    `Period ${period} has no DHIS2 form (day, month, quarter, six months, year, or a financial year from April, July, October or November).`,
  'dhis2-gap-org-unit': (region) => `Region ${region} has no DHIS2 org unit in the mapping.`,
  'dhis2-gap-combo': (dataElement, cell) =>
    `Data element ${dataElement} has no category option combo for the cell ${cell}.`,
  'dhis2-gap-data-element': (dataElement) =>
    `Data element ${dataElement} has no DHIS2 id (an 11-character UID) in the mapping.`,
  'iati-bounded': () => 'Lower bound of an interval (some participants were not broken down)',
  'iati-no-baseline': () => 'No baseline measured',
  'iati-funded-by': (title, donor) => `${title} — funded by ${donor}.`,
  'qualifier-approximate': () => 'about',
  'qualifier-at-least': () => 'more than',
  'participants-count': (stated) => `${stated} participants`,
  'participants-of-whom': (parts) => `, of whom ${parts}`,
  'and-pair': (first, second) => `${first} and ${second}`,
  'totals-sentence': (participants, ofWhom, note) =>
    `In all, ${participants} participants${ofWhom}${note}.`,
  'assessment-line': (label, index, cycle, rank, of) =>
    `${label}: ${index} (${cycle} assessment), ranked ${rank} of ${of}.`,
  'programme-since': (year) => ` since ${year}`,
  'programme-countries': (count, since, names) =>
    `Programme running in ${count} countries${since}: ${names}.`,
  'programme-running': (since) => `Programme running${since}.`,
  'activity-from-to': (start, end) => `From ${start} to ${end}`,
  'activity-on': (date) => `On ${date}`,
  'activity-sessions': (count, type, title) => `${count} ${type} sessions "${title}"`,
  'activity-one': (type, title) => `${type} "${title}"`,
  'activity-sentence': (when, what, place, who) =>
    `${when}, ${what}${place}${who ? `: ${who}` : ''}.`,
  'places-all': (places) => ` in ${places}`,
  'places-some': (placed, total, places) =>
    ` (place recorded for ${placed} of ${total}: ${places})`,
  'activities-sentence': (count, noun, where, who) =>
    `${count} ${noun}${where}${who ? ` brought together ${who}` : ''}.`,
  'programme-produced': (during, products) =>
    `${during}, the programme produced and circulated ${products}.`,
  'incidents-total': (incidents, deaths, injuries) =>
    `Monitoring covered ${incidents} major incidents, with ${deaths} dead and ${injuries} injured.`,
  'incidents-category': (category, incidents, deaths, injuries) =>
    `${category}: ${incidents} incidents, ${deaths} dead, ${injuries} injured.`,
  'status-on-track': () => 'on track',
  'status-watch': () => 'watch',
  'status-off-track': () => 'off track',
  'status-no-data': () => 'no data',
  'iati-status-target': (period, status, ratio) =>
    `Target of the period the report judges status on (${period}): ${status}${ratio}.`,
  'iati-actual': (stated) => `Actual: ${stated}`,
  'iati-cumulative': () => 'Cumulative value since the grant started.',
  'iati-each-period': () => 'Value of each period.',
  'to-date': (day, month) => `to date (${day} ${month})`,
  'period-outside-grant': (period, start, end) =>
    `Period ${period} is outside the grant (${start}..${end})`,
  // The exchange mapping's checks, in words (adx/mapping-issues.ts).
  'mapping-field': (field, text) => `${field}: ${text}`,
  'mapping-invalid': (parts) => `Mapping refused, nothing was saved: ${parts}.`,
  'mapping-required': () => 'required',
  'mapping-too-long': (maximum) => `at most ${maximum} characters`,
  'mapping-too-few': (minimum) => `at least ${minimum}`,
  'mapping-too-many': (maximum) => `at most ${maximum}`,
  'mapping-type': (expected) => `a ${expected} value expected`,
  'mapping-one-of': (values) => `one of ${values}`,
  'mapping-unknown-keys': (keys) => `unknown fields: ${keys}`,
  'mapping-shape': () => 'unexpected shape',
  'mapping-attribute-name': () =>
    'an XML attribute name (letters, digits, _ . -, not starting with a digit)',
  'mapping-reserved-name': () => 'a name ADX keeps for itself',
  'mapping-code-spaces': () => 'a code without leading, trailing or doubled spaces',
  'mapping-region-path': () => 'a region path such as ml/mopti',
  'mapping-no-category': (dimension) => `no category is mapped for the breakdown ${dimension}`,
  'mapping-category-twice': () => 'a category is named twice',
  'mapping-attribute-is-category': (name) => `${name} is already a disaggregation category`,
  'mapping-org-unit-twice': () => 'an org unit is given twice',
  'mapping-combo-twice': () => 'a combination is given twice',
  'mapping-not-uid': (value) => `${value} is not a DHIS2 UID (a letter then ten letters or digits)`,
};
