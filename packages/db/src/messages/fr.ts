/**
 * The db package's messages in French, keyed by stable codes: the refusals its commands answer
 * with an `invalid` failure, which only the stored data can check. French typography: a narrow
 * no-break space (U+202F) inside « » and before : ; ! ?. The English table (en.ts) has the same
 * keys and parameters, held by the type checker; a third language is a third file of this shape.
 */
import type { PlaceLevel, ResultLevel } from '../schema/index';

/** A place level with its article, as a refusal names it (`une région`). */
const placeLevels: Record<PlaceLevel, string> = {
  country: 'un pays',
  region: 'une région',
  cercle: 'un cercle',
  commune: 'une commune',
  locality: 'une localité',
};

/** A results-framework level with its article (`un effet`). */
const resultLevels: Record<ResultLevel, string> = {
  impact: 'un impact',
  outcome: 'un effet',
  output: 'un produit',
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const line = (index: number) => `ligne ${index + 1} : `;

export const fr = {
  'named-beyond-total': (total: number, named: number) =>
    `${total} participants au total alors que ${named} personnes sont nommées dans la liste de présence : le total ne peut pas être inférieur à la liste. Corrigez le total ou retirez des personnes de la liste.`,
  'validated-activity-not-deleted': () =>
    'Cette activité est validée : elle ne peut pas être supprimée. Renvoyez-la d’abord en brouillon (avec un motif), puis supprimez-la.',
  'attendance-outside-activity': (index: number, date: string, start: string, end: string) =>
    `${line(index)}le ${date} est en dehors de l’activité (du ${start} au ${end}).`,
  'attendance-beyond-total': (named: number, total: number) =>
    `${named} personnes nommées pour ${total} participants au total : la liste ne peut pas dépasser le total de l’activité. Corrigez le total ou retirez des lignes.`,
  'attendance-unknown-person': (index: number, personId: string) =>
    `${line(index)}personne inconnue (${personId}).`,
  'attendance-person-twice': (index: number, first: number) =>
    `${line(index)}cette personne figure déjà à la ligne ${first + 1}.`,
  'last-admin': () =>
    'C’est le dernier administrateur du réseau : nommez d’abord un autre administrateur.',
  'place-country-is-root': () => 'Un pays est à la racine : il n’a pas de lieu parent.',
  'place-parent-missing': (level: PlaceLevel) =>
    `Indiquez le lieu parent de ${placeLevels[level]}.`,
  'place-wrong-parent': (
    level: PlaceLevel,
    allowed: readonly PlaceLevel[],
    parentLevel: PlaceLevel,
    parentName: string,
  ) =>
    `${capitalise(placeLevels[level])} se range sous ${allowed.map((l) => placeLevels[l]).join(' ou ')}, pas sous ${placeLevels[parentLevel]} (${parentName}).`,
  'place-under-itself': (parentName: string, parentPath: string, name: string, path: string) =>
    `Un lieu ne peut pas passer sous lui-même ni sous un lieu qu’il contient : ${parentName} (${parentPath}) est dans ${name} (${path}).`,
  'place-path-taken': (path: string, takenName: string, takenPath: string) =>
    `Le chemin ${path} est déjà celui d’un autre lieu (${takenName}, ${takenPath}) : rien n’a été déplacé.`,
  'result-node-wrong-parent': (
    level: ResultLevel,
    expected: ResultLevel,
    parentLevel: ResultLevel,
    parentCode: string,
  ) =>
    `${capitalise(resultLevels[level])} se range sous ${resultLevels[expected]}, pas sous ${resultLevels[parentLevel]} (${parentCode}).`,
  'impact-has-no-parent': () =>
    'Un impact est en tête du cadre de résultats : il n’a pas de parent.',
  'result-node-parent-missing': (level: ResultLevel, expected: ResultLevel) =>
    `${capitalise(resultLevels[level])} se range sous ${resultLevels[expected]} : indiquez-le.`,
};
