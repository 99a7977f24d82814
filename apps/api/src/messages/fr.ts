import { formatBytes } from './bytes';

/**
 * The HTTP edge's French (apps/api): the reference table, whose keys every other language
 * repeats (`en.ts`). A narrow no-break space (U+202F) stands inside « » and before ; : ! ?
 * (messages.test.ts).
 */
export const fr = {
  // Refusals of the edge itself (http/problems.ts, session.ts, app.ts, server.ts).
  'edge.internal':
    'Erreur interne : la requête n’a pas abouti. Réessayez ; si cela persiste, prévenez l’administrateur.',
  'edge.not-found': 'Adresse inconnue de l’API Jalon.',
  'edge.page-not-found': 'Page introuvable.',
  'edge.csrf':
    'Requête refusée : elle ne vient pas de Jalon lui-même (protection contre la falsification de requêtes).',
  'edge.too-large': ({ limit }: { limit: number }) =>
    `Requête trop volumineuse : ${formatBytes(limit, 'fr-FR', ['Mo', 'Ko'])} au plus pour cette adresse.`,
  'edge.batch': ({ max, got }: { max: number; got: number }) =>
    `Trop d’appels groupés dans une requête : ${got}, ${max} au plus. Envoyez-les en plusieurs requêtes.`,
  'edge.host':
    'Adresse refusée : Jalon ne répond pas sous ce nom. L’administrateur l’ajoute à JALON_PUBLIC_URL ou à JALON_ALLOWED_HOSTS.',
  'edge.starting':
    'Jalon démarre (migrations, données de démonstration) : réessayez dans un instant.',
  'edge.stopping': 'Jalon s’arrête : réessayez dans un instant.',

  // Sign-in and backups (routes/auth.ts, routes/admin.ts).
  'auth.credentials-missing': 'Indiquez une adresse et un mot de passe.',
  'backup.unauthorized':
    'Connexion requise : seul un administrateur du réseau peut télécharger une sauvegarde.',
  'backup.forbidden': 'Refusé : seul un administrateur du réseau peut télécharger une sauvegarde.',
  'backup.password-change':
    'Votre mot de passe est temporaire : choisissez-en un nouveau avant de télécharger une sauvegarde.',
  'backup.unavailable':
    'Ce serveur ne sait pas sauvegarder sa base (lancé sans la commande « jalon start »).',

  // Query parameters of the file routes (routes/reports.ts, routes/exports.ts).
  'query.invalid': ({ lines }: { lines: string }) => `Requête invalide — ${lines}`,
  'query.missing': ({ name, what }: { name: string; what: string }) =>
    `« ${name} » manque : ${what}`,
  'query.empty': ({ name, what }: { name: string; what: string }) =>
    `« ${name} » est vide : ${what}`,
  'query.too-long': ({ name }: { name: string }) => `« ${name} » est trop long`,
  'query.grant': 'le code de la subvention (PROSMED-CCSC)',
  'query.period': 'la période (2023-Q2, 2023, 2023-04…)',
  'query.template': 'l’identifiant du modèle (undp-quarterly)',
  'query.lang': '« lang » vaut fr ou en',
  'query.tz': '« tz » est un fuseau horaire (Africa/Bamako, UTC)',
  'query.mode': '« mode » vaut dimension ou indicator-per-breakdown',
  'query.snapshot-id': '« id » manque : l’identifiant du rapport soumis',
  'query.bulletin-format': '« format » vaut md ou html',
  'report.template-gone': ({ id, version }: { id: string; version: string }) =>
    `Le modèle ${id} v${version} de ce rapport soumis n’est plus disponible : le classeur ne peut pas être reproduit à l’identique.`,
  'report.tampered':
    'Le contenu enregistré de ce rapport soumis ne correspond plus à son empreinte : il n’est pas servi.',

  // File uploads (routes/import.ts).
  'upload.multipart':
    'Envoyez le fichier en multipart/form-data (champs « file », « profile », et « source » au besoin).',
  'upload.boundary': 'Corps multipart illisible (limite « boundary » absente).',
  'upload.interrupted': 'Envoi interrompu ou corps multipart mal formé : rien n’a été importé.',
  'upload.sign-in': 'Connectez-vous pour importer un fichier.',
  'upload.role':
    'Votre rôle ne permet pas d’importer : l’import est réservé à l’administrateur, au chargé de suivi-évaluation et aux chargés de programme (pour leurs programmes).',
  'upload.profile-json': ({ kinds }: { kinds: string }) =>
    `Le champ « profile » doit être le profil de correspondance en JSON (ou « kind », ${kinds}, pour le modèle de Jalon).`,
  'upload.profile-refused': ({ lines }: { lines: string }) => `Profil refusé — ${lines}`,
  'upload.unknown-template': ({ templates }: { templates: string }) =>
    `Modèle inconnu : ${templates}.`,
  'upload.too-large': ({ megabytes }: { megabytes: number }) =>
    `Fichier trop volumineux : ${megabytes.toLocaleString('fr-FR')}\u00a0Mo au plus. Découpez-le.`,
  'upload.no-file': 'Aucun fichier reçu : le champ « file » manque.',
  'upload.source': '« source » vaut file, kobo ou kobo:<uid>.',

  // List exports (routes/exports.ts): sheet titles, column headers, words in cells, file names.
  'query.issue': ({ field, text }: { field: string; text: string }) => `${field} : ${text}`,
  'query.separator': ' ; ',
  'export.too-many-rows': ({ total, max }: { total: number; max: number }) =>
    `Cette liste compte ${total} lignes, plus que les ${max} qu’un export peut porter : filtrez-la (période, programme…) puis exportez-la.`,
  'export.activity-type.training': 'Formation',
  'export.activity-type.workshop': 'Atelier',
  'export.activity-type.webinar': 'Webinaire',
  'export.activity-type.dialogue': 'Dialogue',
  'export.activity-type.awareness': 'Sensibilisation',
  'export.activity-type.lobbying': 'Plaidoyer',
  'export.activity-type.meeting': 'Réunion',
  'export.activity-type.research': 'Recherche',
  'export.activity-type.conference': 'Conférence',
  'export.activity-type.ceremony': 'Cérémonie',
  'export.status.draft': 'Brouillon',
  'export.status.submitted': 'Soumise',
  'export.status.validated': 'Validée',
  'export.category.organised-crime-violent-extremism':
    'Criminalité organisée et extrémisme violent',
  'export.category.democracy-governance': 'Démocratie et gouvernance',
  'export.category.women-peace-security': 'Femmes, paix et sécurité',
  'export.category.environmental-security': 'Sécurité environnementale',
  'export.indicator-status.on-track': 'En bonne voie',
  'export.indicator-status.watch': 'À surveiller',
  'export.indicator-status.off-track': 'En retard',
  'export.indicator-status.no-data': 'Pas de données',
  'export.word.activities': 'Activités',
  'export.word.start': 'Début',
  'export.word.end': 'Fin',
  'export.word.title': 'Titre',
  'export.word.status': 'Statut',
  'export.word.programme': 'Programme',
  'export.word.places': 'Lieux',
  'export.word.grants': 'Subventions',
  'export.word.sessions': 'Séances',
  'export.word.incidents': 'Incidents',
  'export.word.category': 'Catégorie',
  'export.word.place': 'Lieu',
  'export.word.deaths': 'Morts',
  'export.word.injured': 'Blessés',
  'export.word.verified': 'Vérifié',
  'export.word.yes': 'oui',
  'export.word.no': 'non',
  'export.file.activities': 'activites',
  'export.word.participants': 'Participants',
  'export.word.name': 'Nom',
  'export.word.birth-year': 'Année de naissance',
  'export.word.last-seen': 'Vu le',
  'export.word.system': 'système',
  'export.word.audit-trail': 'Journal',
  'export.word.when-utc': 'Quand (UTC)',
  'export.word.who': 'Qui',
  'export.word.record': 'Objet',
  'export.word.id': 'Identifiant',
  'export.word.reason': 'Motif',
  'export.word.field': 'Champ',
  'export.word.before': 'Avant',
  'export.word.after': 'Après',
  'export.word.indicators': 'Indicateurs',
  'export.word.indicator': 'Indicateur',
  'export.word.grant': 'Subvention',
  'export.word.period': 'Période',
  'export.word.value': 'Valeur',
  'export.word.target': 'Cible',
  'export.word.status-period': 'Période du statut',
  'export.word.status-target': 'Cible du statut',
  'export.word.achievement': 'Réalisation (%)',
  'export.file.indicators': 'indicateurs',
  'export.id-expected': 'un identifiant attendu',
  'export.format': '« format » vaut csv ou xlsx',
};

export type Catalogue = typeof fr;
