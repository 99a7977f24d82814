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
};
