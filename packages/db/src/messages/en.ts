import type { MessageTable } from '@jalon/domain';
import type { ReferenceKind } from '../command';
import type { PlaceLevel, RecordStatus, ResultLevel } from '../schema/index';
import type { fr } from './fr';

const placeLevels: Record<PlaceLevel, string> = {
  country: 'a country',
  region: 'a region',
  cercle: 'a cercle',
  commune: 'a commune',
  locality: 'a locality',
};

const resultLevels: Record<ResultLevel, string> = {
  impact: 'an impact',
  outcome: 'an outcome',
  output: 'an output',
};

const referenceKinds: Record<ReferenceKind, string> = {
  programme: 'programme',
  place: 'place',
  grant: 'grant',
  donor: 'donor',
  'result-node': 'results-framework element',
  indicator: 'indicator',
};

const recordStatuses: Record<RecordStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted for validation',
  validated: 'validated',
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const line = (index: number) => `line ${index + 1}: `;

/** The db package's messages in English: the same keys and parameters as fr.ts. */
export const en: MessageTable<typeof fr> = {
  'named-beyond-total': (total, named) =>
    `${total} participants in all while ${named} people are named on the attendance list: the total cannot be lower than the list. Correct the total or remove people from the list.`,
  'validated-activity-not-deleted': () =>
    'This activity is validated: it cannot be deleted. Send it back to draft first (with a reason), then delete it.',
  'attendance-outside-activity': (index, date, start, end) =>
    `${line(index)}${date} is outside the activity (${start} to ${end}).`,
  'attendance-beyond-total': (named, total) =>
    `${named} people named for ${total} participants in all: the list cannot exceed the activity’s total. Correct the total or remove lines.`,
  'attendance-unknown-person': (index, personId) => `${line(index)}unknown person (${personId}).`,
  'attendance-person-twice': (index, first) =>
    `${line(index)}this person is already on line ${first + 1}.`,
  'last-admin': () =>
    'This is the network’s last administrator: make someone else administrator first.',
  'place-country-is-root': () => 'A country is a root: it has no parent place.',
  'place-parent-missing': (level) => `Give the parent place of ${placeLevels[level]}.`,
  'place-wrong-parent': (level, allowed, parentLevel, parentName) =>
    `${capitalise(placeLevels[level])} belongs under ${allowed.map((l) => placeLevels[l]).join(' or ')}, not under ${placeLevels[parentLevel]} (${parentName}).`,
  'place-under-itself': (parentName, parentPath, name, path) =>
    `A place cannot move under itself or under a place it contains: ${parentName} (${parentPath}) lies within ${name} (${path}).`,
  'place-path-taken': (path, takenName, takenPath) =>
    `Path ${path} is already another place's (${takenName}, ${takenPath}): nothing was moved.`,
  'result-node-wrong-parent': (level, expected, parentLevel, parentCode) =>
    `${capitalise(resultLevels[level])} belongs under ${resultLevels[expected]}, not under ${resultLevels[parentLevel]} (${parentCode}).`,
  'impact-has-no-parent': () => 'An impact heads the results framework: it has no parent.',
  'result-node-parent-missing': (level, expected) =>
    `${capitalise(resultLevels[level])} belongs under ${resultLevels[expected]}: give it.`,
  'move-under-submitted-report': (periods, grant, indicators, from, to) =>
    `Move refused: ${periods.length > 1 ? 'periods' : 'period'} ${periods.join(', ')} of ${grant} ${periods.length > 1 ? 'are' : 'is'} locked by a submitted report, which ranges ${indicators.join(', ')} ${from ? `under ${from}` : 'at the top of the framework'}; placing them ${to ? `under ${to}` : 'at the top'} would change that report. Nothing changed; a node without indicators moves freely.`,
  'password-account-of-another-network': () =>
    'This account was opened by another network: its administrator or the person herself changes its password.',
  'batch-staged': () => 'staged',
  'batch-committed': () => 'already committed',
  'batch-undone': () => 'undone',
  'batch-doing-commit': () => 'committed',
  'batch-doing-undo': () => 'undone',
  'batch-wrong-status': (status, doing) => `This batch is ${status}: it cannot be ${doing}.`,
  'import-concurrent': (externalId) =>
    `The identifier "${externalId}" was just imported by another batch: run the check again.`,
  'import-messages': (messages) => messages.join('; '),
  'import-row-rejected': () => 'Row rejected by the check.',
  'import-row-locked': (period, grant) =>
    `Period ${period} of grant ${grant} is locked by a submitted report: the row is not written.`,
  'import-row-unknown-reference': (what, ids) =>
    `${capitalise(referenceKinds[what])} not found in the organisation: ${ids.join(', ')}.`,
  'import-row-changed-meanwhile': (version) =>
    `The record was changed meanwhile (version ${version}): run the check again.`,
  'import-row-gone': () =>
    'What the row writes no longer exists (deleted meanwhile): run the check again.',
  'import-row-duplicate-code': (code) =>
    `The code "${code}" is already taken: the row is not written.`,
  'import-row-in-use': () => 'The record is still used by others: the row cannot remove it.',
  'import-row-frozen': (grant, periods) =>
    `${periods.length > 1 ? 'Periods' : 'Period'} ${periods.join(', ')} of grant ${grant} ${periods.length > 1 ? 'are' : 'is'} locked by a submitted report: the definition is frozen, the row is not written.`,
  'import-row-wrong-status': (status) =>
    `The record is ${recordStatuses[status]}: the row cannot change it.`,
  'import-row-own-submission': () => 'You submitted this record: someone else must validate it.',
  'import-activity-changed': (code, version, importedVersion) =>
    `Activity ${code} was changed in Jalon since it was imported (version ${version}, imported at version ${importedVersion}): the row does not overwrite it. Carry the correction over in Jalon or in the file.`,
  'import-incident-changed': (code) =>
    `Incident ${code} was changed in Jalon since it was imported: the row does not overwrite it. Carry the correction over in Jalon or in the file.`,
  'import-attendance-activity-missing': () =>
    'The activity of this row was not imported: import the activities first.',
  'import-of-activity': (code, message) => `Activity ${code}: ${message}`,
  'undo-attendance-activity-changed': (code) =>
    `Activity ${code} was changed or deleted since its attendance list was imported: undoing would lose that change.`,
  'undo-incident-changed': (code) =>
    `Incident ${code} was changed since the import: undoing would lose that change.`,
  'undo-incident-gone': () => 'The incident this row wrote was deleted since the import.',
  'undo-activity-gone': () => 'The activity this row wrote was deleted since the import.',
  'undo-activity-changed': (code, version, writtenVersion) =>
    `Activity ${code} was changed since the import (version ${version}, written at version ${writtenVersion ?? '?'}): undoing would lose that change.`,
  'the-baseline': () => 'The baseline',
  'the-target': () => 'The target',
  'undo-target-gone': (what) => `${what} this row wrote was deleted since the import.`,
  'undo-target-changed': (what, now, written) =>
    `${what} was changed since the import (${now} instead of ${written}): undoing would lose that change.`,
  'undo-value-gone': () => 'The entered value this row wrote was deleted since the import.',
  'undo-value-changed': (indicator, period, value) =>
    `The entered value ${indicator} ${period} was changed since the import (${value}): undoing would lose that change.`,
};
