import { capitalise, counted, listed } from './grammar';
import type { MappingProfile } from '@jalon/import';
import type { Message } from './lookup';

const et = (items: readonly string[]) => listed(items, 'et');

type ImportKind = MappingProfile['kind'];

/** What each import kind brings in, as a refusal names it. */
const importKinds: Record<ImportKind, string> = {
  activities: 'des activités',
  attendance: 'des listes de présence',
  incidents: 'des incidents',
  targets: 'des cibles et valeurs de référence',
  values: 'des valeurs saisies',
};

/** Why a row of each kind is outside a programme officer's reach. */
const outsideReach: Record<ImportKind, string> = {
  activities: 'Le programme de cette ligne n’est pas l’un des vôtres',
  attendance: 'L’activité de cette ligne relève d’un programme qui n’est pas l’un des vôtres',
  incidents: 'Cet incident n’est rattaché à aucun de vos programmes',
  targets: 'L’indicateur de cette ligne ne relève d’aucun de vos programmes',
  values: 'L’indicateur de cette ligne relève d’une subvention d’aucun de vos programmes',
};

/**
 * The server's French: the reference table, whose keys every other language repeats (`en.ts`).
 * A narrow no-break space (U+202F) stands inside « » and before ; : ! ? (french-typography.test.ts).
 */
export const fr = {
  // Expected failures (errors.ts).
  'error.not-found': ({ entity }: { entity: Message }) => `${capitalise(entity.fr)} introuvable.`,
  'error.no-organisation':
    'Aucune organisation n’est configurée : lancez `jalon seed` ou indiquez JALON_ORGANISATION.',
  'error.conflict': ({ entity, version }: { entity: Message; version: number }) =>
    `Quelqu’un a modifié cette ${entity.fr} entre-temps (version ${version}) : rechargez-la, vos changements n’ont pas été enregistrés.`,
  'error.locked': ({ grant, period }: { grant: string; period: string }) =>
    `La période ${period} de la subvention ${grant} est verrouillée par un rapport soumis : rien n’a été modifié. Un administrateur peut enregistrer une rectification motivée.`,
  'error.duplicate': ({ what, value }: { what: Message; value: string }) =>
    `${capitalise(what.fr)} « ${value} » existe déjà.`,
  'error.unknown-reference': ({ what, ids }: { what: Message; ids: readonly string[] }) =>
    `${capitalise(what.fr)} inconnu(e) pour cette organisation : ${ids.join(', ')}.`,
  'error.in-use': ({ entity, uses }: { entity: Message; uses: readonly string[] }) =>
    `${capitalise(entity.fr)} encore utilisé(e) par ${et(uses)} : rien n’a été supprimé. Supprimez-les ou rattachez-les ailleurs d’abord.`,
  'error.frozen': ({
    grant,
    periods,
    fields,
  }: {
    grant: string;
    periods: readonly string[];
    fields: readonly Message[];
  }) => {
    const many = periods.length > 1;
    return `La définition de cet indicateur est figée : ${many ? 'les périodes' : 'la période'} ${et(periods)} de la subvention ${grant} ${many ? 'sont verrouillées' : 'est verrouillée'} par un rapport soumis. Rien n’a été modifié (${fields.map((f) => f.fr).join(', ')}). L’intitulé et la description peuvent encore changer ; pour mesurer autrement, créez un nouvel indicateur.`;
  },
  'error.duplicate-code': 'le code',

  // Refused calls (auth/permissions.ts's reasons).
  'denied.unauthenticated':
    'Connectez-vous pour continuer : votre session a expiré ou vous n’êtes pas connecté(e).',
  'denied.undeclared': 'Cette opération n’a pas de permission déclarée : elle est refusée à tous.',
  'denied.role': 'Votre rôle ne permet pas cette opération.',
  'denied.read-only': 'Votre accès est en lecture seule : rien n’a été modifié.',
  'denied.no-resource': 'Précisez l’enregistrement visé par cette opération.',
  'denied.other-organisation': 'Cet enregistrement n’appartient pas à votre organisation.',
  'denied.other-programme':
    'Cet enregistrement relève d’un programme qui ne vous est pas attribué.',
  'denied.other-grant':
    'Cet enregistrement relève d’une subvention à laquelle vous n’avez pas accès.',
  'denied.password-change':
    'Votre mot de passe est temporaire : choisissez-en un nouveau avant de continuer.',

  // What still uses a record that cannot be removed (`3 activités`).
  'used-by.programme': counted('programme', 'programmes'),
  'used-by.place': counted('lieu rattaché', 'lieux rattachés'),
  'used-by.grant': counted('subvention', 'subventions'),
  'used-by.donor': counted('bailleur', 'bailleurs'),
  'used-by.result-node': counted('élément du cadre de résultats', 'éléments du cadre de résultats'),
  'used-by.activity': counted('activité', 'activités'),
  'used-by.incident': counted('incident', 'incidents'),
  'used-by.attendance': counted(
    'personne nommée dans la liste de présence',
    'personnes nommées dans la liste de présence',
  ),
  'used-by.indicator': counted('indicateur', 'indicateurs'),
  'used-by.deliverable': counted('livrable', 'livrables'),
  'used-by.report-snapshot': counted('rapport soumis', 'rapports soumis'),
  'used-by.period-lock': counted('période verrouillée', 'périodes verrouillées'),
  'used-by.restatement': counted('rectification', 'rectifications'),
  'used-by.indicator-comment': counted('commentaire d’indicateur', 'commentaires d’indicateurs'),
  'used-by.target': counted('cible', 'cibles'),
  'used-by.baseline': counted('valeur de référence', 'valeurs de référence'),
  'used-by.manual-value': counted('valeur saisie', 'valeurs saisies'),
  'used-by.formula': counted(
    'indicateur dont la formule le nomme',
    'indicateurs dont la formule le nomme',
  ),
  'used-by.user-access': counted(
    'accès d’utilisateur limité à lui',
    'accès d’utilisateurs limités à lui',
  ),
  'used-by.indicator-filter': counted(
    'indicateur dont le filtre le nomme',
    'indicateurs dont le filtre le nomme',
  ),

  // An indicator's fields, as messages name them.
  'field.code': 'code',
  'field.title': 'intitulé',
  'field.titleEn': 'intitulé anglais',
  'field.unit': 'unité',
  'field.direction': 'sens',
  'field.timeRule': 'règle de temps',
  'field.subPeriod': 'sous-période',
  'field.cumulative': 'cumul',
  'field.achievementRule': 'règle d’atteinte',
  'field.source': 'source',
  'field.dimensions': 'ventilations',
  'field.grant': 'subvention de rattachement',
  'field.node': 'élément du cadre de résultats',

  // Approval moves (approval.ts), for a record whose name is feminine (une activité, une valeur).
  'status.draft': 'en brouillon',
  'status.submitted': 'soumise',
  'status.validated': 'validée',
  'move.submit': 'soumise',
  'move.validate': 'validée',
  'move.reject': 'renvoyée en brouillon',
  'move-from.submit': 'en brouillon',
  'move-from.validate': 'soumise',
  'move-from.reject': 'soumise ou validée',
  'approval.wrong-status': (p: {
    the: Message;
    entity: Message;
    status: string;
    from: string;
    move: string;
  }) =>
    `${capitalise(p.the.fr)} est ${p.status} : seule une ${p.entity.fr} ${p.from} peut être ${p.move}. Rien n’a été modifié.`,
  'approval.own-submission': ({ the }: { the: Message }) =>
    `Vous avez soumis ${the.fr} vous-même : une autre personne doit la valider (séparation des tâches). Rien n’a été modifié.`,

  // The records messages name (`Activité introuvable.`, `cette activité`).
  'entity.import': 'importation',
  'entity.activity': 'activité',
  'entity.this-activity': 'cette activité',
  'entity.value': 'valeur',
  'entity.entered-value': 'valeur saisie',
  'entity.this-entered-value': 'cette valeur saisie',
  'entity.the-indicator': 'l’indicateur',
  'entity.indicator': 'indicateur',
  'entity.target': 'cible',
  'entity.grant': 'subvention',
  // The exchange mapping saved at a version (routers/adx.ts).
  'entity.adx-mapping': 'correspondance d’échange ADX / DHIS2',
  'entity.grant-named': ({ grant }: { grant: string }) => `subvention « ${grant} »`,
  'entity.result-node': 'élément du cadre de résultats',
  'entity.member': 'membre',
  'entity.the-member': 'le membre',
  'entity.account': 'compte',
  'entity.donor': 'bailleur',
  'entity.programme': 'programme',
  'entity.place': 'lieu',
  'entity.organisation': 'organisation',
  'entity.incident': 'incident',
  'entity.assessment': 'évaluation',
  'entity.submitted-report': 'rapport soumis',

  // The tRPC edge (trpc.ts).
  'trpc.internal': 'Erreur interne : le serveur n’a pas pu traiter la demande.',
  'trpc.invalid-input': ({ issues }: { issues: readonly string[] }) =>
    `Saisie invalide — ${issues.join('; ')}`,
  'trpc.control-character': ({ path, codePoint }: { path: string; codePoint: string }) =>
    `Saisie invalide — ${path} : le texte contient un caractère de contrôle invisible (${codePoint}) qui ne peut être ni enregistré ni transmis dans un rapport ; retirez-le (il vient souvent d’un texte collé depuis un autre logiciel).`,
  'client-request.reused':
    'Cet identifiant de demande a déjà servi pour un autre enregistrement : rien n’a été écrit. Envoyez ce nouvel enregistrement sous un nouvel identifiant.',

  // Sign-in and passwords (auth/).
  'login.invalid-credentials': 'Adresse ou mot de passe incorrect.',
  'login.throttled':
    'Trop de tentatives de connexion : patientez quelques minutes avant de réessayer.',
  'password.too-short': ({ min }: { min: number }) =>
    `Le mot de passe compte au moins ${min} caractères : une phrase de quelques mots convient très bien.`,
  'password.too-long': ({ max }: { max: number }) =>
    `Le mot de passe compte au plus ${max} caractères.`,
  'password.guessable':
    'Ce mot de passe est parmi les premiers essayés (trop courant, répétitif ou tiré de votre adresse) : choisissez-en un autre, par exemple une phrase.',

  // Warnings on an entry (entry-warnings.ts).
  'warning.look-alike.activity':
    'même type, même date, même lieu et même intitulé qu’une activité déjà enregistrée',
  'warning.look-alike.incident':
    'mêmes date, lieu, catégorie, morts et blessés qu’un incident déjà enregistré',
  'warning.probable-duplicate': ({ lookAlike, records }: { lookAlike: Message; records: string }) =>
    `Doublon probable : ${lookAlike.fr} (${records}). Vérifiez avant de confirmer qu’il ne s’agit pas d’un doublon.`,
  'warning.future-date': ({ date, today }: { date: string; today: string }) =>
    `La date ${date} est dans le futur (aujourd’hui : ${today}). Vérifiez-la avant de confirmer.`,

  'warning.grant-not-counted': ({ grant, parts }: { grant: string; parts: Message[] }) =>
    `Les indicateurs de la subvention ${grant} ne compteront pas cette activité : ${parts.map((p) => p.fr).join(' ; ')}. Vérifiez la subvention, le programme, le type et le lieu avant de confirmer.`,
  'warning.uncounted.no-activity-indicator':
    'aucun de ses indicateurs ne compte des activités ni leurs participants',
  'warning.uncounted.indicators': ({ codes, fields }: { codes: string[]; fields: Message[] }) =>
    `${et(codes)} ne compte${codes.length > 1 ? 'nt' : ''} que ${et(fields.map((f) => f.fr))}`,
  'warning.criterion.programmes': ({ codes }: { codes: string[] }) =>
    `le${codes.length > 1 ? 's programmes' : ' programme'} ${listed(codes, 'ou')}`,
  'warning.criterion.types': ({ parts }: { parts: Message[] }) =>
    `le type ${listed(
      parts.map((p) => p.fr.toLowerCase()),
      'ou',
    )}`,
  'warning.criterion.grants': ({ codes }: { codes: string[] }) =>
    `les activités de la subvention ${listed(codes, 'ou')}`,
  'warning.criterion.places': ({ codes }: { codes: string[] }) =>
    `les lieux dans ${listed(codes, 'ou')}`,
  'warning.criterion.notWithin': ({ codes }: { codes: string[] }) =>
    `les lieux hors de ${listed(codes, 'et')}`,

  // An indicator's definition refused (services/indicator-checks.ts).
  'indicator.refused': ({ reason }: { reason: Message }) => `Indicateur refusé : ${reason.fr}`,
  'indicator.issue.one-of': ({ values }: { values: string }) => `valeurs possibles : ${values}`,
  'indicator.issue.shape': 'forme inattendue',
  'indicator.issue.required': 'obligatoire',
  'indicator.issue.type': ({ expected }: { expected: string }) => `type attendu : ${expected}`,
  'indicator.issue.too-small': ({ minimum }: { minimum: string }) =>
    `au moins ${minimum} caractère(s) ou élément(s)`,
  'indicator.issue.too-big': ({ maximum }: { maximum: string }) =>
    `au plus ${maximum} caractères ou éléments`,
  'indicator.issue.unknown-keys': ({ keys }: { keys: string }) => `champ(s) inconnu(s) : ${keys}`,
  'indicator.field-issue': ({
    key,
    label,
    issue,
  }: {
    key: string;
    label: Message;
    issue: Message;
  }) => `${label.fr === key ? `« ${key} »` : `« ${label.fr} » (${key})`} — ${issue.fr}`,
  'indicator.invalid-fields': ({ parts }: { parts: readonly Message[] }) =>
    `champ invalide : ${parts.map((p) => p.fr).join(' ; ')}.`,
  'indicator.code-characters': ({ code }: { code: string }) =>
    `le code « ${code} » ne prend que des lettres, chiffres, points, tirets et barres obliques, sans espace.`,
  'indicator.unknown-dimensions': ({ dimensions, known }: { dimensions: string; known: string }) =>
    `ventilation(s) inconnue(s) : ${dimensions} (possibles : ${known}).`,
  'indicator.dimension-twice': 'une ventilation est donnée deux fois.',
  'indicator.unknown-source-dimension': ({
    dimension,
    known,
  }: {
    dimension: string;
    known: string;
  }) =>
    `la source ne retient que certains participants par une ventilation inconnue « ${dimension} » (possibles : ${known}).`,
  'indicator.unknown-category': (p: { category: string; dimension: string; known: string }) =>
    `« ${p.category} » n’est pas une catégorie de « ${p.dimension} » (possibles : ${p.known}).`,
  'indicator.ratio-manual':
    'la règle « ratio » ne vaut que pour une saisie manuelle (numérateur et dénominateur saisis par période) ; une part calculée s’écrit en formule, par exemple « {FEMMES} / {TOTAL} * 100 ».',
  'indicator.sub-period-rule': ({ step, rule }: { step: string; rule: string }) =>
    `la sous-période « ${step} » ne vaut que pour les règles de temps « latest », « max » et « average » (une valeur lue par sous-période, puis combinée) ; avec la règle « ${rule} », retirez-la (subPeriod).`,
  'indicator.sub-period-source': ({ step }: { step: string }) =>
    `la sous-période « ${step} » ne vaut que pour un indicateur calculé sur des faits ou une formule ; une saisie manuelle ou un score d’évaluation est déjà une série de valeurs par période : retirez-la (subPeriod).`,
  'indicator.sub-period-fiscal-year':
    'la sous-période « fiscal-year » n’est pas prise en charge : les sous-périodes suivent le calendrier civil (possibles : year, semester, quarter, month, week).',
  'indicator.cumulative-node':
    'un indicateur cumulatif se calcule depuis le début de sa subvention : rattachez-le à un élément du cadre de résultats (nodeId).',
  'indicator.formula-unreadable': ({ error }: { error: Message }) =>
    `la formule ne se lit pas : ${error.fr}.`,
  'indicator.formula-unknown': ({ codes }: { codes: readonly string[] }) =>
    `la formule utilise ${codes.map((m) => `« ${m} »`).join(', ')}, inconnu(s) dans l’organisation.`,
  'indicator.formula-cycle': ({ error }: { error: Message }) => `${error.fr}.`,

  // Imports (services/import-batches.ts, routers/import.ts).
  'import.kobo-malformed':
    'Ce fichier n’est pas du JSON lisible : attendu, l’export JSON de KoboToolbox (API v2, /data/).',
  'import.entry.activities': 'la saisie des activités',
  'import.entry.targets': 'la saisie des cibles',
  'import.entry.values': 'la saisie des valeurs',
  'import.kind-refused': ({ kind }: { kind: ImportKind }) =>
    `Votre rôle ne permet pas d’importer ${importKinds[kind]} : vous ne pouvez pas les saisir à la main non plus.`,
  'import.other-programme': ({ kind }: { kind: ImportKind }) =>
    `${outsideReach[kind]} : un chargé de programme importe dans ses programmes seulement.`,
  'import.other-importer':
    'Ce lot d’import a été déposé par quelqu’un d’autre : un chargé de programme ne voit et n’importe que ses propres lots.',
  'import.refused-by': ({ entry, detail }: { entry: Message; detail: string }) =>
    `Refusé par ${entry.fr} : ${detail}`,
  'import.batch-not-found': 'Lot d’import introuvable.',
  'import.refused-rows.part': ({
    count,
    ranges,
    text,
  }: {
    count: number;
    ranges: string;
    text: string;
  }) => `${count > 1 ? 'lignes' : 'ligne'} ${ranges} : ${text}`,
  'import.refused-rows.more': ' ; …',
  'import.refused-rows': ({
    count: n,
    lines,
    more,
  }: {
    count: number;
    lines: readonly string[];
    more: string;
  }) =>
    `Rien n’a été importé : ${n} ${n > 1 ? 'lignes ne peuvent' : 'ligne ne peut'} pas être écrite${n > 1 ? 's' : ''} — ${lines.join(' ; ')}${more}`,

  // Report models (services/report-model.ts).
  'report.unknown-template': ({ id }: { id: string }) => `Modèle de rapport inconnu : « ${id} ».`,
  'report.no-country': ({ organisation }: { organisation: string }) =>
    `L’organisation ${organisation} n’a pas de pays (code ISO à deux lettres).`,
  'report.restatement': ({ period, date, why }: { period: string; date: string; why: string }) =>
    `Rectification de la période ${period}, déjà soumise, le ${date} : ${why}`,

  // Evidence in reports and bulletins (services/report-evidence.ts, bulletin-model.ts).
  'activity-type.training': 'Formation',
  'activity-type.workshop': 'Atelier',
  'activity-type.webinar': 'Webinaire',
  'activity-type.dialogue': 'Dialogue',
  'activity-type.awareness': 'Sensibilisation',
  'activity-type.lobbying': 'Plaidoyer',
  'activity-type.meeting': 'Réunion',
  'activity-type.research': 'Recherche',
  'activity-type.conference': 'Conférence',
  'activity-type.ceremony': 'Cérémonie',
  'incident-category.organised-crime-violent-extremism':
    'Criminalité organisée et extrémisme violent',
  'incident-category.democracy-governance': 'Démocratie et gouvernance',
  'incident-category.women-peace-security': 'Femmes, paix et sécurité',
  'incident-category.environmental-security': 'Sécurité environnementale',
  'deliverable.weekly-report.one': 'rapport hebdomadaire',
  'deliverable.weekly-report.other': 'rapports hebdomadaires',
  'deliverable.monthly-bulletin.one': 'bulletin mensuel sur la sécurité humaine',
  'deliverable.monthly-bulletin.other': 'bulletins mensuels sur la sécurité humaine',
  'deliverable.monthly-report.one': 'rapport mensuel',
  'deliverable.monthly-report.other': 'rapports mensuels',
  'deliverable.bimonthly-note.one': 'note bimensuelle',
  'deliverable.bimonthly-note.other': 'notes bimensuelles',
  'deliverable.policy-brief.one': 'note de politique',
  'deliverable.policy-brief.other': 'notes de politique',
  'deliverable.study.one': 'étude',
  'deliverable.study.other': 'études',
  'deliverable.quarterly-report.one': 'rapport trimestriel',
  'deliverable.quarterly-report.other': 'rapports trimestriels',
  'deliverable.other.one': 'autre produit',
  'deliverable.other.other': 'autres produits',
  'country.CD': 'République démocratique du Congo',

  // Routers' own refusals.
  'report.period-outside-grant': (p: {
    period: string;
    grant: string;
    start: string;
    end: string;
  }) => `La période ${p.period} est hors de la subvention ${p.grant} (du ${p.start} au ${p.end}).`,
  'report.invalid-template': ({ details }: { details: string }) =>
    `Modèle de rapport invalide — ${details}`,
  'report.figures-changed':
    'Des données ont changé pendant la préparation du rapport : rien n’a été soumis ; soumettez-le à nouveau.',
  'adx.mapping-invalid':
    'La correspondance ADX enregistrée n’est plus valide : enregistrez-la de nouveau.',
  'adx.nothing-to-send': ({ grant, period }: { grant: string; period: string }) =>
    `Rien à envoyer pour ${grant} en ${period} : aucune valeur exacte ou énoncée parmi les indicateurs de la correspondance.`,
  'adx.left-out': ({ count }: { count: number }) =>
    count === 1
      ? '1 activité de la période n’est dans aucune région\u202f: ses chiffres ne sont dans aucune unité d’organisation du fichier. Indiquez une unité «\u202fhors régions\u202f» dans la correspondance pour les envoyer.'
      : `${count} activités de la période ne sont dans aucune région\u202f: leurs chiffres ne sont dans aucune unité d’organisation du fichier. Indiquez une unité «\u202fhors régions\u202f» dans la correspondance pour les envoyer.`,
  'session.wrong-password': 'Le mot de passe actuel ne correspond pas : rien n’a changé.',
  'target.no-grant':
    'Cet indicateur n’appartient à aucune subvention : il n’a pas de cible pour la durée de la subvention.',
  'breakdown.unknown-cell': ({
    cell,
    indicator,
    dimensions,
  }: {
    cell: string;
    indicator: string;
    dimensions: string;
  }) =>
    dimensions === ''
      ? `L’indicateur ${indicator} n’est ventilé par aucune dimension : la cellule ${cell} n’en est pas une ventilation, rien n’a été enregistré.`
      : `La cellule ${cell} n’est pas une ventilation de l’indicateur ${indicator} (ventilé par ${dimensions}) : rien n’a été enregistré.`,
  'activity.inconsistent-breakdown': ({ issues }: { issues: readonly string[] }) =>
    `Ventilation incohérente, rien n’a été enregistré : ${issues.join(' ; ')}`,

  // An attendance list's lines (routers/attendance.ts).
  'attendance.person-id': 'identifiant de personne invalide',
  'attendance.code-text': 'le code doit être un texte',
  'attendance.code-empty': 'le code est vide',
  'attendance.code-long': 'le code dépasse 80 caractères',
  'attendance.name-text': 'le nom doit être un texte',
  'attendance.name-long': 'le nom dépasse 200 caractères',
  'attendance.expected.sex': 'sexe attendu',
  'attendance.expected.age-group': 'tranche d’âge attendue',
  'attendance.expected.disability': 'handicap attendu',
  'attendance.expected.category': 'catégorie attendue',
  'attendance.category': ({ expected, codes }: { expected: string; codes: readonly string[] }) =>
    `${expected} : ${codes.join(', ')}`,
  'attendance.date': 'date attendue au format AAAA-MM-JJ',
  'attendance.line-object': 'une ligne doit être un objet',
  'attendance.line-problem': ({ line, text }: { line: number; text: string }) =>
    `ligne ${line} : ${text}`,
  'attendance.refused': ({ problems }: { problems: readonly string[] }) =>
    `Liste des participants refusée, rien n’a été enregistré : ${problems.join(' ; ')}.`,
  'attendance.person-or-code': 'indiquez le code (ou pseudonyme) de la personne',
  'evidence.participants-missing': 'Aucun effectif de participants enregistré.',
  'evidence.not-disaggregated': 'Effectif total sans ventilation par sexe ni par âge.',
  'evidence.draft':
    'Activité en brouillon, pas encore soumise ni validée : comptée dans ce rapport.',
  'evidence.submitted': 'Activité soumise, pas encore validée : comptée dans ce rapport.',
};

export type Catalogue = typeof fr;
