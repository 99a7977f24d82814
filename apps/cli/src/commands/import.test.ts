import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFlags, runJalon as jalon } from '../testing';

/**
 * `jalon import`: the plan and the grouped issues on stdout, nothing written by a dry run, exit
 * code 1 when rows are rejected, 2 when the profile is refused; `--commit` all or nothing, and
 * the same file again is « inchangée ».
 */
const kinds = await testDatabaseKinds();
const dir = mkdtempSync(join(tmpdir(), 'jalon-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const profile = join(dir, 'profil.json');
writeFileSync(
  profile,
  JSON.stringify({
    format: 1,
    name: 'Activités',
    kind: 'activities',
    columns: [
      { source: 'Identifiant', target: { field: 'externalId' } },
      { source: 'Titre', target: { field: 'title' } },
      { source: 'Type', target: { field: 'type' } },
      { source: 'Programme', target: { field: 'programme' } },
      { source: 'Date de début', target: { field: 'startDate' } },
      { source: 'Participants', target: { cell: {} } },
    ],
  }),
);
const header = 'Identifiant;Titre;Type;Programme;Date de début;Participants';
const good = join(dir, 'activites.csv');
writeFileSync(
  good,
  [
    header,
    'CLI-1;Atelier de Ségou;Atelier;FPS;12/03/2024;environ 50',
    'CLI-2;Dialogue de Mopti;Dialogue;FPS;13/03/2024;1 200',
  ].join('\r\n'),
);
const bad = join(dir, 'mauvais.csv');
writeFileSync(
  bad,
  [
    header,
    'CLI-3;Atelier;Atelier;FPSS;12/03/2024;10',
    'CLI-4;Atelier bis;Atelier;FPS;31/02/2024;10',
    'CLI-5;Atelier ter;Atelier;FPS;01/03/2024;10',
  ].join('\n'),
);

const targetsProfile = join(dir, 'profil-cibles.json');
writeFileSync(
  targetsProfile,
  JSON.stringify({
    format: 1,
    name: 'Cibles',
    kind: 'targets',
    columns: [
      { source: 'Indicateur', target: { field: 'indicator' } },
      { source: 'Période', target: { field: 'period' } },
      { source: 'Valeur', target: { field: 'value' } },
      { source: 'Sexe', target: { field: 'sex' }, optional: true },
    ],
  }),
);
const targets = join(dir, 'cibles.csv');
writeFileSync(
  targets,
  ['Indicateur;Période;Valeur;Sexe', 'CCSC-SESSIONS;2024-S1;6;', 'CCSC-MEMBRES;2024-S1;90;F'].join(
    '\r\n',
  ),
);

describe.each(kinds)('jalon import on %s', (kind) => {
  let db: string[];
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabaseFlags(kind, dir + kind, 'jalon_cli_import');
    drop = fresh.drop;
    db = fresh.flags;
    expect((await jalon(['seed', ...db])).code).toBe('ok');
  }, 120_000);
  afterAll(async () => drop?.());

  it('dry-runs a file with bad rows: the plan and the issues grouped, exit 1, nothing written', async () => {
    const run = await jalon(['import', bad, '--profile', profile, ...db]);
    expect(run.code).toBe('jalon.import.rejected');
    expect(run.lines[1]).toBe('1 à créer, 0 à mettre à jour, 0 inchangée, 2 rejetées');
    const text = run.lines.join('\n');
    expect(text).toContain('✗ Programme introuvable — programme (Programme)\u202f: ligne 2');
    expect(text).toMatch(/ligne 2\u202f: .*FPSS.*\(proche\u202f: FPS/);
    expect(text).toContain('ligne 3');
    expect(text).toContain('Rien n’a été écrit');
    // Still nothing written: the same rows are still « à créer ».
    const again = await jalon(['import', bad, '--profile', profile, '--lang', 'en', ...db]);
    expect(again.lines[1]).toBe('1 to create, 0 to update, 0 unchanged, 2 rejected');
    // A commit of it is refused, all or nothing, with the rows named.
    const commit = await jalon(['import', bad, '--profile', profile, '--commit', ...db]);
    expect(commit.code).toBe('jalon.import');
    expect(commit.err).toMatch(/Rien n’a été importé\u202f: 2 lignes/);
  }, 120_000);

  it('commits a good file, and the same file again is unchanged', async () => {
    const run = await jalon(['import', good, '--profile', profile, '--commit', ...db]);
    expect(run.code).toBe('ok');
    expect(run.lines).toContain('Importé\u202f: 2 créées, 0 mises à jour, 0 inchangée, 0 rejetée');
    const again = await jalon(['import', good, '--profile', profile, ...db]);
    expect(again.code).toBe('ok');
    expect(again.lines[1]).toBe('0 à créer, 0 à mettre à jour, 2 inchangées, 0 rejetée');
  }, 120_000);

  it('imports targets by kind: committed, then unchanged; a wrong indicator named with its row', async () => {
    const run = await jalon([
      'import',
      targets,
      '--kind',
      'targets',
      '--profile',
      targetsProfile,
      '--commit',
      ...db,
    ]);
    expect(run.code).toBe('ok');
    expect(run.lines).toContain('Importé\u202f: 2 créées, 0 mises à jour, 0 inchangée, 0 rejetée');
    const again = await jalon(['import', targets, '-k', 'targets', '-p', targetsProfile, ...db]);
    expect(again.lines[1]).toBe('0 à créer, 0 à mettre à jour, 2 inchangées, 0 rejetée');
    const wrong = join(dir, `cibles-${kind}.csv`);
    writeFileSync(wrong, 'Indicateur;Période;Valeur\nCCSC-SESSION;2024;6\n');
    const bad = await jalon(['import', wrong, '-k', 'targets', '-p', targetsProfile, ...db]);
    expect(bad.code).toBe('jalon.import.rejected');
    expect(bad.lines.join('\n')).toMatch(
      /Indicateur introuvable — indicator \(Indicateur\)\u202f: ligne 2/,
    );
  }, 120_000);

  it('refuses a broken profile with the path of each fault, exit 2', async () => {
    const broken = join(dir, `casse-${kind}.json`);
    writeFileSync(
      broken,
      JSON.stringify({
        format: 1,
        name: 'Cassé',
        kind: 'activities',
        columns: [{ source: 'Titre', target: { field: 'titre' } }],
      }),
    );
    const run = await jalon(['import', good, '--profile', broken, ...db]);
    expect(run.code).toBe('jalon.import');
    expect(run.err).toMatch(/profil refusé .*\n {2}columns\.0\.target\.field: champ inconnu/);
  }, 60_000);

  it('import-cleanup drops the staged batches older than --days, and keeps the committed ones', async () => {
    // The dry runs above left staged batches, all younger than a day.
    const none = await jalon(['import-cleanup', ...db]);
    expect(none.code).toBe('ok');
    expect(none.lines).toContain('0 lot d’import non validé de plus de 30\u00a0jours supprimé.');
    const all = await jalon(['import-cleanup', '--days', '0', '--lang', 'en', ...db]);
    expect(all.code).toBe('ok');
    expect(all.lines.join('\n')).toMatch(
      /^[1-9]\d* staged import batch(es)? older than 0 days dropped\.$/m,
    );
    // The committed file is still known: the same file again is unchanged, not created anew.
    const again = await jalon(['import', good, '--profile', profile, ...db]);
    expect(again.lines[1]).toBe('0 à créer, 0 à mettre à jour, 2 inchangées, 0 rejetée');
    expect((await jalon(['import-cleanup', '--days', 'trente', ...db])).code).not.toBe('ok');
  }, 120_000);
});
