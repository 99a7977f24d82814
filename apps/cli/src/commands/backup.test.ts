import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createCaller, createContext, type Actor } from '@jalon/api';
import {
  findMembership,
  findOrganisationByCode,
  findUserByEmail,
  openDatabase,
  queryRows,
  readBackup,
  sql,
  type DatabaseKind,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { createScratchDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { renderWorkbook } from '@jalon/reports';
import { CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../program';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
const dir = mkdtempSync(join(tmpdir(), 'jalon-backup-'));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(drops.map((d) => d()));
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh, empty place for a database of this kind, as the CLI's flags. */
async function place(kind: DatabaseKind, name: string): Promise<string[]> {
  if (kind === 'pglite') return ['--data-dir', join(dir, name)];
  const scratch = await createScratchDatabase('jalon_backup');
  drops.push(scratch.drop);
  return ['--database-url', scratch.url];
}

const flagsToOptions = (flags: string[]) =>
  flags[0] === '--data-dir' ? { dataDir: flags[1] } : { url: flags[1] };

async function jalon(args: string[]): Promise<{ lines: string[]; error: string }> {
  const lines: string[] = [];
  let error = '';
  const program = buildProgram({ log: (s) => lines.push(s) });
  for (const c of [program, ...program.commands])
    c.configureOutput({ writeOut: () => {}, writeErr: (s) => (error += s) });
  try {
    await program.parseAsync(['node', 'jalon', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { lines, error: error || e.message };
  }
  return { lines, error };
}

async function actorFor(db: Parameters<typeof findUserByEmail>[0], email: string): Promise<Actor> {
  const org = must(
    await findOrganisationByCode(db, 'WANEP-ML'),
    "(await findOrganisationByCode(db, 'WANEP-ML'))",
  ).id;
  const user = must(await findUserByEmail(db, email), '(await findUserByEmail(db, email))');
  const m = must(
    await findMembership(db, org, user.id),
    '(await findMembership(db, org, user.id))',
  );
  return { userId: user.id, organisationId: org, role: m.role, programmeIds: [], grantIds: [] };
}

/** The submitted report's workbook, rendered from its snapshot as `/api/reports/snapshot` does. */
async function snapshotWorkbook(flags: string[]): Promise<{ bytes: Buffer; rows: number }> {
  const handle = await openDatabase(flagsToOptions(flags));
  try {
    const caller = createCaller(
      createContext({ db: handle.db, actor: await actorFor(handle.db, 'suivi@wanep-mali.demo') }),
    );
    const snap = await caller.report.snapshot({ grant: 'PROSMED-CCSC', period: '2023-Q2' });
    if (!snap?.template.definition) throw new Error('no snapshot');
    const r = await renderWorkbook(snap.model, snap.template.definition);
    if (!r.ok) throw new Error(r.error.message);
    const [count] = await queryRows<{ n: number }>(
      handle.db,
      sql`select (select count(*) from activity) + (select count(*) from audit_log)
                 + (select count(*) from report_snapshot) + (select count(*) from attendance) as n`,
    );
    return {
      bytes: Buffer.from(must(r.value.buffer, 'r.value.buffer')),
      rows: Number(must(count, 'count').n),
    };
  } finally {
    await handle.close();
  }
}

// Each step opens, migrates and closes embedded databases several times: minutes on a busy machine.
describe.each(kinds)('jalon backup / restore from %s', { timeout: 400_000 }, (source) => {
  let sourceFlags: string[];
  let archive: string;
  let original: { bytes: Buffer; rows: number };

  it('backs up the demo with a submitted report', async () => {
    sourceFlags = await place(source, `source-${source}`);
    const handle = await openDatabase(flagsToOptions(sourceFlags));
    try {
      await seedDemo(handle.db);
      const caller = createCaller(
        createContext({ db: handle.db, actor: await actorFor(handle.db, 'suivi@wanep-mali.demo') }),
      );
      await caller.report.submit({
        grant: 'PROSMED-CCSC',
        period: '2023-Q2',
        template: 'undp-quarterly',
      });
    } finally {
      await handle.close();
    }
    original = await snapshotWorkbook(sourceFlags);
    archive = join(dir, `demo-${source}.jalon.tar.gz`);
    const { lines, error } = await jalon(['backup', '--out', archive, ...sourceFlags]);
    expect(error).toBe('');
    expect(lines.at(-1)).toMatch(
      /backup written to .*: \d+ tables, \d+ rows, \d+ migrations, with/,
    );
    const { manifest, files } = readBackup(readFileSync(archive));
    expect(manifest.engine).toBe(source);
    expect(manifest.migrations.length).toBeGreaterThanOrEqual(4);
    expect(manifest.tables.find((t) => t.name === 'report_snapshot')?.rows).toBe(1);
    // The engine's own dump rides along: pg_dump's custom format starts with PGDMP.
    expect(manifest.native?.kind).toBe(source === 'pglite' ? 'pglite-datadir' : 'pg_dump-custom');
    const native = Buffer.from(
      must(
        files.get(must(manifest.native, 'manifest.native').file),
        'files.get(manifest.native!.file)',
      ),
    );
    if (source === 'postgres') expect(native.subarray(0, 5).toString()).toBe('PGDMP');
    else expect(native[0]).toBe(0x1f);
  });

  it.each(kinds)(
    'restores it into %s: the submitted workbook is byte-identical',
    async (target) => {
      const targetFlags = await place(target, `from-${source}-into-${target}`);
      const { lines, error } = await jalon(['restore', archive, ...targetFlags]);
      expect(error).toBe('');
      expect(lines.at(-1)).toMatch(new RegExp(`\\(${source}\\) into ${target}: \\d+ tables`));
      const restored = await snapshotWorkbook(targetFlags);
      expect(restored.rows).toBe(original.rows);
      expect(restored.bytes.equals(original.bytes)).toBe(true);

      // Over a database holding data: refused without --force, replaced with it.
      const again = await jalon(['restore', archive, ...targetFlags]);
      expect(again.error).toMatch(/not empty .*--force/);
      expect((await jalon(['restore', archive, '--force', ...targetFlags])).error).toBe('');
      expect((await snapshotWorkbook(targetFlags)).bytes.equals(original.bytes)).toBe(true);

      // …and back across engines: a backup of the restored copy, restored into the source's engine.
      if (target === source) return;
      const back = join(dir, `back-${source}-${target}.tar.gz`);
      expect((await jalon(['backup', '--out', back, '--no-native', ...targetFlags])).error).toBe(
        '',
      );
      const backFlags = await place(source, `back-${source}-${target}`);
      expect((await jalon(['restore', back, ...backFlags])).error).toBe('');
      expect((await snapshotWorkbook(backFlags)).bytes.equals(original.bytes)).toBe(true);
    },
  );

  it('refuses a damaged archive before touching the database', async () => {
    const raw = gunzipSync(readFileSync(archive));
    // Flip one byte of the report snapshot's data: its tar header, then 512 bytes later the data.
    const at = raw.indexOf(Buffer.from('data/report_snapshot.csv\0')) + 512 + 100;
    raw[at] = must(raw[at], 'raw[at]') ^ 0x20;
    const damaged = join(dir, `damaged-${source}.tar.gz`);
    writeFileSync(damaged, gzipSync(raw));
    const targetFlags = await place(source, `damaged-${source}`);
    const { error } = await jalon(['restore', damaged, ...targetFlags]);
    expect(error).toMatch(/damaged: the checksum of data\/report_snapshot\.csv does not match/);
  });
});
