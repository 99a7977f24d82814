import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typographyFaults } from './messages';

/**
 * French typography in the messages the server writes (api, domain, reports, db): a narrow
 * no-break space (U+202F) inside « » and before ; : ! ? — never a plain or a wide no-break space,
 * which a line may break at or which reads too wide. Seed, synthetic and fixture data are content,
 * not messages, and stay as they were typed.
 */
const packagesDir = fileURLToPath(new URL('../..', import.meta.url));
const scanned = ['api', 'domain', 'reports', 'db'];
const data = /\/(seed|fixture|test-support)\/|synthetic|testing\.ts$|\.test\.ts$/;

/** The spots of `text` where a plain or wide space stands for the narrow one. */
const wideSpaces = typographyFaults;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return e.name.endsWith('.ts') && !data.test(path) ? [path] : [];
  });
}

/** Every string literal and template piece of a file, as written. */
function literals(path: string): { line: number; text: string }[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const walk = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      found.push({
        line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
        text: node.getText(file),
      });
    node.forEachChild(walk);
  };
  walk(file);
  return found;
}

describe('French typography in server messages', () => {
  it('finds each wide space it is meant to find, and none in a correct or English text', () => {
    expect(wideSpaces('Rien n’a été modifié : rechargez.')).toHaveLength(1);
    expect(wideSpaces('la subvention « PROSMED »')).toHaveLength(2);
    expect(wideSpaces('Vraiment ? Oui ! Non ; peut-être')).toHaveLength(3);
    expect(wideSpaces('Rien n’a été modifié\u00a0: rechargez.')).toHaveLength(1);
    expect(
      wideSpaces('Rien n’a été modifié\u202f: rechargez «\u202fPROSMED\u202f»\u202f?'),
    ).toHaveLength(0);
    expect(wideSpaces('Nothing was changed: reload. a ?? b, https://x, c ?.d')).toHaveLength(0);
  });

  it('writes a narrow no-break space inside « » and before ; : ! ? in every source string', () => {
    const offenders = scanned
      .flatMap((pkg) => sources(join(packagesDir, pkg, 'src')))
      .flatMap((path) =>
        literals(path).flatMap(({ line, text }) =>
          wideSpaces(text).map((spot) => `${relative(packagesDir, path)}:${line}: ${spot}`),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('scans the message tables, where the server’s French is written', () => {
    const scannedFiles = scanned.flatMap((pkg) => sources(join(packagesDir, pkg, 'src')));
    expect(scannedFiles).toContain(join(packagesDir, 'api', 'src', 'messages', 'fr.ts'));
  });
});
