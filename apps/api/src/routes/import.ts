import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  authorizeProcedure,
  KIND_WRITE,
  messageText as apiMessageText,
  stageFile,
  type Actor,
} from '@jalon/api';
import { importReferences, type Database } from '@jalon/db';
import {
  buildTemplate,
  buildTemplateCsv,
  IMPORT_KINDS,
  mappingProfile,
  templateProfile,
  type ImportKind,
  type MappingProfile,
} from '@jalon/import';
import busboy from 'busboy';
import { Hono, type Context as HonoContext } from 'hono';
import { HttpProblem, localeOf } from '../http/problems';
import { messageText } from '../messages';

export interface ImportRoutesOptions {
  db: Database;
  /** Who calls: the request's signed-in actor (its session cookie), shared with tRPC. */
  actorOf: (c: HonoContext) => Promise<Actor | null>;
  /** The largest file accepted, in bytes (`JALON_MAX_UPLOAD_BYTES`): 413 above it. */
  maxFileBytes: number;
}

/** What a multipart upload carried: the file on disk, and the form's text fields. */
interface Received {
  path: string | null;
  fileName: string | null;
  fields: Record<string, string>;
  tooLarge: boolean;
}

const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;

/**
 * Streams a `multipart/form-data` body to a file in a private temporary folder, never holding
 * the file in memory while it arrives; the file part is cut at `maxFileBytes` (then `tooLarge`).
 */
async function receive(c: HonoContext, dir: string, maxFileBytes: number): Promise<Received> {
  const body = c.req.raw.body;
  const type = c.req.header('content-type') ?? '';
  if (!body || !type.toLowerCase().startsWith('multipart/form-data'))
    throw new HttpProblem(400, 'BAD_REQUEST', messageText('upload.multipart'));
  const got: Received = { path: null, fileName: null, fields: {}, tooLarge: false };
  const writes: Promise<void>[] = [];
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      limits: { files: 1, fileSize: maxFileBytes, fields: 10, fieldSize: 1_048_576 },
    });
  } catch {
    throw new HttpProblem(400, 'BAD_REQUEST', messageText('upload.boundary'));
  }
  parser.on('field', (name, value) => {
    got.fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== 'file' || got.path !== null) {
      stream.resume();
      return;
    }
    got.path = join(dir, 'upload');
    got.fileName = info.filename || 'fichier';
    stream.on('limit', () => {
      got.tooLarge = true;
    });
    writes.push(pipeline(stream, createWriteStream(got.path)));
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream), parser);
    await Promise.all(writes);
  } catch (e) {
    // The body limit of the edge cut the stream: answered as a 413 like any over-long body.
    if (e instanceof Error && /limit|too large/i.test(e.message)) got.tooLarge = true;
    else throw new HttpProblem(400, 'BAD_REQUEST', messageText('upload.interrupted'));
  }
  return got;
}

/** The file names of the templates, in French like their headers. */
const TEMPLATE_FILE_NAMES: Record<ImportKind, string> = {
  activities: 'activites',
  attendance: 'presences',
  incidents: 'incidents',
  targets: 'cibles',
  values: 'valeurs',
};

/** The signed-in actor, when her role may import (`import.stage`): 401 or 403 otherwise. */
async function importer(c: HonoContext, options: ImportRoutesOptions): Promise<Actor> {
  const actor = await options.actorOf(c);
  if (!actor) throw new HttpProblem(401, 'UNAUTHORIZED', messageText('upload.sign-in'));
  const gate = authorizeProcedure(actor, 'import.stage');
  if (!gate.allow) throw new HttpProblem(403, 'FORBIDDEN', messageText('upload.role'));
  return actor;
}

/**
 * The mapping profile of an upload: the form's `profile` (JSON), or, without one, the profile
 * of Jalon's own template for the form's `kind` (what the web page sends for a filled template).
 */
function profileOf(fields: Record<string, string>): MappingProfile {
  if (!fields.profile?.trim()) {
    const kind = IMPORT_KINDS.find((k) => k === fields.kind);
    if (kind) return templateProfile(kind);
  }
  let json: unknown;
  try {
    json = JSON.parse(fields.profile ?? '');
  } catch {
    throw new HttpProblem(
      400,
      'BAD_REQUEST',
      messageText('upload.profile-json', { kinds: IMPORT_KINDS.join(', ') }),
    );
  }
  const parsed = mappingProfile.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`)
      .join(' ; ');
    throw new HttpProblem(400, 'BAD_REQUEST', messageText('upload.profile-refused', { lines }));
  }
  return parsed.data;
}

/**
 * `POST /api/import/upload`: the way a large file gets in (tRPC's `import.stage` takes files up
 * to 1.4 MB inline). The file is streamed to a temporary folder with its own size cap (413 above
 * it), read through the profile, planned and staged exactly as `import.stage` does; answered with
 * the batch id, the counts and the issues grouped by code. The M&E team only, like `import.stage`.
 */
export function importRoutes(options: ImportRoutesOptions) {
  const app = new Hono();
  app.get('/template/:file', async (c) => {
    const actor = await importer(c, options);
    const match = /^(\w+)\.(xlsx|csv)$/.exec(c.req.param('file'));
    const kind = IMPORT_KINDS.find((k) => k === match?.[1]);
    if (!match || !kind)
      throw new HttpProblem(
        404,
        'NOT_FOUND',
        messageText('upload.unknown-template', {
          templates: IMPORT_KINDS.map((k) => `${k}.xlsx, ${k}.csv`).join(', '),
        }),
      );
    // A kind her role may not enter by hand has no template for her either (403).
    if (!authorizeProcedure(actor, KIND_WRITE[kind]).allow)
      throw new HttpProblem(403, 'FORBIDDEN', apiMessageText('import.kind-refused', { kind }));
    const refs = await importReferences(options.db, actor.organisationId);
    const xlsx = match[2] === 'xlsx';
    const bytes = xlsx ? await buildTemplate(kind, refs) : buildTemplateCsv(kind, refs);
    const name = `modele-import-${TEMPLATE_FILE_NAMES[kind]}.${match[2]}`;
    return new Response(bytes, {
      headers: {
        'content-type': xlsx
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      },
    });
  });
  app.post('/upload', async (c) => {
    const locale = localeOf(c);
    const actor = await importer(c, options);
    const dir = await mkdtemp(join(tmpdir(), 'jalon-import-'));
    try {
      const got = await receive(c, dir, options.maxFileBytes);
      if (got.tooLarge)
        throw new HttpProblem(
          413,
          'PAYLOAD_TOO_LARGE',
          messageText('upload.too-large', { megabytes: mb(options.maxFileBytes) }),
        );
      const profile = profileOf(got.fields);
      if (!authorizeProcedure(actor, KIND_WRITE[profile.kind]).allow)
        throw new HttpProblem(
          403,
          'FORBIDDEN',
          apiMessageText('import.kind-refused', { kind: profile.kind }),
        );
      if (got.path === null)
        throw new HttpProblem(400, 'BAD_REQUEST', messageText('upload.no-file'));
      const source = got.fields.source?.trim() || undefined;
      if (source !== undefined && !/^(file|kobo)(:[A-Za-z0-9_-]{1,64})?$/.test(source))
        throw new HttpProblem(400, 'BAD_REQUEST', messageText('upload.source'));
      const bytes = new Uint8Array(await readFile(got.path));
      const staged = await stageFile(
        options.db,
        actor.organisationId,
        actor,
        { fileName: got.fileName ?? 'fichier', bytes, profile, source },
        locale,
      );
      return c.json(staged);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return app;
}
