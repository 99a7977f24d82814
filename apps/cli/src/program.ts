import { openDatabase, type DatabaseHandle } from '@jalon/db';
import { isEmpty, seedDemo } from '@jalon/db/seed';
import { seedSynthetic } from '@jalon/db/synthetic';
import {
  jsonLogger,
  readEnv,
  serverOptionsFromEnv,
  startServer,
  stopOnSignals,
} from '@jalon/server';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runBulkBench } from './bench/bulk-bench';
import { runImportBench } from './bench/import-bench';
import { runIndicatorBench } from './bench/indicator-bench';
import { runListBench } from './bench/list-bench';
import { runLoad } from './bench/load';
import { advertiseAdminChannel, newAdminToken } from './commands/admin-channel';
import { registerBackupCommands, serverBackup } from './commands/backup';
import { registerImportCleanupCommand, registerImportCommand } from './commands/import';
import { registerReportCommand } from './commands/report';

interface DbFlags {
  databaseUrl?: string;
  dataDir?: string;
}

function parseCount(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number is expected');
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return n;
}

const databaseOptions = (cmd: Command) =>
  cmd
    .addOption(
      new Option(
        '--database-url <url>',
        'PostgreSQL server to use instead of the embedded database',
      ).env('DATABASE_URL'),
    )
    .addOption(
      new Option('--data-dir <dir>', 'folder of the embedded PGlite database').env(
        'JALON_DATA_DIR',
      ),
    );

async function open(
  flags: DbFlags,
  log: (s: string) => void,
  readReplica = false,
): Promise<DatabaseHandle> {
  const env = readEnv();
  const url = flags.databaseUrl || env.DATABASE_URL;
  const handle = await openDatabase({
    url,
    // Only `start` serves reads from a replica; the other commands keep to the primary.
    readUrl: readReplica ? env.DATABASE_READ_URL : undefined,
    dataDir: flags.dataDir ?? env.JALON_DATA_DIR,
  });
  log(`database: ${handle.kind} (${handle.location}), migrations applied`);
  return handle;
}

/**
 * The `jalon` command. `io` is injected so tests run the real program and read what it says.
 */
export function buildProgram(
  io: { log: (s: string) => void } = { log: (s) => console.log(s) },
): Command {
  const program = new Command('jalon')
    .description('Jalon — suivi-évaluation et rapports aux bailleurs / M&E and donor reporting')
    .showHelpAfterError()
    .exitOverride();

  registerStartCommand(program, io);
  registerSeedCommand(program, io);
  registerBenchCommand(program, io);

  const db = program.command('db').description('database maintenance');
  databaseOptions(db.command('migrate').description('apply the committed SQL migrations')).action(
    async (flags: DbFlags) => {
      const handle = await open(flags, io.log);
      await handle.close();
    },
  );

  registerReportCommand(program, io, { databaseOptions, open });
  registerBackupCommands(program, io, { databaseOptions, open });
  registerImportCommand(program, io, { databaseOptions, open });
  registerImportCleanupCommand(program, io, { databaseOptions, open });

  return program;
}

/** `jalon start`: migrate, seed an empty database, serve the app. */
function registerStartCommand(program: Command, io: { log: (s: string) => void }): void {
  databaseOptions(
    program
      .command('start')
      .description('migrate the database, load the demo data if it is empty, and serve the app')
      .addOption(
        new Option('-p, --port <port>', 'port to listen on').env('PORT').argParser(parsePort),
      )
      .addOption(new Option('--host <host>', 'interface to listen on (default: all)').env('HOST'))
      .option('--no-seed', 'do not load the demo data into an empty database'),
  ).action(async (flags: DbFlags & { port?: number; host?: string; seed: boolean }) => {
    const env = readEnv();
    const log = jsonLogger();
    let handle: DatabaseHandle | undefined;
    // The CLI on this machine reaches the server with it for what needs the live database (backup).
    const adminToken = newAdminToken();
    let stopAdvertising: (() => void) | undefined;
    // Listening first: until the database is migrated and seeded, every request gets 503 "starting".
    const server = await startServer({
      ...serverOptionsFromEnv(env),
      database: async () => {
        handle = await open(flags, io.log, true);
        if (flags.seed && (await isEmpty(handle.db))) {
          const s = await seedDemo(handle.db);
          io.log(
            `demo data loaded: ${s.organisation}, ${s.programmes} programmes, ${s.activities} activities`,
          );
        }
        const opened = handle;
        return {
          db: handle.db,
          readDb: handle.readDb,
          databaseKind: handle.kind,
          backup: (o: { native: boolean }) => serverBackup(opened, { ...o, log: io.log }),
        };
      },
      port: flags.port ?? env.PORT,
      host: flags.host,
      logger: log,
      adminToken,
    });
    stopOnSignals(
      server,
      async () => {
        stopAdvertising?.();
        await handle?.close();
      },
      log,
    );
    io.log(`Jalon is starting on ${server.url}`);
    await server.ready;
    if (handle?.kind === 'pglite' && handle.location !== 'memory')
      stopAdvertising = advertiseAdminChannel(handle.location, {
        pid: process.pid,
        url: server.url,
        token: adminToken,
      });
    io.log(`Jalon is running on ${server.url}`);
  });
}

/** `jalon seed`: the demo data, or a deterministic synthetic data set. */
function registerSeedCommand(program: Command, io: { log: (s: string) => void }): void {
  databaseOptions(
    program
      .command('seed')
      .description('load (or refresh) the demo data of the WANEP-Mali Q2 2023 bulletin; idempotent')
      .option(
        '--synthetic',
        'load a deterministic large synthetic data set instead (several organisations, five years)',
      )
      .addOption(
        new Option('--participations <n>', 'synthetic: attendance rows to generate')
          .argParser(parseCount)
          .default(100_000),
      )
      .addOption(
        new Option('--seed <s>', 'synthetic: seed of the generator (same seed, same data)')
          .argParser(parseCount)
          .default(1),
      ),
  ).action(
    async (flags: DbFlags & { synthetic?: boolean; participations: number; seed: number }) => {
      const handle = await open(flags, io.log);
      try {
        if (flags.synthetic) {
          const s = await seedSynthetic(handle, {
            participations: flags.participations,
            seed: flags.seed,
          });
          io.log(
            `synthetic data loaded: ${s.organisations.join(', ')}; ${s.activities} activities, ${s.people} people, ${s.participations} participations, ${s.grants} grants, ${s.indicators} indicators`,
          );
          return;
        }
        const s = await seedDemo(handle.db);
        io.log(
          `demo data loaded: ${s.organisation}, ${s.places} places, ${s.programmes} programmes, ${s.activities} activities`,
        );
      } finally {
        await handle.close();
      }
    },
  );
}

/** `jalon bench`: the report, load and import timings against their floors. */
function registerBenchCommand(program: Command, io: { log: (s: string) => void }): void {
  program
    .command('bench')
    .description(
      'time a full quarterly report on synthetic data against the hand-written SQL floor, on PostgreSQL and PGlite',
    )
    .addOption(
      new Option('--participations <n>', 'attendance rows to generate')
        .argParser(parseCount)
        .default(1_000_000),
    )
    .addOption(new Option('--seed <s>', 'seed of the generator').argParser(parseCount).default(1))
    .option('--period <period>', 'the quarter to report', '2021-Q2')
    .addOption(
      new Option('--runs <n>', 'timed runs (the median is printed)')
        .argParser(parseCount)
        .default(3),
    )
    .addOption(
      new Option('--engines <list>', 'comma-separated: postgres,pglite').default('postgres,pglite'),
    )
    .addOption(
      new Option(
        '--database-url <url>',
        'an empty PostgreSQL database to use (default: a scratch database on the test server)',
      ),
    )
    .addOption(
      new Option(
        '--only <part>',
        'run only the report timing, the load run, the import, the list timings or the bulk load',
      ).choices(['report', 'load', 'import', 'lists', 'bulk']),
    )
    .option(
      '--list-activities <list>',
      'list timings: comma-separated activity counts',
      '10000,100000',
    )
    .addOption(
      new Option('--import-rows <n>', 'import bench: activity rows in the CSV')
        .argParser(parseCount)
        .default(100_000),
    )
    .addOption(
      new Option('--load-requests <n>', 'load run: requests per procedure (it stops after them)')
        .argParser(parseCount)
        .default(1000),
    )
    .addOption(
      new Option('--load-seconds <n>', 'load run: time limit per engine (it stops after it)')
        .argParser(parseCount)
        .default(60),
    )
    .action(
      async (flags: {
        participations: number;
        seed: number;
        period: string;
        runs: number;
        engines: string;
        databaseUrl?: string;
        only?: 'report' | 'load' | 'import' | 'lists' | 'bulk';
        listActivities: string;
        importRows: number;
        loadRequests: number;
        loadSeconds: number;
      }) => {
        const engines = flags.engines.split(',').map((e) => e.trim());
        for (const e of engines)
          if (e !== 'postgres' && e !== 'pglite')
            throw new InvalidArgumentError(`unknown engine ${e}`);
        if (flags.only === 'lists') {
          // The lists' pages through the API against their raw SQL (printed, not asserted).
          await runListBench({
            sizes: flags.listActivities.split(',').map((n) => parseCount(n.trim())),
            seed: flags.seed,
            runs: flags.runs,
            engines: engines as ('postgres' | 'pglite')[],
            databaseUrl: flags.databaseUrl,
            log: io.log,
          });
          return;
        }
        if (flags.only === 'bulk') {
          // The synthetic load with and without jalon.bulk, alternated (printed, not asserted).
          await runBulkBench({
            activities: parseCount(flags.listActivities.split(',')[0]?.trim() ?? ''),
            seed: flags.seed,
            runs: flags.runs,
            engines: engines as ('postgres' | 'pglite')[],
            log: io.log,
          });
          return;
        }
        if (flags.only === 'import' || !flags.only) {
          // The import of a CSV of activities against read + COPY of the same rows (PostgreSQL).
          if (engines.includes('postgres'))
            await runImportBench({
              rows: flags.importRows,
              databaseUrl: flags.databaseUrl,
              log: io.log,
            });
          if (flags.only === 'import') return;
        }
        if (flags.only !== 'load')
          await runIndicatorBench({
            ...flags,
            engines: engines as ('postgres' | 'pglite')[],
            log: io.log,
          });
        if (flags.only === 'report') return;
        // The load goals: 50 signed-in users on PostgreSQL, 10 on the embedded database.
        for (const engine of engines as ('postgres' | 'pglite')[])
          await runLoad({
            engine,
            users: engine === 'postgres' ? 50 : 10,
            requests: flags.loadRequests,
            seconds: flags.loadSeconds,
            log: io.log,
          });
      },
    );
}
