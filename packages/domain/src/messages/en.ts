import type { MessageTable } from './table';
import type { fr } from './fr';
import { capitalised } from '../disaggregation/labels';

/** The domain's messages in English: the same keys and parameters as fr.ts (the type checker holds it). */
export const en: MessageTable<typeof fr> = {
  'invalid-cell-key': (text) =>
    `Unreadable breakdown: "${text}" (expected e.g. age=youth;sex=female)`,
  'unknown-dimension': (code) => `Unknown breakdown dimension: "${code}"`,
  'unknown-category': (category, dimension) => `Unknown category "${category}" for ${dimension}`,
  'cell-without-category': () =>
    'A breakdown cell without a category: the total is entered as the total, not as a cell',
  'too-many-cells': (size) => `Too many category combinations (${size}) to compute bounds`,
  'invalid-count': (value, key) => `Invalid number (${value}) for "${key}"`,
  'inconsistent-record': () =>
    'The numbers entered contradict each other: no breakdown can satisfy them all',
  'inconsistent-participants': () =>
    'The numbers entered contradict each other: no breakdown of the participants can satisfy them all.',
  'approximate-adjusted': () =>
    'The approximate numbers do not agree with the people counted: the figures adjust them to those people.',
  'invalid-framework': () => 'Invalid scoring scale',
  'unknown-criterion': (code) => `Unknown criterion: "${code}"`,
  'invalid-score': (code, score, min, max) =>
    `Score out of scale for "${code}": ${score} (${min} to ${max})`,
  'missing-score': (code) => `Missing score: "${code}"`,
  'no-scores': () => 'No usable score',
  'dependency-cycle': (loop) => `The formulas refer to each other in a loop: ${loop}`,
  'missing-reference': (from, code) => `Indicator "${from}" uses "${code}", which does not exist`,
  'formula-at': (message, position) => `${message} (position ${position})`,
  'formula-unclosed-brace': () => 'Badly closed braced reference',
  'formula-unexpected-character': (ch) => `Unexpected character "${ch}"`,
  'formula-unknown-function': (name) => `Unknown function "${name}" (allowed: min, max, round)`,
  'formula-closing-parenthesis': () => 'Closing parenthesis expected',
  'formula-wrong-arity': (fn, count) => `Wrong number of arguments for ${fn} (${count})`,
  'formula-incomplete': () => 'Incomplete formula',
  'formula-operand-expected': () => 'Number, indicator or parenthesis expected',
  'formula-unexpected-continuation': () => 'Unexpected continuation of the formula',
  'division-by-zero': (what) => `Division by zero: "${what}" is 0 for the period`,
  'target-missing': () => 'No target for this period',
  'baseline-missing': () => 'No baseline',
  'actual-missing': () => 'No actual value',
  'rate-zero-target': () => 'Rate not computable: the target is 0',
  'rate-zero-actual': () => 'Rate not computable: the actual value is 0',
  'rate-zero-gap': () => 'Rate not computable: the gap between target and baseline is 0',
  'no-data': () => 'No data for the period',
  'overlapping-values': () =>
    'Entered values overlap within the period: they would be counted twice',
  'ratio-needs-parts': () => 'A ratio is entered with its numerator and denominator',
  'zero-denominator': () => 'Zero denominator for the period',
  'breakdown-not-supported': () => 'This indicator cannot be broken down',
  'breakdown-whole-period': () =>
    'A breakdown is computed over the whole period, not over a latest value, a maximum or an average',
  'grant-start-missing': () => 'Cumulative indicator: the grant start date is needed',
  'invalid-period': (text) =>
    `Unrecognised period: "${text}" (examples: 2023, 2023-S1, 2023-Q2, 2023-04, 2023-W15, FY2023, 2023-04-01..2023-06-30)`,
  'invalid-date': (date) => `Invalid date: "${date}"`,
  'invalid-range': (start, end) => `The period starts (${start}) after it ends (${end})`,
  'invalid-fiscal-start': (month) => `Invalid fiscal-year start month: ${month} (expected 1 to 12)`,
  'audit-yes': () => 'yes',
  'audit-no': () => 'no',
  'audit-field-title': () => 'Title',
  'audit-field-summary': () => 'Summary',
  'audit-field-type': () => 'Type',
  'audit-field-role': () => 'Organisation’s role',
  'audit-field-startDate': () => 'Start',
  'audit-field-endDate': () => 'End',
  'audit-field-sessions': () => 'Sessions',
  'audit-field-status': () => 'Status',
  'audit-field-programme': () => 'Programme',
  'audit-field-places': () => 'Places',
  'audit-field-grants': () => 'Grants',
  'audit-field-participants': () => 'Participants',
  'audit-field-date': () => 'Date',
  'audit-field-category': () => 'Category',
  'audit-field-deaths': () => 'Deaths',
  'audit-field-injuries': () => 'Injured',
  'audit-field-verified': () => 'Verified',
  'audit-field-place': () => 'Place',
  'audit-field-description': () => 'Description',
  'audit-field-code': () => 'Code',
  'audit-field-name': () => 'Name',
  'audit-field-value': () => 'Value',
  'audit-field-period': () => 'Period',
  'audit-field-separationOfDuties': () => 'Separation of duties',
  'count-unreadable': (what) => `Unreadable number of ${what}`,
  'count-negative': (what, n) => `Negative number of ${what}: ${n}`,
  'count-fractional': (what, n) => `Number of ${what} is not whole: ${n} (people are counted)`,
  'cell-twice': (cell) => `The cell "${cell}" is entered twice`,
  'part-exceeds-total': (part, total) =>
    `${part} out of ${total} participants in total: a part cannot exceed the whole.`,
  'cross-tab-exceeds-category': (part, whole) =>
    `${part} but only ${whole}: a cross-tabulated cell cannot exceed its category.`,
  'breakdown-sum-mismatch': (listing, whole, dimensions) =>
    `${listing}, but there are ${whole}: the breakdown by ${dimensions} must add up to it.`,
  'parts-exceed-whole': (listing, whole) =>
    `${listing}, out of ${whole}: these categories do not overlap, so together they cannot exceed the whole.`,
  'lower-bound-raised': (listing, n, what, stated) =>
    `${listing}: so there are at least ${n} ${what}, not just "${stated}".`,
  and: () => 'and',
  'count-about': (n) => `about ${n}`,
  'count-more-than': (n) => `more than ${n}`,
  'bounds-at-least': (n) => `at least ${n}`,
  'bounds-between': (lower, upper) => `between ${lower} and ${upper}`,
  'unknown-number': () => 'unknown number',
  'uncounted-activities': (count, n) =>
    `${count} ${n === 1 ? 'activity' : 'activities'} not counted`,
  'pivot-measure-activities': () => 'activities',
  'pivot-measure-participants': () => 'participants',
  'pivot-measure-unique-people': () => 'unique people',
  'pivot-measure-incidents': () => 'incidents',
  'pivot-measure-not-split': (measure, dimension) =>
    `${capitalised(measure)} cannot be split by ${dimension}.`,
  'pivot-same-dimension': () => 'Rows and columns must be two different dimensions.',
  'pivot-incidents-unscoped': () =>
    'Incidents belong to no programme or grant: they are counted for the whole organisation only.',
  'pivot-none-assigned': (dimension) =>
    `No ${dimension} is assigned to you: there is nothing to count.`,
  'pivot-outside-scope': (dimension, members) => `Outside your reach: ${dimension} ${members}.`,
  'pivot-title': () => 'Pivot table',
};
