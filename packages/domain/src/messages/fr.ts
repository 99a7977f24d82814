/**
 * The domain's messages in French, keyed by stable codes. French typography: a narrow no-break
 * space (U+202F) inside « » and before : ; ! ?. The English table (en.ts) has the same keys and
 * parameters, checked by the type checker; a third language is a third file of the same shape.
 */
export const fr = {
  'invalid-cell-key': (text: string) =>
    `Ventilation illisible : « ${text} » (attendu par ex. age=youth;sex=female)`,
  'unknown-dimension': (code: string) => `Ventilation inconnue : « ${code} »`,
  'unknown-category': (category: string, dimension: string) =>
    `Catégorie inconnue « ${category} » pour ${dimension}`,
  'cell-without-category': () =>
    'Une ventilation sans catégorie : le total se saisit comme total, pas comme une case',
  'too-many-cells': (size: number) =>
    `Trop de combinaisons de catégories (${size}) pour calculer des bornes`,
  'invalid-count': (value: number, key: string) => `Nombre invalide (${value}) pour « ${key} »`,
  'inconsistent-record': () =>
    'Les nombres saisis se contredisent : aucune répartition ne peut les satisfaire tous',
  'inconsistent-participants': () =>
    'Les nombres saisis se contredisent : aucune répartition des participants ne peut les satisfaire tous.',
  'approximate-adjusted': () =>
    'Les nombres approximatifs ne s’accordent pas avec les personnes comptées : les totaux les ajustent à ces personnes.',
  'invalid-framework': () => 'Échelle de notation invalide',
  'unknown-criterion': (code: string) => `Critère inconnu : « ${code} »`,
  'invalid-score': (code: string, score: number, min: number, max: number) =>
    `Note hors échelle pour « ${code} » : ${score} (de ${min} à ${max})`,
  'missing-score': (code: string) => `Note manquante : « ${code} »`,
  'no-scores': () => 'Aucune note utilisable',
  'dependency-cycle': (loop: string) => `Les formules tournent en rond : ${loop}`,
  'missing-reference': (from: string, code: string) =>
    `L'indicateur « ${from} » utilise « ${code} », qui n'existe pas`,
  'formula-at': (message: string, position: number) => `${message} (position ${position})`,
  'formula-unclosed-brace': () => 'Référence entre accolades mal fermée',
  'formula-unexpected-character': (ch: string) => `Caractère inattendu « ${ch} »`,
  'formula-unknown-function': (name: string) =>
    `Fonction inconnue « ${name} » (fonctions permises : min, max, round)`,
  'formula-closing-parenthesis': () => 'Parenthèse fermante attendue',
  'formula-wrong-arity': (fn: string, count: number) =>
    `Nombre d'arguments incorrect pour ${fn} (${count})`,
  'formula-incomplete': () => 'Formule incomplète',
  'formula-operand-expected': () => 'Nombre, indicateur ou parenthèse attendu',
  'formula-unexpected-continuation': () => 'Suite de formule inattendue',
  'division-by-zero': (what: string) => `Division par zéro : « ${what} » vaut 0 sur la période`,
  'target-missing': () => 'Pas de cible pour cette période',
  'baseline-missing': () => 'Pas de valeur de référence',
  'actual-missing': () => 'Pas de valeur réalisée',
  'rate-zero-target': () => 'Taux non calculable : la cible vaut 0',
  'rate-zero-actual': () => 'Taux non calculable : la valeur réalisée vaut 0',
  'rate-zero-gap': () => 'Taux non calculable : l’écart entre cible et référence vaut 0',
  'no-data': () => 'Aucune donnée sur la période',
  'overlapping-values': () =>
    'Des valeurs saisies se chevauchent sur la période : elles seraient comptées deux fois',
  'ratio-needs-parts': () => 'Un ratio se saisit avec son numérateur et son dénominateur',
  'zero-denominator': () => 'Dénominateur nul sur la période',
  'breakdown-not-supported': () => 'Cet indicateur ne se ventile pas',
  'breakdown-whole-period': () =>
    'Une ventilation se calcule sur la période entière, pas sur une dernière valeur, un maximum ou une moyenne',
  'grant-start-missing': () =>
    'Indicateur cumulatif : la date de début de la subvention est nécessaire',
  'invalid-period': (text: string) =>
    `Période non reconnue : « ${text} » (exemples : 2023, 2023-S1, 2023-Q2, 2023-04, 2023-W15, FY2023, 2023-04-01..2023-06-30)`,
  'invalid-date': (date: string) => `Date invalide : « ${date} »`,
  'invalid-range': (start: string, end: string) =>
    `La période commence (${start}) après sa fin (${end})`,
  'invalid-fiscal-start': (month: string) =>
    `Mois de début d'exercice invalide : ${month} (attendu 1 à 12)`,
  'audit-yes': () => 'oui',
  'audit-no': () => 'non',
  'audit-field-title': () => 'Intitulé',
  'audit-field-summary': () => 'Résumé',
  'audit-field-type': () => 'Type',
  'audit-field-role': () => 'Rôle de l’organisation',
  'audit-field-startDate': () => 'Début',
  'audit-field-endDate': () => 'Fin',
  'audit-field-sessions': () => 'Séances',
  'audit-field-status': () => 'Statut',
  'audit-field-programme': () => 'Programme',
  'audit-field-places': () => 'Lieux',
  'audit-field-grants': () => 'Subventions',
  'audit-field-participants': () => 'Participants',
  'audit-field-date': () => 'Date',
  'audit-field-category': () => 'Catégorie',
  'audit-field-deaths': () => 'Morts',
  'audit-field-injuries': () => 'Blessés',
  'audit-field-verified': () => 'Vérifié',
  'audit-field-place': () => 'Lieu',
  'audit-field-description': () => 'Description',
  'audit-field-code': () => 'Code',
  'audit-field-name': () => 'Nom',
  'audit-field-value': () => 'Valeur',
  'audit-field-period': () => 'Période',
  'audit-field-separationOfDuties': () => 'Séparation des tâches',
  'count-unreadable': (what: string) => `Nombre de ${what} illisible`,
  'count-negative': (what: string, n: string) => `Nombre négatif de ${what}\u202f: ${n}`,
  'count-fractional': (what: string, n: string) =>
    `Nombre de ${what} non entier\u202f: ${n} (on compte des personnes)`,
  'cell-twice': (cell: string) => `La case «\u202f${cell}\u202f» est saisie deux fois`,
  'part-exceeds-total': (part: string, total: string) =>
    `${part} pour ${total} participants au total\u202f: une partie ne peut pas dépasser le total.`,
  'cross-tab-exceeds-category': (part: string, whole: string) =>
    `${part} mais seulement ${whole}\u202f: un croisement ne peut pas dépasser sa catégorie.`,
  'breakdown-sum-mismatch': (listing: string, whole: string, dimensions: string) =>
    `${listing}, mais on compte ${whole}\u202f: la ventilation par ${dimensions} doit retrouver ce nombre.`,
  'parts-exceed-whole': (listing: string, whole: string) =>
    `${listing}, pour ${whole}\u202f: ces catégories ne se recoupent pas, leur somme ne peut pas dépasser le tout.`,
  'lower-bound-raised': (listing: string, n: string, what: string, stated: string) =>
    `${listing}\u202f: il y a donc au moins ${n} ${what}, et non seulement «\u202f${stated}\u202f».`,
  /** The word between the last two names of a list (`sexe et tranche d’âge`). */
  and: () => 'et',
  'count-about': (n: string) => `environ ${n}`,
  'count-more-than': (n: string) => `plus de ${n}`,
  'bounds-at-least': (n: string) => `au moins ${n}`,
  'bounds-between': (lower: string, upper: string) => `entre ${lower} et ${upper}`,
  'unknown-number': () => 'nombre inconnu',
  /** `count` is `n` written out; each language has its own plural rule. */
  'uncounted-activities': (count: string, n: number) =>
    `${count} activité${n > 1 ? 's' : ''} sans décompte`,
  'pivot-measure-activities': () => 'les activités',
  'pivot-measure-participants': () => 'les participants',
  'pivot-measure-unique-people': () => 'les personnes uniques',
  'pivot-measure-incidents': () => 'les incidents',
  'pivot-measure-not-split': (measure: string, dimension: string) =>
    `On ne peut pas répartir ${measure} par ${dimension}.`,
  'pivot-same-dimension': () =>
    'Les lignes et les colonnes doivent être deux dimensions différentes.',
  'pivot-incidents-unscoped': () =>
    'Les incidents ne relèvent d’aucun programme ni d’aucune subvention\u202f: ils ne sont comptés que pour toute l’organisation.',
  /** `feminine`: the dimension's name is (`subvention`), for the agreement. */
  'pivot-none-assigned': (dimension: string, feminine: boolean) =>
    `Aucun${feminine ? 'e' : ''} ${dimension} ne vous est attribué${feminine ? 'e' : ''}\u202f: il n’y a rien à compter.`,
  'pivot-outside-scope': (dimension: string, members: string) =>
    `Hors de votre périmètre\u202f: ${dimension} ${members}.`,
  'pivot-title': () => 'Tableau croisé',
};
