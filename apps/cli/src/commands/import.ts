import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createCaller, createContext, stageFile, systemActor, type Locale } from '@jalon/api';
import { dropStaleImportBatches, findOrganisationByCode, STAGED_BATCH_DAYS } from '@jalon/db';
import { formatNumber } from '@jalon/domain';
import { IMPORT_KINDS, mappingProfile, pullKobo, type ImportKind } from '@jalon/import';
import { readEnv } from '@jalon/server';
import { CommanderError, InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandDeps, ReportIo } from './report';
import { cliSays } from '../messages/index';

interface ImportFlags {
  databaseUrl?: string;
  dataDir?: string;
  kind: ImportKind;
  profile: string;
  dryRun?: boolean;
  commit?: boolean;
  validOnly?: boolean;
  source?: string;
  kobo?: string;
  asset?: string;
  since?: string;
  lang?: Locale;
}

/**
 * The bytes to stage and their name: the file read from disk, or an asset's submissions pulled
 * from a KoboToolbox server (as its API's JSON, the shape an export file has), with the new
 * watermark to pass as `--since` next time.
 */
async function sourceBytes(
  file: string | undefined,
  flags: ImportFlags,
  l: Locale,
  stop: (exitCode: number, message: string) => never,
  progress: (line: string) => void,
): Promise<{ name: string; bytes: Uint8Array; source?: string }> {
  if (file !== undefined && flags.kobo !== undefined) return stop(2, cliSays(l, 'kobo-and-file'));
  if (flags.kobo === undefined) {
    if (file === undefined) return stop(2, cliSays(l, 'file-missing'));
    const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) =>
      stop(2, cliSays(l, 'file-unreadable', file, e.code ?? e.message)),
    );
    return { name: basename(file), bytes: new Uint8Array(bytes) };
  }
  if (!flags.asset) return stop(2, cliSays(l, 'kobo-asset-missing'));
  if (!URL.canParse(flags.kobo) || !/^https?:$/.test(new URL(flags.kobo).protocol))
    return stop(2, cliSays(l, 'kobo-url-invalid', flags.kobo));
  const token = readEnv().JALON_KOBO_TOKEN;
  if (!token) return stop(2, cliSays(l, 'kobo-token-missing'));
  progress(cliSays(l, 'kobo-pulling', flags.asset, new URL(flags.kobo).origin));
  const pulled = await pullKobo({
    baseUrl: flags.kobo,
    assetUid: flags.asset,
    token,
    watermark: flags.since ?? null,
  });
  if (!pulled.ok) return stop(2, pulled.error.message[l]);
  const { submissions, watermark, pages } = pulled.value;
  progress(cliSays(l, 'kobo-pulled', submissions.length, pages, watermark ?? '—'));
  const page = { count: submissions.length, next: null, previous: null, results: submissions };
  return {
    name: `kobo-${flags.asset}.json`,
    bytes: new TextEncoder().encode(JSON.stringify(page)),
    source: flags.source ?? `kobo:${flags.asset}`,
  };
}

/** The message of an API refusal (a TRPCError, told by its name: the CLI does not depend on tRPC). */
const refusal = (e: unknown): string | null =>
  e instanceof Error && e.name === 'TRPCError' ? e.message : null;

/**
 * The counts of a plan in a sentence: « 3 à créer, 0 à mettre à jour, 20 inchangées, 1 rejetée »;
 * `done`, once written: « 3 créées, 0 mises à jour, … ».
 */
export function planLine(
  counts: { create: number; update: number; unchanged: number; rejected: number },
  l: Locale,
  done = false,
): string {
  const n = (x: number) => formatNumber(x, l);
  return cliSays(
    l,
    done ? 'plan-line-done' : 'plan-line',
    n(counts.create),
    n(counts.update),
    n(counts.unchanged),
    n(counts.rejected),
    counts.unchanged,
    counts.rejected,
  );
}

/**
 * `jalon import FILE --kind activities --profile P.json [--dry-run] [--commit] [--valid-only]`:
 * reads a spreadsheet, CSV or KoboToolbox JSON export through a mapping profile — or, with
 * `--kobo URL --asset UID [--since TIME]` and `JALON_KOBO_TOKEN`, pulls the form's submissions
 * from the Kobo server itself (from the watermark minus a week, so edits come back) — keeps it as a
 * staged batch and prints its plan (counts, then every issue grouped by code with its rows) on
 * stdout; `--commit` writes it all or nothing (`--valid-only`: the rejected rows left out).
 * Exits 1 when rows are rejected (or the commit is refused), 2 when the file or profile is.
 */
export function registerImportCommand(program: Command, io: ReportIo, deps: CommandDeps): Command {
  const progress = io.progress ?? ((s: string) => void process.stderr.write(`${s}\n`));
  const cmd: Command = deps
    .databaseOptions(
      program
        .command('import')
        .description(
          'import a spreadsheet, CSV or KoboToolbox JSON export through a mapping profile: dry run, then --commit',
        )
        .argument('[file]', 'the .xlsx, .csv or Kobo .json file (or --kobo)')
        .addOption(
          new Option('-k, --kind <kind>', 'what the file holds')
            .choices(IMPORT_KINDS)
            .default('activities'),
        )
        .requiredOption('-p, --profile <file>', 'the mapping profile (JSON)')
        .option('--dry-run', 'check and plan only, write nothing (the default)')
        .option('--commit', 'write the rows, all or nothing')
        .option(
          '--valid-only',
          'with --commit: write the valid rows and leave the rejected ones out',
        )
        .option(
          '--source <source>',
          'where the row ids come from: file (default), kobo:<asset uid>',
        )
        .option(
          '--kobo <url>',
          'pull the submissions from this KoboToolbox server instead of a file (token in JALON_KOBO_TOKEN)',
        )
        .option('--asset <uid>', 'with --kobo: the form (asset) uid')
        .option(
          '--since <time>',
          'with --kobo: the last _submission_time imported (the watermark printed last time)',
        )
        .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en'])),
    )
    .action(async (file: string | undefined, flags: ImportFlags) => {
      const l: Locale = flags.lang ?? 'fr';
      const stop = (exitCode: number, message: string): never => {
        (cmd.configureOutput().writeErr ?? ((m: string) => process.stderr.write(m)))(
          `${message}\n`,
        );
        throw new CommanderError(exitCode, 'jalon.import', message);
      };
      if (flags.dryRun && flags.commit) stop(2, cliSays(l, 'import-dry-run-and-commit'));
      if (flags.validOnly && !flags.commit) stop(2, cliSays(l, 'import-valid-only-alone'));

      const profileText = await readFile(flags.profile, 'utf8').catch((e: NodeJS.ErrnoException) =>
        stop(2, cliSays(l, 'profile-unreadable', flags.profile, e.code ?? e.message)),
      );
      let json: unknown;
      try {
        json = JSON.parse(profileText);
      } catch (e) {
        stop(2, cliSays(l, 'profile-invalid-json', flags.profile, (e as Error).message));
      }
      const profile = mappingProfile.safeParse(json);
      if (!profile.success) {
        const lines = profile.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
        return stop(2, cliSays(l, 'profile-refused', flags.profile, lines.join('\n')));
      }
      if (profile.data.kind !== flags.kind)
        stop(2, cliSays(l, 'profile-other-kind', profile.data.kind, flags.kind));
      if (flags.kobo !== undefined && profile.data.source !== 'kobo')
        stop(2, cliSays(l, 'kobo-profile-not-kobo'));
      const input = await sourceBytes(file, flags, l, stop, progress);

      const handle = await deps.open(flags, progress);
      try {
        const code = readEnv().JALON_ORGANISATION;
        const org = await findOrganisationByCode(handle.db, code);
        if (!org) return stop(2, cliSays(l, 'organisation-not-found', code));
        // The CLI runs on the server's machine with its database: it acts as the system.
        const actor = systemActor(org.id);
        const caller = createCaller(createContext({ db: handle.db, actor, locale: l }));
        const started = Date.now();
        progress(cliSays(l, 'reading-file', input.name));
        let staged;
        try {
          staged = await stageFile(
            handle.db,
            org.id,
            actor,
            {
              fileName: input.name,
              bytes: input.bytes,
              profile: profile.data,
              source: input.source ?? flags.source,
            },
            l,
          );
        } catch (e) {
          const m = refusal(e);
          if (m !== null) return stop(2, m);
          throw e;
        }
        const plan = await caller.import.plan({ id: staged.id, limit: 0 });
        progress(cliSays(l, 'read-and-checked', ((Date.now() - started) / 1000).toFixed(1)));
        io.log(`${cliSays(l, 'batch')} ${staged.id} — ${input.name}`);
        io.log(planLine(plan.counts, l));
        for (const g of plan.groups) {
          const mark = g.severity === 'error' ? '✗' : '!';
          const where = g.column ? ` (${g.column})` : '';
          const rows = cliSays(l, 'issue-rows', g.rows.length);
          io.log(
            cliSays(l, 'issue-group', mark, g.title[l], `${g.field}${where}`, rows, g.rowRanges),
          );
          for (const ex of g.examples) {
            const close = ex.suggestions?.length
              ? ` ${cliSays(l, 'issue-close-to', ex.suggestions.join(', '))}`
              : '';
            io.log(`    ${cliSays(l, 'issue-example', ex.rowNumber, ex.message[l])}${close}`);
          }
        }
        if (!flags.commit) {
          io.log(cliSays(l, 'nothing-written'));
          if (plan.counts.rejected > 0)
            throw new CommanderError(1, 'jalon.import.rejected', 'rows rejected');
          return;
        }
        try {
          const done = await caller.import.commit({
            id: staged.id,
            validOnly: flags.validOnly ?? false,
          });
          io.log(cliSays(l, 'imported', planLine(done.counts, l, true)));
        } catch (e) {
          const m = refusal(e);
          if (m !== null) return stop(1, m);
          throw e;
        }
      } finally {
        await handle.close();
      }
    });
  return cmd;
}

/**
 * `jalon import-cleanup [--days 30]`: drops the staged import batches (dry runs never committed)
 * older than the limit, with their rows, in every organisation of the database; committed and
 * undone batches stay. Meant for a daily job (cron, systemd timer); prints how many went.
 */
export function registerImportCleanupCommand(
  program: Command,
  io: ReportIo,
  deps: CommandDeps,
): Command {
  const progress = io.progress ?? ((s: string) => void process.stderr.write(`${s}\n`));
  return deps
    .databaseOptions(
      program
        .command('import-cleanup')
        .description('drop staged import batches (never committed) older than --days')
        .addOption(
          new Option('--days <days>', 'age in days above which a staged batch is dropped')
            .default(String(STAGED_BATCH_DAYS))
            .argParser((v) => {
              if (!/^\d{1,5}$/.test(v))
                throw new InvalidArgumentError('a whole number of days, e.g. 30');
              return v;
            }),
        )
        .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en'])),
    )
    .action(
      async (flags: { days: string; lang?: Locale; databaseUrl?: string; dataDir?: string }) => {
        const l: Locale = flags.lang ?? 'fr';
        const handle = await deps.open(flags, progress);
        try {
          const days = Number(flags.days);
          const { dropped } = await dropStaleImportBatches(handle.db, { olderThanDays: days });
          io.log(cliSays(l, 'cleanup-dropped', dropped, days));
        } finally {
          await handle.close();
        }
      },
    );
}
