/** `pnpm --filter @jalon/server dev`: the API alone, on the configured database, seeded if empty. */
import { openDatabase, type DatabaseHandle } from '@jalon/db';
import { isEmpty, seedDemo } from '@jalon/db/seed';
import { readEnv } from './env';
import { jsonLogger } from './http/logger';
import { serverOptionsFromEnv, stopOnSignals } from './run';
import { startServer } from './server';

const env = readEnv();
const log = jsonLogger();
let handle: DatabaseHandle | undefined;
const server = await startServer({
  ...serverOptionsFromEnv(env),
  database: async () => {
    handle = await openDatabase({
      url: env.DATABASE_URL,
      readUrl: env.DATABASE_READ_URL,
      dataDir: env.JALON_DATA_DIR,
    });
    if (await isEmpty(handle.db)) await seedDemo(handle.db);
    return { db: handle.db, readDb: handle.readDb, databaseKind: handle.kind };
  },
  port: env.PORT,
  host: env.HOST,
  logger: log,
});
stopOnSignals(server, async () => handle?.close(), log);
await server.ready;
log.info('Jalon API ready', {
  url: server.url,
  database: handle?.kind,
  location: handle?.location,
});
