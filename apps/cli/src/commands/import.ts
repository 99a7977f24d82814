import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createCaller, createContext, stageFile, systemActor, type Locale } from '@jalon/api';
import { dropStaleImportBatches, findOrganisationByCode, STAGED_BATCH_DAYS } from '@jalon/db';
import { formatNumber } from '@jalon/domain';
import { IMPORT_KINDS, mappingProfile, type ImportKind } from '@jalon/import';
import { readEnv } from '@jalon/server';
import { CommanderError, InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandDeps, ReportIo } from './report';

interface ImportFlags {
  databaseUrl?: string;
  dataDir?: string;
  kind: ImportKind;
  profile: string;
  dryRun?: boolean;
  commit?: boolean;
  validOnly?: boolean;
  source?: string;
  lang?: Locale;
}

/** The message of an API refusal (a TRPCError, told by its name: the CLI does not depend on tRPC). */
const refusal = (e: unknown): string | null =>
  e instanceof Error && e.name === 'TRPCError' ? e.message : null;

const say = (l: Locale, fr: string, en: string) => (l === 'fr' ? fr : en);

/** The counts of a plan in a sentence: « 3 à créer, 0 à mettre à jour, 20 inchangées, 1 rejetée ». */
export function planLine(
  counts: { create: number; update: number; unchanged: number; rejected: number },
  l: Locale,
): string {
  const n = (x: number) => formatNumber(x, l);
  return l === 'fr'
    ? `${n(counts.create)} à créer, ${n(counts.update)} à mettre à jour, ${n(counts.unchanged)} inchangée${counts.unchanged > 1 ? 's' : ''}, ${n(counts.rejected)} rejetée${counts.rejected > 1 ? 's' : ''}`
    : `${n(counts.create)} to create, ${n(counts.update)} to update, ${n(counts.unchanged)} unchanged, ${n(counts.rejected)} rejected`;
}

/**
 * `jalon import FILE --kind activities --profile P.json [--dry-run] [--commit] [--valid-only]`:
 * reads a spreadsheet, CSV or KoboToolbox JSON export through a mapping profile, keeps it as a
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
        .argument('<file>', 'the .xlsx, .csv or Kobo .json file')
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
        .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en'])),
    )
    .action(async (file: string, flags: ImportFlags) => {
      const l: Locale = flags.lang ?? 'fr';
      const stop = (exitCode: number, fr: string, en: string): never => {
        const message = say(l, fr, en);
        (cmd.configureOutput().writeErr ?? ((m: string) => process.stderr.write(m)))(
          `${message}\n`,
        );
        throw new CommanderError(exitCode, 'jalon.import', message);
      };
      if (flags.dryRun && flags.commit)
        stop(2, '--dry-run ou --commit, pas les deux', '--dry-run or --commit, not both');
      if (flags.validOnly && !flags.commit)
        stop(2, '--valid-only va avec --commit', '--valid-only goes with --commit');

      const profileText = await readFile(flags.profile, 'utf8').catch((e: NodeJS.ErrnoException) =>
        stop(
          2,
          `profil illisible ${flags.profile}\u202f: ${e.code ?? e.message}`,
          `cannot read profile ${flags.profile}: ${e.code ?? e.message}`,
        ),
      );
      let json: unknown;
      try {
        json = JSON.parse(profileText);
      } catch (e) {
        stop(
          2,
          `profil ${flags.profile}\u202f: JSON invalide (${(e as Error).message})`,
          `profile ${flags.profile}: invalid JSON (${(e as Error).message})`,
        );
      }
      const profile = mappingProfile.safeParse(json);
      if (!profile.success) {
        const lines = profile.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
        return stop(
          2,
          `profil refusé (${flags.profile})\u202f:\n${lines.join('\n')}`,
          `profile refused (${flags.profile}):\n${lines.join('\n')}`,
        );
      }
      if (profile.data.kind !== flags.kind)
        stop(
          2,
          `le profil est pour « ${profile.data.kind} », pas « ${flags.kind} »`
            .replace(/« /g, '«\u202f')
            .replace(/ »/g, '\u202f»'),
          `the profile is for "${profile.data.kind}", not "${flags.kind}"`,
        );
      const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) =>
        stop(
          2,
          `fichier illisible ${file}\u202f: ${e.code ?? e.message}`,
          `cannot read ${file}: ${e.code ?? e.message}`,
        ),
      );

      const handle = await deps.open(flags, progress);
      try {
        const code = readEnv().JALON_ORGANISATION;
        const org = await findOrganisationByCode(handle.db, code);
        if (!org)
          return stop(
            2,
            `organisation ${code} introuvable\u202f: lancez \`jalon seed\` ou indiquez JALON_ORGANISATION`,
            `organisation ${code} not found: run \`jalon seed\` or set JALON_ORGANISATION`,
          );
        // The CLI runs on the server's machine with its database: it acts as the system.
        const actor = systemActor(org.id);
        const caller = createCaller(createContext({ db: handle.db, actor, locale: l }));
        const started = Date.now();
        progress(say(l, `lecture de ${file}…`, `reading ${file}…`));
        let staged;
        try {
          staged = await stageFile(
            handle.db,
            org.id,
            actor,
            {
              fileName: basename(file),
              bytes: new Uint8Array(bytes),
              profile: profile.data,
              source: flags.source,
            },
            l,
          );
        } catch (e) {
          const m = refusal(e);
          if (m !== null) return stop(2, m, m);
          throw e;
        }
        const plan = await caller.import.plan({ id: staged.id, limit: 0 });
        progress(
          say(
            l,
            `lu et vérifié en ${((Date.now() - started) / 1000).toFixed(1)} s`,
            `read and checked in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          ),
        );
        io.log(`${say(l, 'Lot', 'Batch')} ${staged.id} — ${basename(file)}`);
        io.log(planLine(plan.counts, l));
        for (const g of plan.groups) {
          const mark = g.severity === 'error' ? '✗' : '!';
          const where = g.column ? ` (${g.column})` : '';
          const rows = say(
            l,
            g.rows.length > 1 ? 'lignes' : 'ligne',
            g.rows.length > 1 ? 'rows' : 'row',
          );
          io.log(
            `${mark} ${g.title[l]} — ${g.field}${where}${say(l, '\u202f:', ':')} ${rows} ${g.rowRanges}`,
          );
          for (const ex of g.examples)
            io.log(
              `    ${say(l, 'ligne', 'row')} ${ex.rowNumber}${say(l, '\u202f:', ':')} ${ex.message[l]}${ex.suggestions?.length ? say(l, ` (proche\u202f: ${ex.suggestions.join(', ')})`, ` (close: ${ex.suggestions.join(', ')})`) : ''}`,
            );
        }
        if (!flags.commit) {
          io.log(
            say(
              l,
              'Rien n’a été écrit (vérification seule). Relancez avec --commit pour importer.',
              'Nothing was written (dry run). Run again with --commit to import.',
            ),
          );
          if (plan.counts.rejected > 0)
            throw new CommanderError(1, 'jalon.import.rejected', 'rows rejected');
          return;
        }
        try {
          const done = await caller.import.commit({
            id: staged.id,
            validOnly: flags.validOnly ?? false,
          });
          io.log(
            say(l, 'Importé\u202f: ', 'Imported: ') +
              planLine(done.counts, l)
                .replace(/à créer/, 'créées')
                .replace(/à mettre à jour/, 'mises à jour')
                .replace(/to create/, 'created')
                .replace(/to update/, 'updated'),
          );
        } catch (e) {
          const m = refusal(e);
          if (m !== null) return stop(1, m, m);
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
          io.log(
            say(
              l,
              `${formatNumber(dropped, 'fr')} lot${dropped > 1 ? 's' : ''} d’import non validé${dropped > 1 ? 's' : ''} de plus de ${days}\u00a0jours supprimé${dropped > 1 ? 's' : ''}.`,
              `${formatNumber(dropped, 'en')} staged import batch${dropped === 1 ? '' : 'es'} older than ${days} days dropped.`,
            ),
          );
        } finally {
          await handle.close();
        }
      },
    );
}
