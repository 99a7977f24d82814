import { isEmpty, openDatabase, seedDemo, type DatabaseHandle } from '@jalon/db';
import { readEnv, startServer } from '@jalon/server';
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerReportCommand } from './commands/report';

interface DbFlags {
  databaseUrl?: string;
  dataDir?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return n;
}

const databaseOptions = (cmd: Command) =>
  cmd
    .addOption(new Option('--database-url <url>', 'PostgreSQL server to use instead of the embedded database').env('DATABASE_URL'))
    .addOption(new Option('--data-dir <dir>', 'folder of the embedded PGlite database').env('JALON_DATA_DIR'));

async function open(flags: DbFlags, log: (s: string) => void): Promise<DatabaseHandle> {
  const env = readEnv();
  const url = flags.databaseUrl || env.DATABASE_URL;
  const handle = await openDatabase({ url, dataDir: flags.dataDir ?? env.JALON_DATA_DIR });
  log(`database: ${handle.kind} (${handle.location}), migrations applied`);
  return handle;
}

/**
 * The `jalon` command. `io` is injected so tests run the real program and read what it says.
 */
export function buildProgram(io: { log: (s: string) => void } = { log: (s) => console.log(s) }): Command {
  const program = new Command('jalon')
    .description('Jalon — suivi-évaluation et rapports aux bailleurs / M&E and donor reporting')
    .showHelpAfterError()
    .exitOverride();

  databaseOptions(
    program
      .command('start')
      .description('migrate the database, load the demo data if it is empty, and serve the app')
      .addOption(new Option('-p, --port <port>', 'port to listen on').env('PORT').argParser(parsePort))
      .addOption(new Option('--host <host>', 'interface to listen on (default: all)').env('HOST'))
      .option('--no-seed', 'do not load the demo data into an empty database'),
  ).action(async (flags: DbFlags & { port?: number; host?: string; seed: boolean }) => {
    const env = readEnv();
    const handle = await open(flags, io.log);
    if (flags.seed && (await isEmpty(handle.db))) {
      const s = await seedDemo(handle.db);
      io.log(`demo data loaded: ${s.organisation}, ${s.programmes} programmes, ${s.activities} activities`);
    }
    const server = await startServer({
      db: handle.db,
      databaseKind: handle.kind,
      organisationCode: env.JALON_ORGANISATION,
      port: flags.port ?? env.PORT,
      host: flags.host,
    });
    io.log(`Jalon is running on ${server.url}`);
    const stop = async () => {
      await server.close();
      await handle.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  databaseOptions(
    program.command('seed').description('load (or refresh) the demo data of the WANEP-Mali Q2 2023 bulletin; idempotent'),
  ).action(async (flags: DbFlags) => {
    const handle = await open(flags, io.log);
    try {
      const s = await seedDemo(handle.db);
      io.log(`demo data loaded: ${s.organisation}, ${s.places} places, ${s.programmes} programmes, ${s.activities} activities`);
    } finally {
      await handle.close();
    }
  });

  const db = program.command('db').description('database maintenance');
  databaseOptions(db.command('migrate').description('apply the committed SQL migrations')).action(async (flags: DbFlags) => {
    const handle = await open(flags, io.log);
    await handle.close();
  });

  registerReportCommand(program, io, { databaseOptions, open });

  return program;
}
