import type { Locale } from '@jalon/domain';
import type { BulletinModel } from '../model/bulletin-model';
import { bulletinFigures } from './bulletin-figures';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The bulletin's figures section as Markdown: a heading per programme and one bullet per sentence.
 * @example renderBulletinMarkdown(model, 'fr') // '## Les chiffres du trimestre — avril–juin 2023\n\n### Système national…'
 */
export function renderBulletinMarkdown(model: BulletinModel, locale: Locale = 'fr'): string {
  const f = bulletinFigures(model, locale);
  const parts = [`## ${f.title}`, ''];
  if (f.assessment) parts.push(f.assessment, '');
  if (f.summary) parts.push(f.summary, '');
  for (const p of f.programmes)
    parts.push(`### ${p.name}`, '', ...p.sentences.map((s) => `- ${s}`), '');
  return parts.join('\n');
}

/**
 * The same section as an HTML fragment (escaped), for the web app and e-mail.
 * @example renderBulletinHtml(model, 'en') // '<section class="bulletin-figures" lang="en">…'
 */
export function renderBulletinHtml(model: BulletinModel, locale: Locale = 'fr'): string {
  const f = bulletinFigures(model, locale);
  const body = f.programmes
    .map(
      (p) =>
        `  <h3>${escapeHtml(p.name)}</h3>\n  <ul>\n${p.sentences.map((s) => `    <li>${escapeHtml(s)}</li>`).join('\n')}\n  </ul>`,
    )
    .join('\n');
  const assessment = f.assessment
    ? `  <p class="assessment">${escapeHtml(f.assessment)}</p>\n`
    : '';
  const summary = f.summary ? `  <p>${escapeHtml(f.summary)}</p>\n` : '';
  return `<section class="bulletin-figures" lang="${locale}">\n  <h2>${escapeHtml(f.title)}</h2>\n${assessment}${summary}${body}\n</section>\n`;
}
