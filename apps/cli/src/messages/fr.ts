import { formatNumber } from '@jalon/domain';

/**
 * The command line's own words in French, keyed by stable codes: its refusals of flags and files,
 * its progress lines and its summaries (the API's and the import's messages come with their own
 * tables). French typography: a narrow no-break space (U+202F) inside « » and before : ; ! ?. The
 * English table (en.ts) has the same keys and parameters, held by the type checker; a third
 * language is a third file of this shape.
 */
export const fr = {
  'import-dry-run-and-commit': () => '--dry-run ou --commit, pas les deux',
  'import-valid-only-alone': () => '--valid-only va avec --commit',
  'profile-unreadable': (path: string, reason: string) =>
    `profil illisible ${path}\u202f: ${reason}`,
  'profile-invalid-json': (path: string, reason: string) =>
    `profil ${path}\u202f: JSON invalide (${reason})`,
  /** `lines`: one line per refused field, each already indented. */
  'profile-refused': (path: string, lines: string) => `profil refusé (${path})\u202f:\n${lines}`,
  'profile-other-kind': (kind: string, wanted: string) =>
    `le profil est pour «\u202f${kind}\u202f», pas «\u202f${wanted}\u202f»`,
  'file-unreadable': (file: string, reason: string) => `fichier illisible ${file}\u202f: ${reason}`,
  'organisation-not-found': (code: string) =>
    `organisation ${code} introuvable\u202f: lancez \`jalon seed\` ou indiquez JALON_ORGANISATION`,
  'reading-file': (file: string) => `lecture de ${file}…`,
  'file-missing': () => 'indiquez le fichier à importer, ou --kobo et --asset',
  'kobo-and-file': () => 'un fichier ou --kobo, pas les deux',
  'kobo-asset-missing': () => '--kobo demande --asset, l’identifiant du formulaire',
  'kobo-url-invalid': (url: string) => `adresse du serveur Kobo invalide : ${url}`,
  'kobo-token-missing': () =>
    'jeton Kobo manquant : indiquez-le dans JALON_KOBO_TOKEN (jamais sur la ligne de commande)',
  'kobo-profile-not-kobo': () =>
    'avec --kobo, le profil doit être un profil Kobo (« source » : « kobo »)',
  'kobo-pulling': (asset: string, origin: string) =>
    `lecture du formulaire ${asset} sur ${origin}…`,
  'kobo-pulled': (count: number, pages: number, watermark: string) =>
    `${count} soumission(s) lue(s) en ${pages} page(s) ; prochain --since : ${watermark}`,
  // Kobo pull: the stored watermark
  'kobo-from-stored': (watermark: string) =>
    `reprise au repère enregistré\u202f: ${watermark} (moins la fenêtre relue)`,
  'kobo-watermark-stored': (watermark: string) => `repère Kobo enregistré\u202f: ${watermark}`,
  'kobo-watermark-kept': (watermark: string) =>
    `repère Kobo inchangé\u202f: ${watermark} (rien de plus récent d’importé)`,
  'read-and-checked': (seconds: string) => `lu et vérifié en ${seconds} s`,
  batch: () => 'Lot',
  /** A plan's counts, numbers already written: « 3 à créer, 0 à mettre à jour, 20 inchangées, 1 rejetée ». */
  'plan-line': (
    create: string,
    update: string,
    unchanged: string,
    rejected: string,
    unchangedCount: number,
    rejectedCount: number,
  ) =>
    `${create} à créer, ${update} à mettre à jour, ${unchanged} inchangée${unchangedCount > 1 ? 's' : ''}, ${rejected} rejetée${rejectedCount > 1 ? 's' : ''}`,
  /** The same counts once written: « 3 créées, 0 mises à jour, … ». */
  'plan-line-done': (
    create: string,
    update: string,
    unchanged: string,
    rejected: string,
    unchangedCount: number,
    rejectedCount: number,
  ) =>
    `${create} créées, ${update} mises à jour, ${unchanged} inchangée${unchangedCount > 1 ? 's' : ''}, ${rejected} rejetée${rejectedCount > 1 ? 's' : ''}`,
  /** A group of issues: its mark, title, field and column, then its rows. */
  'issue-group': (mark: string, title: string, field: string, rows: string, ranges: string) =>
    `${mark} ${title} — ${field}\u202f: ${rows} ${ranges}`,
  'issue-rows': (count: number) => (count > 1 ? 'lignes' : 'ligne'),
  'issue-example': (row: number, message: string) => `ligne ${row}\u202f: ${message}`,
  'issue-close-to': (suggestions: string) => `(proche\u202f: ${suggestions})`,
  'nothing-written': () =>
    'Rien n’a été écrit (vérification seule). Relancez avec --commit pour importer.',
  imported: (plan: string) => `Importé\u202f: ${plan}`,
  'cleanup-dropped': (dropped: number, days: number) =>
    `${formatNumber(dropped, 'fr')} lot${dropped > 1 ? 's' : ''} d’import non validé${dropped > 1 ? 's' : ''} de plus de ${days}\u00a0jours supprimé${dropped > 1 ? 's' : ''}.`,
  'size-mb': (n: string) => `${n} Mo`,
  'size-kb': (n: string) => `${n} Ko`,
  /** A template meant for every donor, in the list of templates. */
  'templates-all': () => 'tous',
  'give-period': () => 'indiquez la période\u202f: --period 2023-Q2',
  'give-grant': () => 'indiquez la subvention\u202f: --grant PROSMED-CCSC',
  'template-and-file': () => '--template ou --template-file, pas les deux',
  'template-unreadable': (path: string, reason: string) =>
    `modèle illisible ${path}\u202f: ${reason}`,
  /** `lines`: one line per broken field, each already indented. */
  'template-refused': (path: string, lines: string) => `modèle refusé (${path})\u202f:\n${lines}`,
  'bulletin-computing': (period: string) => `bulletin ${period}\u202f: calcul des chiffres…`,
  'values-computing': (grant: string, period: string) =>
    `${grant} ${period}\u202f: calcul des valeurs…`,
  'report-computing': (grant: string, period: string) =>
    `${grant} ${period}\u202f: calcul des indicateurs et des preuves…`,
  'report-contents': (
    template: string,
    version: string,
    indicators: number,
    periods: number,
    activities: number,
    findings: number,
  ) =>
    `${template} v${version}\u202f: ${indicators} indicateurs, ${periods} périodes, ${activities} activités, ${findings} constats`,
  writing: (size: string) => `écriture… ${size}`,
  'workbook-not-rendered': (reason: string) =>
    `le classeur n’a pas pu être produit\u202f: ${reason}`,
  'render-note': (note: string) => `remarque\u202f: ${note}`,
  'wrote-in': (file: string, size: string, seconds: string) =>
    `écrit ${file} (${size}) en ${seconds} s`,
  wrote: (file: string) => `écrit ${file}`,
  'values-not-sent': (count: number) =>
    `${count} valeurs non envoyées (intervalles, nombres inconnus ou sans valeur)`,
};
