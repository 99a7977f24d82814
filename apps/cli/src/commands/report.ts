import { createWriteStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createCaller, createContext, systemActor, type Locale } from '@jalon/api';
import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import {
  builtInTemplates,
  templateDonor,
  parseTemplate,
  renderBulletinHtml,
  renderBulletinMarkdown,
  renderReportFile,
} from '@jalon/reports';
import { readEnv } from '@jalon/server';
import { CommanderError, Option, type Command } from 'commander';
import { cliSays, type CliMessageKey, type CliMessages } from '../messages/index';

interface DbFlags {
  databaseUrl?: string;
  dataDir?: string;
}

interface ReportFlags extends DbFlags {
  list?: boolean;
  template?: string;
  templateFile?: string;
  grant?: string;
  period?: string;
  format: 'xlsx' | 'iati' | 'adx' | 'dhis2' | 'bulletin' | 'json';
  lang?: Locale;
  out?: string;
  mode?: 'dimension' | 'indicator-per-breakdown';
}

export interface ReportIo {
  /** What the command prints (stdout). */
  log: (s: string) => void;
  /** Progress of a long export; stderr by default, so stdout stays clean for scripts. */
  progress?: (s: string) => void;
}

/** What program.ts shares with its commands: the database flags and how they open a database. */
export interface CommandDeps {
  databaseOptions: (cmd: Command) => Command;
  open: (flags: DbFlags, log: (s: string) => void) => Promise<DatabaseHandle>;
}

/** The number conventions of each language, for the sizes and durations shown as progress. */
const NUMBER_LOCALES: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

const decimal = (n: number, l: Locale) =>
  n.toLocaleString(NUMBER_LOCALES[l], { maximumFractionDigits: 1 });

function size(bytes: number, l: Locale): string {
  return bytes >= 1_048_576
    ? cliSays(l, 'size-mb', decimal(bytes / 1_048_576, l))
    : cliSays(l, 'size-kb', decimal(bytes / 1024, l));
}

/**
 * How the command stops, saying a message of the table in the user's language: `fail` for a
 * usage mistake (shows the help), `refuse` for refused data; `refused` says a refusal that
 * arrives already in that language (the API's).
 */
interface Stops {
  fail: <K extends CliMessageKey>(key: K, ...args: Parameters<CliMessages[K]>) => never;
  refuse: <K extends CliMessageKey>(key: K, ...args: Parameters<CliMessages[K]>) => never;
  refused: (message: string) => never;
}

/** What every output step needs: the flags, the language, where progress and the text go. */
interface Run {
  flags: ReportFlags;
  locale: Locale;
  io: ReportIo;
  progress: (s: string) => void;
  stops: Stops;
  write: (text: string) => Promise<void>;
}

type Caller = ReturnType<typeof createCaller>;
interface ReportRequest {
  grant: string;
  period: string;
  template: string | undefined;
  templateJson: string | undefined;
}

function reportOptions(program: Command): Command {
  return program
    .command('report')
    .description(
      'export a donor report (xlsx, IATI XML, bulletin, or the values as JSON) from the database',
    )
    .option('--list', 'list the built-in templates')
    .option('-t, --template <id>', "built-in template (default: the grant's own)")
    .option(
      '--template-file <file>',
      'your own template as JSON (validated; refused with the path of each broken field)',
    )
    .option('-g, --grant <code>', 'grant code (PROSMED-CCSC) or id')
    .option('-p, --period <period>', 'reporting period: 2023-Q2, 2023, 2023-04, FY2023…')
    .addOption(
      new Option('-f, --format <format>', 'what to write')
        .choices(['xlsx', 'iati', 'adx', 'dhis2', 'bulletin', 'json'])
        .default('xlsx'),
    )
    .addOption(
      new Option(
        '--lang <lang>',
        'language of the report (default: the template’s, French)',
      ).choices(['fr', 'en']),
    )
    .addOption(
      new Option('--mode <mode>', 'IATI breakdowns (default: per the template)').choices([
        'dimension',
        'indicator-per-breakdown',
      ]),
    )
    .option(
      '-o, --out <file>',
      'file to write (xlsx: <grant>_<period>_<template>_<lang>.xlsx; others: stdout); a bulletin ending in .html is HTML',
    );
}

function listTemplates(io: ReportIo, locale: Locale): void {
  for (const t of builtInTemplates)
    io.log(
      `${t.id.padEnd(16)} v${t.version.padEnd(7)} ${(templateDonor(t) ?? cliSays(locale, 'templates-all')).padEnd(8)} ${t.name[locale]}`,
    );
}

function checkFlags(flags: ReportFlags, { fail }: Stops): void {
  if (!flags.period) fail('give-period');
  if (flags.format !== 'bulletin' && !flags.grant) fail('give-grant');
  if (flags.template && flags.templateFile) fail('template-and-file');
}

/** The user's template file, read and validated; undefined without `--template-file`. */
async function readTemplateFile(
  flags: ReportFlags,
  { refuse }: Stops,
): Promise<string | undefined> {
  const path = flags.templateFile;
  if (!path) return undefined;
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) =>
    refuse('template-unreadable', path, e.code ?? e.message),
  );
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    const lines = parsed.error.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    refuse('template-refused', path, lines);
  }
  return text;
}

async function writeBulletin(run: Run, caller: Caller, request: ReportRequest): Promise<void> {
  const { flags, locale } = run;
  run.progress(cliSays(locale, 'bulletin-computing', flags.period ?? ''));
  const model = await caller.report.bulletin({ period: request.period });
  const lang = flags.lang ?? locale;
  await run.write(
    flags.out?.endsWith('.html')
      ? renderBulletinHtml(model, lang)
      : renderBulletinMarkdown(model, lang),
  );
}

async function writeJson(run: Run, caller: Caller, request: ReportRequest): Promise<void> {
  run.progress(cliSays(run.locale, 'values-computing', request.grant, request.period));
  await run.write(`${JSON.stringify(await caller.report.preview(request), null, 2)}\n`);
}

/** The xlsx workbook streamed to its file, its size shown as it grows; prints the file's path. */
async function writeWorkbook(
  run: Run,
  { model, template }: Pick<Awaited<ReturnType<Caller['report']['model']>>, 'model' | 'template'>,
  started: number,
): Promise<void> {
  const { flags, locale, progress } = run;
  const workbook = renderReportFile({ model, template, format: 'xlsx', locale: flags.lang });
  const out = flags.out ?? workbook.fileName;
  let written = 0;
  let shown = 0;
  // Counts the bytes on their way to the file, so a long export shows it is moving.
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      written += chunk.length;
      if (written - shown >= 1_048_576) {
        shown = written;
        progress(cliSays(locale, 'writing', size(written, locale)));
      }
      done(null, chunk);
    },
  });
  const file = pipeline(workbook.body, meter, createWriteStream(out));
  const rendered = await workbook.rendered;
  if (!rendered.ok) {
    await file.catch(() => {});
    await rm(out, { force: true });
    run.stops.refuse('workbook-not-rendered', rendered.error.message);
    return;
  }
  await file;
  for (const w of rendered.value.warnings) progress(cliSays(locale, 'render-note', w));
  const bytes = (await stat(out)).size;
  const seconds = decimal((Date.now() - started) / 1000, locale);
  progress(cliSays(locale, 'wrote-in', out, size(bytes, locale), seconds));
  run.io.log(out);
}

/** The report model, then IATI XML or the workbook from it. */
async function writeReport(
  run: Run,
  caller: Caller,
  request: ReportRequest,
  started: number,
): Promise<void> {
  const { flags, locale } = run;
  run.progress(cliSays(locale, 'report-computing', request.grant, request.period));
  const { model, template } = await caller.report.model(request);
  run.progress(
    cliSays(
      locale,
      'report-contents',
      template.id,
      template.version,
      model.indicators.length,
      model.periods.length,
      model.activities.length,
      model.dataQuality.length,
    ),
  );
  if (flags.format === 'iati') {
    const iati = renderReportFile({ model, template, format: 'iati', mode: flags.mode });
    await run.write(Buffer.concat((await iati.body.toArray()) as Buffer[]).toString('utf8'));
    return;
  }
  await writeWorkbook(run, { model, template }, started);
}

/** DHIS2 ADX XML of the grant's indicator values, through its stored mapping (Jalon's codes without one). */
async function writeAdx(run: Run, caller: Caller, request: ReportRequest): Promise<void> {
  const out = await caller.adx.export({
    grant: request.grant,
    period: request.period,
    lang: run.flags.lang,
  });
  if (out.omitted.length > 0)
    run.progress(cliSays(run.locale, 'values-not-sent', out.omitted.length));
  // What the reader should know of a per-region file (activities in no region, left out).
  for (const note of out.notes) run.progress(note);
  await run.write(out.xml);
}

/**
 * DHIS2's dataValueSet (JSON) of the grant's indicator values, through the DHIS2 part of its stored
 * mapping; refused, naming each gap, when the mapping lacks what a figure needs.
 */
async function writeDhis2(run: Run, caller: Caller, request: ReportRequest): Promise<void> {
  const out = await caller.adx.dhis2({
    grant: request.grant,
    period: request.period,
    lang: run.flags.lang,
  });
  if (out.omitted.length > 0)
    run.progress(cliSays(run.locale, 'values-not-sent', out.omitted.length));
  for (const note of out.notes) run.progress(note);
  await run.write(`${JSON.stringify(out.json, null, 2)}\n`);
}

/** Opens the database, finds the organisation and writes what `--format` asks for. */
async function runReport(run: Run, deps: CommandDeps, templateJson: string | undefined) {
  const { flags, locale, stops } = run;
  const started = Date.now();
  const handle = await deps.open(flags, run.progress);
  try {
    const code = readEnv().JALON_ORGANISATION;
    const org = await findOrganisationByCode(handle.db, code);
    if (!org) return stops.refuse('organisation-not-found', code);
    // The CLI runs on the server's machine with its database: it acts as the system.
    const caller = createCaller(
      createContext({ db: handle.db, actor: systemActor(org.id), locale }),
    );
    const request: ReportRequest = {
      grant: flags.grant ?? '',
      period: flags.period ?? '',
      template: flags.template,
      templateJson,
    };
    if (flags.format === 'bulletin') await writeBulletin(run, caller, request);
    else if (flags.format === 'adx') await writeAdx(run, caller, request);
    else if (flags.format === 'dhis2') await writeDhis2(run, caller, request);
    else if (flags.format === 'json') await writeJson(run, caller, request);
    else await writeReport(run, caller, request, started);
  } catch (e) {
    // Refusals of the report service (unknown grant, bad period…) arrive already in the right language.
    if (e instanceof Error && e.name === 'TRPCError') stops.refused(e.message);
    throw e;
  } finally {
    await handle.close();
  }
}

/**
 * `jalon report`: a donor report from the database, as the web app downloads it — an xlsx workbook,
 * IATI XML, the quarterly bulletin, or the values as JSON for scripts — with a built-in template or the
 * user's own (`--template-file`, refused with the path of every broken field).
 */
export function registerReportCommand(program: Command, io: ReportIo, deps: CommandDeps): Command {
  const progress = io.progress ?? ((s: string) => void process.stderr.write(`${s}\n`));
  const cmd: Command = deps
    .databaseOptions(reportOptions(program))
    .action(async (flags: ReportFlags) => {
      const locale: Locale = flags.lang ?? 'fr';
      if (flags.list) return listTemplates(io, locale);
      // A usage mistake shows the help; a refusal of the data (a broken template, an unknown grant) only says why.
      const refused = (message: string): never => {
        (cmd.configureOutput().writeErr ?? ((m: string) => process.stderr.write(m)))(
          `${message}\n`,
        );
        throw new CommanderError(2, 'jalon.report', message);
      };
      const stops: Stops = {
        fail: (key, ...args) =>
          cmd.error(cliSays(locale, key, ...args), { exitCode: 2, code: 'jalon.report' }),
        refuse: (key, ...args) => refused(cliSays(locale, key, ...args)),
        refused,
      };
      checkFlags(flags, stops);
      const templateJson = await readTemplateFile(flags, stops);
      const write = async (text: string) => {
        if (!flags.out) return io.log(text.replace(/\n$/, ''));
        await writeFile(flags.out, text);
        progress(cliSays(locale, 'wrote', flags.out));
      };
      await runReport({ flags, locale, io, progress, stops, write }, deps, templateJson);
    });
  return cmd;
}
