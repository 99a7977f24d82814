import type { MessageTable } from '@jalon/domain';
import type { PlaceLevel, ResultLevel } from '../schema/index';
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
};
