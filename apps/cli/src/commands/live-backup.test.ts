import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { demoPassword } from '@jalon/db/seed';
import { createScratchDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { renderWorkbook } from '@jalon/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJalon } from '../testing';
import { adminChannelPath } from './admin-channel';
import { must } from '@jalon/domain';

/**
 * `jalon backup` of an embedded database while `jalon start` serves it and writes keep coming:
 * the real server in its own process holds the data directory, the CLI asks it for the archive
 * (POST /api/admin/backup with the token it advertised), and the archive restores into a fresh
 * folder and into PostgreSQL with the submitted report's workbook byte-identical.
 */
const kinds = await testDatabaseKinds();
const dir = mkdtempSync(join(tmpdir(), 'jalon-live-backup-'));
const dataDir = join(dir, 'live');
const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const drops: (() => Promise<void>)[] = [];
let child: ChildProcess | undefined;
let base = '';

async function actorFor(db: Parameters<typeof findUserByEmail>[0], email: string): Promise<Actor> {
  const org = must(await findOrganisationByCode(db, 'WANEP-ML'), 'WANEP-ML').id;
  const user = must(await findUserByEmail(db, email), email);
  const m = must(await findMembership(db, org, user.id), 'membership');
  return { userId: user.id, organisationId: org, role: m.role, programmeIds: [], grantIds: [] };
}

/** The submitted report's workbook rendered from its snapshot, and the number of incidents. */
async function inspect(options: { url?: string; dataDir?: string }) {
  const handle = await openDatabase(options);
  try {
    const caller = createCaller(
      createContext({ db: handle.db, actor: await actorFor(handle.db, 'suivi@wanep-mali.demo') }),
    );
    const snap = await caller.report.snapshot({ grant: 'PROSMED-CCSC', period: '2023-Q2' });
    if (!snap?.template.definition) throw new Error('no snapshot');
    const r = await renderWorkbook(snap.model, snap.template.definition);
    if (!r.ok) throw new Error(r.error.message);
    const [n] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from incident`,
    );
    return {
      workbook: Buffer.from(must(r.value.buffer, 'workbook')),
      incidents: Number(must(n, 'count').n),
    };
  } finally {
    await handle.close();
  }
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(res.status).toBe(200);
  return must((res.headers.get('set-cookie') ?? '').split(';')[0], 'session cookie');
}

async function mutate(cookie: string, path: string, input: unknown) {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return must(body.result, 'result').data;
}

beforeAll(async () => {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', main, 'start', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JALON_DATA_DIR: '' } },
  );
  child = server;
  let out = '';
  base = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = out.match(/Jalon is running on (http:\/\/\S+)/)?.[1];
      if (url) resolve(url);
    });
    server.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.once('exit', (code) => reject(new Error(`jalon start exited (${code}): ${out}`)));
  });
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
  }
  await Promise.all(drops.map((d) => d()));
  rmSync(dir, { recursive: true, force: true });
});

describe(
  'jalon backup of a PGlite data directory the server is using',
  { timeout: 400_000 },
  () => {
    const archive = join(dir, 'live.jalon.tar.gz');
    let before = 0;
    let after = 0;

    it('refuses the backup endpoint to anyone but a network administrator or the local CLI', async () => {
      const none = await fetch(`${base}/api/admin/backup`, {
        method: 'POST',
        headers: { origin: base },
      });
      expect(none.status).toBe(401);
      const forged = await fetch(`${base}/api/admin/backup`, {
        method: 'POST',
        headers: { authorization: 'Bearer not-the-token' },
      });
      expect(forged.status).toBe(401);
      const officer = await fetch(`${base}/api/admin/backup`, {
        method: 'POST',
        headers: { origin: base, cookie: await signIn('suivi@wanep-mali.demo') },
      });
      expect(officer.status).toBe(403);
      expect(((await officer.json()) as { error: { message: string } }).error.message).toMatch(
        /administrateur du réseau/,
      );
      // The token file is the server user's alone.
      expect(readFileSync(adminChannelPath(dataDir)).length).toBeGreaterThan(0);
    });

    it('takes a consistent backup through the running server while writes keep coming', async () => {
      const cookie = await signIn('suivi@wanep-mali.demo');
      await mutate(cookie, 'report.submit', {
        grant: 'PROSMED-CCSC',
        period: '2023-Q2',
        template: 'undp-quarterly',
      });
      let acknowledged = 0;
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          await mutate(cookie, 'incident.create', {
            date: '2023-07-02',
            category: 'democracy-governance',
            deaths: 0,
            injuries: i % 3,
            verified: false,
          });
          acknowledged++;
        }
      })();
      while (acknowledged < 3) await new Promise((r) => setTimeout(r, 20));
      before = acknowledged;
      const { lines, err, code } = await runJalon([
        'backup',
        '--data-dir',
        dataDir,
        '--out',
        archive,
      ]);
      after = acknowledged;
      writing = false;
      await writer;
      expect(err).toBe('');
      expect(code).toBe('ok');
      expect(lines.join('\n')).toMatch(/in use by the running server \(process \d+, http:/);
      expect(lines.at(-1)).toMatch(/backup written to .*, with pglite-datadir/);
      expect(acknowledged).toBeGreaterThan(after);

      const { manifest, files } = readBackup(readFileSync(archive));
      expect(manifest.engine).toBe('pglite');
      const incidents = must(
        manifest.tables.find((t) => t.name === 'incident'),
        'incident table',
      ).rows;
      // The data directory's dump and the tables are one state: the same number of incidents.
      const unpacked = join(dir, 'native');
      mkdirSync(unpacked);
      writeFileSync(
        join(dir, 'native.tar.gz'),
        must(files.get(must(manifest.native, 'native dump').file), 'native file'),
      );
      // PGlite's dump holds the data directory's files (PG_VERSION, base/, pg_wal/…) at its root.
      execFileSync('tar', ['-xzf', join(dir, 'native.tar.gz'), '-C', unpacked], {
        stdio: 'ignore',
      });
      expect(readdirSync(unpacked)).toContain('PG_VERSION');
      const dumped = await openDatabase({ dataDir: unpacked });
      const [fromDump] = await queryRows<{ n: number }>(
        dumped.db,
        sql`select count(*)::int as n from incident`,
      );
      await dumped.close();
      expect(must(fromDump, 'count').n).toBe(incidents);
      // Every write acknowledged before the backup began is in it; none begun after it ended.
      const seeded = incidents - before;
      expect(seeded).toBeGreaterThan(0);
      expect(incidents).toBeLessThanOrEqual(seeded + after + 1);
    });

    it.each(kinds)(
      'restores into a fresh %s database: the submitted workbook is byte-identical',
      async (kind: DatabaseKind) => {
        // The live folder is read once the server has stopped: the reference workbook.
        if (child && child.exitCode === null) {
          child.kill('SIGTERM');
          await new Promise((r) => child?.once('exit', r));
        }
        expect(existsSync(adminChannelPath(dataDir))).toBe(false);
        const original = await inspect({ dataDir });
        expect(original.incidents).toBeGreaterThan(0);
        let target: { url?: string; dataDir?: string };
        let flags: string[];
        if (kind === 'postgres') {
          const scratch = await createScratchDatabase('jalon_live_backup');
          drops.push(scratch.drop);
          target = { url: scratch.url };
          flags = ['--database-url', scratch.url];
        } else {
          target = { dataDir: join(dir, 'restored') };
          flags = ['--data-dir', join(dir, 'restored')];
        }
        const { err, code } = await runJalon(['restore', archive, ...flags]);
        expect(err).toBe('');
        expect(code).toBe('ok');
        const restored = await inspect(target);
        expect(restored.workbook.equals(original.workbook)).toBe(true);
        // The writes that went on after the backup are not in it.
        expect(restored.incidents).toBeLessThan(original.incidents);
      },
    );
  },
);
