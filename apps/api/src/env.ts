import { z } from 'zod';

/** A comma-separated list (`a, b,c`), empty when unset. */
const commaList = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

/** The environment of the server and the CLI, read and validated in one place. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** A PostgreSQL streaming replica for report, dashboard and pivot reads (with DATABASE_URL). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL must start with postgres:// or postgresql://')
    .optional(),
  JALON_DATA_DIR: z.string().min(1).default('./.jalon/data'),
  /** The organisation the CLI's commands (report, seed) act for. */
  JALON_ORGANISATION: z.string().min(1).default('WANEP-ML'),
  /** `1`/`true` when users reach Jalon over HTTPS: session cookies become Secure and `__Host-`. */
  JALON_HTTPS: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Comma-separated origins (besides Jalon's own) allowed to send mutations, e.g. `http://localhost:5173`. */
  JALON_TRUSTED_ORIGINS: commaList(),
  /**
   * Comma-separated addresses or CIDR ranges of the reverse proxies in front of Jalon, whose
   * `X-Forwarded-For` names the client (login throttling); none by default.
   */
  JALON_TRUSTED_PROXIES: commaList(),
  /**
   * Jalon's public address(es) as users reach it (`https://jalon.example`), comma-separated: the
   * origins allowed to send mutations. By default `http://localhost:PORT` (and 127.0.0.1, [::1]).
   */
  JALON_PUBLIC_URL: commaList().pipe(
    z.array(
      z
        .string()
        .regex(
          /^https?:\/\/[^/\s]+\/?$/,
          'JALON_PUBLIC_URL: an origin such as https://jalon.example',
        ),
    ),
  ),
  /**
   * Comma-separated host names Jalon answers under besides its public URL's (`.ong.example` for
   * its subdomains): any other `Host` gets 421 (DNS rebinding). IP addresses and loopback names
   * are always answered.
   */
  JALON_ALLOWED_HOSTS: commaList().pipe(
    z.array(
      z
        .string()
        .regex(
          /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i,
          'JALON_ALLOWED_HOSTS: host names such as jalon.example or .ong.example',
        ),
    ),
  ),
  /** A KoboToolbox API token, for `jalon import --kobo` (sent as `Authorization: Token …`). */
  JALON_KOBO_TOKEN: z.string().min(1).optional(),
  /** The largest upload the import route accepts, in bytes (50 MB by default). */
  JALON_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
});

export type ServerEnv = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  // An empty variable (common in .env templates and CI matrices) means "not set".
  const set = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
