import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  createCaller,
  createContext,
  stageFile,
  systemActor,
  type AppRouter,
  type inferRouterOutputs,
  type Locale,
} from '@jalon/api';
import {
  advanceKoboWatermark,
  dropStaleImportBatches,
  findOrganisationByCode,
  koboWatermarkOf,
  STAGED_BATCH_DAYS,
} from '@jalon/db';
import { formatNumber } from '@jalon/domain';
import {
  IMPORT_KINDS,
  mappingProfile,
  pullKobo,
  type ImportKind,
  type MappingProfile,
} from '@jalon/import';
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

type Stop = (exitCode: number, message: string) => never;
type ImportPlanView = inferRouterOutputs<AppRouter>['import']['plan'];

/** A Kobo pull asked for: the server's origin, the form, the token (from the environment only). */
interface KoboPull {
  baseUrl: string;
  server: string;
  assetUid: string;
  token: string;
}

/** The `--kobo` flags checked before anything is opened or asked (none: a file import). */
function koboPullOf(
  file: string | undefined,
  flags: ImportFlags,
  l: Locale,
  stop: Stop,
): KoboPull | null {
  if (file !== undefined && flags.kobo !== undefined) return stop(2, cliSays(l, 'kobo-and-file'));
  if (flags.kobo === undefined) {
    if (file === undefined) return stop(2, cliSays(l, 'file-missing'));
    return null;
  }
  if (!flags.asset) return stop(2, cliSays(l, 'kobo-asset-missing'));
  if (!URL.canParse(flags.kobo) || !/^https?:$/.test(new URL(flags.kobo).protocol))
    return stop(2, cliSays(l, 'kobo-url-invalid', flags.kobo));
  const token = readEnv().JALON_KOBO_TOKEN;
  if (!token) return stop(2, cliSays(l, 'kobo-token-missing'));
  return {
    baseUrl: flags.kobo,
    server: new URL(flags.kobo).origin,
    assetUid: flags.asset,
    token,
  };
}

/**
 * The bytes to stage and their name: the file read from disk, or a form's submissions pulled from
 * a KoboToolbox server (as its API's JSON, the shape an export file has) from `since` — `--since`,
 * else the watermark stored by the last committed pull — minus the client's re-read window, with
 * the new watermark to store once the batch is committed.
 */
async function sourceBytes(
  file: string | undefined,
  kobo: KoboPull | null,
  since: string | null,
  flags: ImportFlags,
  l: Locale,
  stop: Stop,
  progress: (line: string) => void,
): Promise<{ name: string; bytes: Uint8Array; source?: string; watermark?: string | null }> {
  if (kobo === null) {
    const path = file ?? stop(2, cliSays(l, 'file-missing'));
    const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) =>
      stop(2, cliSays(l, 'file-unreadable', path, e.code ?? e.message)),
    );
    return { name: basename(path), bytes: new Uint8Array(bytes) };
  }
  progress(cliSays(l, 'kobo-pulling', kobo.assetUid, kobo.server));
  const pulled = await pullKobo({
    baseUrl: kobo.baseUrl,
    assetUid: kobo.assetUid,
    token: kobo.token,
    watermark: since,
  });
  if (!pulled.ok) return stop(2, pulled.error.message[l]);
  const { submissions, watermark, pages } = pulled.value;
  progress(cliSays(l, 'kobo-pulled', submissions.length, pages, watermark ?? '—'));
  const page = { count: submissions.length, next: null, previous: null, results: submissions };
  return {
    name: `kobo-${kobo.assetUid}.json`,
    bytes: new TextEncoder().encode(JSON.stringify(page)),
    source: flags.source ?? `kobo:${kobo.assetUid}`,
    watermark,
  };
}

/** The mapping profile named by `--profile`, read, parsed and checked against the flags. */
async function readProfile(flags: ImportFlags, l: Locale, stop: Stop): Promise<MappingProfile> {
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
  return profile.data;
}

/** A plan on stdout: its counts, then each group of issues with its rows and a few examples. */
function printPlan(io: ReportIo, plan: ImportPlanView, l: Locale): void {
  io.log(planLine(plan.counts, l));
  for (const g of plan.groups) {
    const mark = g.severity === 'error' ? '✗' : '!';
    const where = g.column ? ` (${g.column})` : '';
    const rows = cliSays(l, 'issue-rows', g.rows.length);
    io.log(cliSays(l, 'issue-group', mark, g.title[l], `${g.field}${where}`, rows, g.rowRanges));
    for (const ex of g.examples) {
      const close = ex.suggestions?.length
        ? ` ${cliSays(l, 'issue-close-to', ex.suggestions.join(', '))}`
        : '';
      io.log(`    ${cliSays(l, 'issue-example', ex.rowNumber, ex.message[l])}${close}`);
    }
  }
}

/** The message of an API refusal (a TRPCError, told by its name: the CLI does not depend on tRPC). */
const refusal = (e: unknown): string | null =>
  e instanceof Error && e.name === 'TRPCError' ? e.message : null;

const rethrow = (e: unknown): never => {
  throw e;
};

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
 * from the Kobo server itself (from `--since`, else the watermark the last committed pull stored,
 * minus a week so edits come back; a commit stores the new one) — keeps it as a
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
          'with --kobo: read from this _submission_time (default: the watermark stored by the last committed pull)',
        )
        .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en'])),
    )
    .action(async (file: string | undefined, flags: ImportFlags) => {
      const l: Locale = flags.lang ?? 'fr';
      const stop: Stop = (exitCode, message) => {
        (cmd.configureOutput().writeErr ?? ((m: string) => process.stderr.write(m)))(
          `${message}\n`,
        );
        throw new CommanderError(exitCode, 'jalon.import', message);
      };
      if (flags.dryRun && flags.commit) stop(2, cliSays(l, 'import-dry-run-and-commit'));
      if (flags.validOnly && !flags.commit) stop(2, cliSays(l, 'import-valid-only-alone'));
      const profile = await readProfile(flags, l, stop);
      const kobo = koboPullOf(file, flags, l, stop);

      const handle = await deps.open(flags, progress);
      try {
        const code = readEnv().JALON_ORGANISATION;
        const org = await findOrganisationByCode(handle.db, code);
        if (!org) return stop(2, cliSays(l, 'organisation-not-found', code));
        const stored = kobo && !flags.since ? await koboWatermarkOf(handle.db, org.id, kobo) : null;
        if (stored) progress(cliSays(l, 'kobo-from-stored', stored));
        const since = flags.since ?? stored;
        const input = await sourceBytes(file, kobo, since, flags, l, stop, progress);
        // The CLI runs on the server's machine with its database: it acts as the system.
        const actor = systemActor(org.id);
        const caller = createCaller(createContext({ db: handle.db, actor, locale: l }));
        const started = Date.now();
        progress(cliSays(l, 'reading-file', input.name));
        const staged = await stageFile(
          handle.db,
          org.id,
          actor,
          {
            fileName: input.name,
            bytes: input.bytes,
            profile,
            source: input.source ?? flags.source,
          },
          l,
        ).catch((e: unknown) => stop(2, refusal(e) ?? rethrow(e)));
        const plan = await caller.import.plan({ id: staged.id, limit: 0 });
        progress(cliSays(l, 'read-and-checked', ((Date.now() - started) / 1000).toFixed(1)));
        io.log(`${cliSays(l, 'batch')} ${staged.id} — ${input.name}`);
        printPlan(io, plan, l);
        if (!flags.commit) {
          io.log(cliSays(l, 'nothing-written'));
          if (plan.counts.rejected > 0)
            throw new CommanderError(1, 'jalon.import.rejected', 'rows rejected');
          return;
        }
        const done = await caller.import
          .commit({ id: staged.id, validOnly: flags.validOnly ?? false })
          .catch((e: unknown) => stop(1, refusal(e) ?? rethrow(e)));
        io.log(cliSays(l, 'imported', planLine(done.counts, l, true)));
        // Only now, the batch committed: the next pull starts from here.
        if (kobo && input.watermark) {
          const moved = await advanceKoboWatermark(handle.db, org.id, {
            ...kobo,
            submittedAt: input.watermark,
            batchId: staged.id,
          });
          const at = moved.watermark ?? input.watermark;
          progress(
            cliSays(l, moved.advanced ? 'kobo-watermark-stored' : 'kobo-watermark-kept', at),
          );
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
