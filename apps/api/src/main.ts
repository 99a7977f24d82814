/** `pnpm --filter @jalon/server dev`: the API alone, on the configured database, seeded if empty. */
import { isEmpty, openDatabase, seedDemo } from '@jalon/db';
import { readEnv } from './env';
import { startServer } from './server';

const env = readEnv();
const handle = await openDatabase({
  url: env.DATABASE_URL,
  readUrl: env.DATABASE_READ_URL,
  dataDir: env.JALON_DATA_DIR,
});
if (await isEmpty(handle.db)) await seedDemo(handle.db);
const server = await startServer({
  db: handle.db,
  readDb: handle.readDb,
  databaseKind: handle.kind,
  https: env.JALON_HTTPS,
  trustedOrigins: env.JALON_TRUSTED_ORIGINS,
  port: env.PORT,
  host: env.HOST,
});
console.log(`Jalon API on ${server.url} (${handle.kind}: ${handle.location})`);
