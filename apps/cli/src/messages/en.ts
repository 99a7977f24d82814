import { formatNumber, type MessageTable } from '@jalon/domain';
import type { fr } from './fr';

/** The command line's words in English: the same keys and parameters as fr.ts (the type checker holds it). */
export const en: MessageTable<typeof fr> = {
  'import-dry-run-and-commit': () => '--dry-run or --commit, not both',
  'import-valid-only-alone': () => '--valid-only goes with --commit',
  'profile-unreadable': (path, reason) => `cannot read profile ${path}: ${reason}`,
  'profile-invalid-json': (path, reason) => `profile ${path}: invalid JSON (${reason})`,
  'profile-refused': (path, lines) => `profile refused (${path}):\n${lines}`,
  'profile-other-kind': (kind, wanted) => `the profile is for "${kind}", not "${wanted}"`,
  'file-unreadable': (file, reason) => `cannot read ${file}: ${reason}`,
  'organisation-not-found': (code) =>
    `organisation ${code} not found: run \`jalon seed\` or set JALON_ORGANISATION`,
  'reading-file': (file) => `reading ${file}…`,
  'file-missing': () => 'give the file to import, or --kobo and --asset',
  'kobo-and-file': () => 'a file or --kobo, not both',
  'kobo-asset-missing': () => '--kobo needs --asset, the form’s uid',
  'kobo-url-invalid': (url) => `invalid Kobo server address: ${url}`,
  'kobo-token-missing': () =>
    'Kobo token missing: set it in JALON_KOBO_TOKEN (never on the command line)',
  'kobo-profile-not-kobo': () =>
    'with --kobo, the profile must be a Kobo profile ("source": "kobo")',
  'kobo-pulling': (asset, origin) => `reading form ${asset} on ${origin}…`,
  'kobo-pulled': (count, pages, watermark) =>
    `${count} submission(s) read in ${pages} page(s); next --since: ${watermark}`,
  // Kobo pull: the stored watermark
  'kobo-from-stored': (watermark) =>
    `resuming from the stored watermark: ${watermark} (minus the re-read window)`,
  'kobo-watermark-stored': (watermark) => `Kobo watermark stored: ${watermark}`,
  'kobo-watermark-kept': (watermark) =>
    `Kobo watermark unchanged: ${watermark} (nothing later imported)`,
  'read-and-checked': (seconds) => `read and checked in ${seconds} s`,
  batch: () => 'Batch',
  'plan-line': (create, update, unchanged, rejected) =>
    `${create} to create, ${update} to update, ${unchanged} unchanged, ${rejected} rejected`,
  'plan-line-done': (create, update, unchanged, rejected) =>
    `${create} created, ${update} updated, ${unchanged} unchanged, ${rejected} rejected`,
  'issue-group': (mark, title, field, rows, ranges) =>
    `${mark} ${title} — ${field}: ${rows} ${ranges}`,
  'issue-rows': (count) => (count > 1 ? 'rows' : 'row'),
  'issue-example': (row, message) => `row ${row}: ${message}`,
  'issue-close-to': (suggestions) => `(close: ${suggestions})`,
  'nothing-written': () => 'Nothing was written (dry run). Run again with --commit to import.',
  imported: (plan) => `Imported: ${plan}`,
  'cleanup-dropped': (dropped, days) =>
    `${formatNumber(dropped, 'en')} staged import batch${dropped === 1 ? '' : 'es'} older than ${days} days dropped.`,
  'size-mb': (n) => `${n} MB`,
  'size-kb': (n) => `${n} KB`,
  'templates-all': () => 'all',
  'give-period': () => 'give the period: --period 2023-Q2',
  'give-grant': () => 'give the grant: --grant PROSMED-CCSC',
  'template-and-file': () => '--template or --template-file, not both',
  'template-unreadable': (path, reason) => `cannot read template ${path}: ${reason}`,
  'template-refused': (path, lines) => `template refused (${path}):\n${lines}`,
  'bulletin-computing': (period) => `bulletin ${period}: computing the figures…`,
  'values-computing': (grant, period) => `${grant} ${period}: computing the values…`,
  'report-computing': (grant, period) => `${grant} ${period}: computing indicators and evidence…`,
  'report-contents': (template, version, indicators, periods, activities, findings) =>
    `${template} v${version}: ${indicators} indicators, ${periods} periods, ${activities} activities, ${findings} findings`,
  writing: (size) => `writing… ${size}`,
  'workbook-not-rendered': (reason) => `the workbook could not be rendered: ${reason}`,
  'render-note': (note) => `note: ${note}`,
  'wrote-in': (file, size, seconds) => `wrote ${file} (${size}) in ${seconds} s`,
  wrote: (file) => `wrote ${file}`,
  'values-not-sent': (count) => `${count} values not sent (intervals, unknown counts or no value)`,
};
