/**
 * The db package's messages in French, keyed by stable codes: the refusals its commands answer
 * with an `invalid` failure, which only the stored data can check. French typography: a narrow
 * no-break space (U+202F) inside « » and before : ; ! ?. The English table (en.ts) has the same
 * keys and parameters, held by the type checker; a third language is a third file of this shape.
 */
import type { ReferenceKind } from '../command';
import type { PlaceLevel, RecordStatus, ResultLevel } from '../schema/index';

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

/** What a row names that the organisation does not have (`lieu`). */
const referenceKinds: Record<ReferenceKind, string> = {
  programme: 'programme',
  place: 'lieu',
  grant: 'subvention',
  donor: 'bailleur',
  'result-node': 'élément du cadre de résultats',
  indicator: 'indicateur',
};

/** A record's status as a row refusal says it (`soumis pour validation`). */
const recordStatuses: Record<RecordStatus, string> = {
  draft: 'en brouillon',
  submitted: 'soumis pour validation',
  validated: 'validé',
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
  'move-under-submitted-report': (
    periods: readonly string[],
    grant: string,
    indicators: readonly string[],
    from: string | null,
    to: string | null,
  ) =>
    `Déplacement refusé : ${periods.length > 1 ? 'les périodes' : 'la période'} ${periods.join(', ')} de ${grant} ${periods.length > 1 ? 'sont verrouillées' : 'est verrouillée'} par un rapport soumis, qui range ${indicators.join(', ')} ${from ? `sous ${from}` : 'en tête du cadre'} ; ${to ? `les placer sous ${to}` : 'les placer en tête'} changerait ce rapport. Rien n’a changé ; un nœud sans indicateur se déplace librement.`,
  'password-account-of-another-network': () =>
    'Ce compte a été ouvert par un autre réseau : son administrateur ou la personne elle-même change son mot de passe.',
  /** A batch's status in a refusal (`préparé`); `the-baseline`… name what a target row wrote. */
  'batch-staged': () => 'préparé',
  'batch-committed': () => 'déjà importé',
  'batch-undone': () => 'annulé',
  /** What a refused batch was asked to do, after « impossible de ». */
  'batch-doing-commit': () => 'l’importer',
  'batch-doing-undo': () => 'l’annuler',
  'batch-wrong-status': (status: string, doing: string) =>
    `Ce lot est ${status}\u202f: impossible de ${doing}.`,
  'import-concurrent': (externalId: string) =>
    `L’identifiant «\u202f${externalId}\u202f» vient d’être importé par un autre lot\u202f: relancez la vérification.`,
  /** The engine's messages about one row, one after the other. */
  'import-messages': (messages: readonly string[]) => messages.join('\u202f; '),
  'import-row-rejected': () => 'Ligne rejetée par la vérification.',
  'import-row-locked': (period: string, grant: string) =>
    `Période ${period} de la subvention ${grant} verrouillée par un rapport soumis\u202f: la ligne n’est pas écrite.`,
  'import-row-unknown-reference': (what: ReferenceKind, ids: readonly string[]) =>
    `${capitalise(referenceKinds[what])} introuvable dans l’organisation\u202f: ${ids.join(', ')}.`,
  'import-row-changed-meanwhile': (version: number) =>
    `L’enregistrement a été modifié entre-temps (version ${version})\u202f: relancez la vérification.`,
  'import-row-gone': () =>
    'Ce que la ligne écrit n’existe plus (supprimé entre-temps)\u202f: relancez la vérification.',
  'import-row-duplicate-code': (code: string) =>
    `Le code «\u202f${code}\u202f» est déjà pris\u202f: la ligne n’est pas écrite.`,
  'import-row-in-use': () =>
    'L’enregistrement est encore utilisé par d’autres\u202f: la ligne ne peut pas le retirer.',
  'import-row-frozen': (grant: string, periods: readonly string[]) =>
    `${periods.length > 1 ? 'Les périodes' : 'La période'} ${periods.join(', ')} de la subvention ${grant} ${periods.length > 1 ? 'sont verrouillées' : 'est verrouillée'} par un rapport soumis\u202f: la définition est figée, la ligne n’est pas écrite.`,
  'import-row-wrong-status': (status: RecordStatus) =>
    `L’enregistrement est ${recordStatuses[status]}\u202f: la ligne ne peut pas le changer.`,
  'import-row-own-submission': () =>
    'Vous avez soumis cet enregistrement\u202f: une autre personne doit le valider.',
  'import-activity-changed': (code: string, version: number, importedVersion: number) =>
    `L’activité ${code} a été modifiée dans Jalon depuis son import (version ${version}, importée en version ${importedVersion})\u202f: la ligne ne l’écrase pas. Reportez la correction dans Jalon ou dans le fichier.`,
  'import-incident-changed': (code: string) =>
    `L’incident ${code} a été modifié dans Jalon depuis son import\u202f: la ligne ne l’écrase pas. Reportez la correction dans Jalon ou dans le fichier.`,
  'import-attendance-activity-missing': () =>
    'L’activité de cette ligne n’a pas été importée\u202f: importez d’abord les activités.',
  /** A refusal of one row of an activity's attendance list, said with its activity. */
  'import-of-activity': (code: string, message: string) => `Activité ${code}\u202f: ${message}`,
  'undo-attendance-activity-changed': (code: string) =>
    `L’activité ${code} a été modifiée ou supprimée depuis l’import de sa liste de présence\u202f: l’annulation la perdrait.`,
  'undo-incident-changed': (code: string) =>
    `L’incident ${code} a été modifié depuis l’import\u202f: l’annulation perdrait ce changement.`,
  'undo-incident-gone': () => 'L’incident écrit par cette ligne a été supprimé depuis l’import.',
  'undo-activity-gone': () => 'L’activité écrite par cette ligne a été supprimée depuis l’import.',
  /** `writtenVersion` null: not known (`?`). */
  'undo-activity-changed': (code: string, version: number, writtenVersion: number | null) =>
    `L’activité ${code} a été modifiée depuis l’import (version ${version}, écrite en version ${writtenVersion ?? '?'})\u202f: l’annulation la perdrait.`,
  'the-baseline': () => 'La valeur de référence',
  'the-target': () => 'La cible',
  /** `what`: `the-baseline` or `the-target` (both feminine in French). */
  'undo-target-gone': (what: string) =>
    `${what} écrite par cette ligne a été supprimée depuis l’import.`,
  'undo-target-changed': (what: string, now: number, written: number) =>
    `${what} a été modifiée depuis l’import (${now} au lieu de ${written})\u202f: l’annulation perdrait ce changement.`,
  'undo-value-gone': () =>
    'La valeur saisie écrite par cette ligne a été supprimée depuis l’import.',
  'undo-value-changed': (indicator: string, period: string, value: number) =>
    `La valeur saisie ${indicator} ${period} a été modifiée depuis l’import (${value})\u202f: l’annulation perdrait ce changement.`,
};
