#!/usr/bin/env node
/** The `broadsheet` command. */
import { parseArgs } from 'node:util';
import {
  ConfigError,
  environmentHelp,
  loadConfig,
  parseImageStore,
  type Config,
} from '../config.js';
import { isRole, roles } from '../domain/user.js';
import { AppError } from '../errors.js';
import { createServices } from '../compose.js';
import { StartupError, startupFailureExitCode } from '../startup.js';
import { readPassword } from './password-input.js';

const help = {
  main: `Usage: broadsheet <command> [options]

Commands:
  serve                      run the web server (the default for npm start)
  migrate                    bring the database schema up to date
  user create                create a user; the password is read from standard input
  token create               print a new API token for a user
  export FILE                write every table to FILE (a secret: it holds password hashes)
  restore FILE               load an export into a new, empty database
  import wxr FILE            import a WordPress export: articles, authors, sections, comments
  import disqus FILE         import a Disqus export's comments onto imported articles
  demo load                  load the demo content into an empty database
  demo remove                remove the demo content, and nothing else
  section list|create|rename|remove
                             list and manage the site's sections
  images copy --to WHERE     copy every image file to another store (s3://bucket/prefix or a folder)

Run "broadsheet <command> --help" for a command's options.

Environment:
${environmentHelp()}
`,
  serve: `Usage: broadsheet serve

Runs the web server with the configuration from the environment (see broadsheet --help).
`,
  migrate: `Usage: broadsheet migrate

Applies any database migrations that have not run yet, and lists them. The server also does
this when it starts.
`,
  'user create': `Usage: broadsheet user create --email EMAIL --name NAME --role ROLE

Creates a user. ROLE is one of commenter, author, editor, moderator, admin.
The password (at least 10 characters) is read from standard input, for example:
  printf '%s' 'a-long-password' | broadsheet user create --email ed@example.com --name 'Ed Jones' --role editor
`,
  'token create': `Usage: broadsheet token create --email EMAIL [--label LABEL]

Prints a new API token for the user with that email. Send it as
"Authorization: Bearer TOKEN". It is shown once; only its hash is stored.
`,
  export: `Usage: broadsheet export FILE

Writes the whole site (articles, revisions, corrections, comments, people with their password
hashes, API token hashes, settings…) to FILE in the Broadsheet export format (JSON Lines; see
docs/data.md). FILE is created with mode 0600: keep it as secret as the database. Sessions,
one-time links and the mail outbox are left out.
`,
  restore: `Usage: broadsheet restore FILE

Loads an export made by "broadsheet export" into the configured database, which must be new and
empty (SQLite and PostgreSQL both work, either way round). It runs in one transaction: a bad line
is reported with its number and nothing is restored. Stop the server while restoring, and
restore before the first "serve" (or set DEMO=0): the server fills an empty database with demo
content.
`,
  import: `Usage: broadsheet import wxr FILE
       broadsheet import disqus FILE

Imports a WordPress export (WXR, from Tools → Export) or a Disqus export (XML) in one
transaction: a malformed or truncated file is refused with the line and the reason, and
nothing is imported. Importing the same file again changes nothing. A progress bar shows on
the terminal; the report (what came across, what was skipped and why) is printed at the end.
See docs/import.md.
`,
  section: `Usage: broadsheet section list
       broadsheet section create --name NAME [--slug SLUG] [--description TEXT] [--hidden]
       broadsheet section rename SLUG [--name NAME] [--slug NEW-SLUG]
       broadsheet section remove SLUG [--move-to SLUG]

Lists the sections in navigation order, or creates, renames or removes one (as admins do at
/admin/sections). A new slug keeps the old addresses working: they redirect to the new ones.
A section with articles (drafts included) is removed only with --move-to, the section they
move to. A running server's cached pages see the change when the day ends or the server
restarts (the admin pages and the API empty its cache at once).
`,
  demo: `Usage: broadsheet demo load
       broadsheet demo remove [--yes]

"demo load" loads the demo content (The Harwick Courier: sections, authors, commenters,
articles with comments) into an empty database; the server does this itself on its first start
unless DEMO=0.

"demo remove" lists what it will remove and asks before it removes it (--yes: without asking),
in one transaction: the demo's articles with their revisions, corrections and comments
(comments your readers wrote on demo articles go with them), its accounts, tags, images and
sections, and the site name while it is still the demo's. Sections, people and images that your
own content uses are kept, and named. It prints what it removed. On SQLite, restart a running
server afterwards so its cached pages are dropped (or use the button on /admin/site instead).
See docs/operations.md.
`,
  images: `Usage: broadsheet images copy --to WHERE [--from WHERE]

Copies every image file from one store to another. WHERE is s3://bucket/prefix (reached with the
S3_* settings, see broadsheet --help) or a folder. --from is the configured store (IMAGE_STORE,
by default DATA_DIR/images). Files already at the target are skipped, so running it again
finishes an interrupted copy and copies only what is new; each file is checked against its name
(the hash of its bytes). It prints its progress and a summary, and exits with 1 if a file could
not be copied. Moving a site's images into a bucket: copy, set IMAGE_STORE, restart the servers,
copy once more (for uploads made in between). Backing a bucket up: --to a folder.
See docs/operations.md.
`,
};

class UsageError extends Error {
  override name = 'UsageError';
}

function parse(
  args: string[],
  options: Record<string, { type: 'string' | 'boolean' }>,
  positionals = false,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: positionals,
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${name} is required`);
  return value;
}

async function withServices<T>(
  config: Config,
  work: (services: ReturnType<typeof createServices>) => Promise<T>,
) {
  const { openConfiguredStore } = await import('../server.js');
  const store = await openConfiguredStore(config);
  try {
    return await work(createServices(store));
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help.main);
    return command === undefined ? 1 : 0;
  }

  if (command === 'serve') {
    if (parse(rest, {}).help) return print(help.serve);
    const config = loadConfig();
    const { serve } = await import('../server.js');
    await serve(config);
    return -1; // keeps running
  }

  if (command === 'migrate') {
    if (parse(rest, {}).help) return print(help.migrate);
    const config = loadConfig();
    const { migrateConfigured } = await import('../server.js');
    const applied = await migrateConfigured(config);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  }

  if (command === 'export' || command === 'restore') {
    let values;
    try {
      values = parseArgs({
        args: rest,
        options: { help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.values.help) return print(help[command]);
    const [file, ...extra] = values.positionals;
    if (file === undefined || extra.length > 0) {
      throw new UsageError(`${command} takes one FILE`);
    }
    const config = loadConfig();
    const started = Date.now();
    const report = { cleanedValues: 0, rerenderedComments: 0 };
    const counts = await withServices(config, (s) =>
      command === 'export' ? s.backup.exportTo(file) : s.backup.restoreFrom(file, report),
    );
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    const tables = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      command === 'export'
        ? `Exported ${rows} rows to ${file} in ${seconds} s (${tables}). The file holds password hashes: keep it secret.`
        : `Restored ${rows} rows from ${file} in ${seconds} s (${tables}).`,
    );
    if (command === 'restore' && report.cleanedValues > 0) {
      console.log(
        `${report.cleanedValues} text values held control characters (such as NUL) and were restored without them.`,
      );
    }
    if (command === 'restore' && report.rerenderedComments > 0) {
      console.log(
        `${report.rerenderedComments} comments had HTML that their Markdown does not make; it was rendered again.`,
      );
    }
    return 0;
  }

  const sub = `${command} ${rest[0] ?? ''}`.trim();
  if (sub === 'user create') {
    const values = parse(rest.slice(1), {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
    });
    if (values.help) return print(help['user create']);
    const input = {
      email: required(values, 'email'),
      name: required(values, 'name'),
      role: required(values, 'role'),
    };
    // Check what can be checked before asking for the password, so it is not typed in vain.
    if (!isRole(input.role)) {
      throw new UsageError(`--role must be one of ${roles.join(', ')}, got "${input.role}"`);
    }
    const config = loadConfig();
    const password = await readPassword();
    const user = await withServices(config, (s) => s.users.create({ ...input, password }));
    console.log(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id}).`);
    return 0;
  }
  if (sub === 'token create') {
    const values = parse(rest.slice(1), { email: { type: 'string' }, label: { type: 'string' } });
    if (values.help) return print(help['token create']);
    const email = required(values, 'email');
    const label = typeof values.label === 'string' ? values.label : 'cli';
    const { token } = await withServices(loadConfig(), (s) => s.tokens.create(email, label));
    console.log(token);
    return 0;
  }
  if (command === 'import') {
    const [format, ...args] = rest;
    const values = parse(args, {}, true);
    if (values.help || format === '--help' || format === '-h') return print(help.import);
    if (format !== 'wxr' && format !== 'disqus') {
      throw new UsageError(`"import" needs a format: wxr or disqus, got "${format ?? ''}"`);
    }
    const file = args.find((a) => !a.startsWith('-'));
    if (!file) throw new UsageError(`"import ${format}" needs the file to import`);
    const { reportLines } = await import('../services/imports/report.js');
    const { progressBar } = await import('./progress.js');
    const bar = progressBar(process.stderr);
    try {
      const report = await withServices(loadConfig(), (s) =>
        s.imports.importFile(format, file, { onProgress: bar.update }),
      );
      bar.done();
      console.log(reportLines(report).join('\n'));
    } finally {
      bar.done();
    }
    return 0;
  }
  if (command === 'section') {
    return sectionCommand(rest);
  }
  if (command === 'images') return imagesCommand(rest);
  if (command === 'demo') {
    const [action, ...args] = rest;
    if (action === '--help' || action === '-h') return print(help.demo);
    if (action === 'load') {
      if (parse(args, {}).help) return print(help.demo);
      await withServices(loadConfig(), (s) => s.demo.load());
      console.log('Loaded the demo content. Remove it with "broadsheet demo remove".');
      return 0;
    }
    if (action === 'remove') {
      const values = parse(args, { yes: { type: 'boolean' } });
      if (values.help) return print(help.demo);
      return removeDemo(loadConfig(), values.yes === true);
    }
    throw new UsageError(`"demo" needs an action: load or remove, got "${action ?? ''}"`);
  }
  if (command === 'user' || command === 'token') {
    // "broadsheet user --help" (or "user" alone): the help of its one command.
    const action = rest[0];
    if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
      return print(help[`${command} create`]);
    }
    throw new UsageError(
      `unknown "${command}" command "${rest[0] ?? ''}"; did you mean "${command} create"?`,
    );
  }
  throw new UsageError(`unknown command "${command}"`);
}

/** `broadsheet demo remove`: shows what goes, asks (unless --yes), removes, says what went. */
async function removeDemo(config: Config, yes: boolean): Promise<number> {
  const { openConfiguredStore, openChangeBus } = await import('../server.js');
  const { isNothing, removalLines } = await import('../domain/demo.js');
  const store = await openConfiguredStore(config);
  // On PostgreSQL the running servers hear the change and drop their cached pages.
  const bus = await openChangeBus(store, () => {});
  try {
    const services = createServices(store, {
      baseUrl: config.baseUrl,
      smtpUrl: null,
      log: { info: () => {}, warn: () => {} },
      changes: bus.changes,
    });
    const plan = await services.demo.plan();
    if (isNothing(plan)) {
      console.log('There is no demo content to remove.');
      return 0;
    }
    if (!yes) {
      process.stdout.write(
        `This removes the demo content:\n${removalLines(plan)
          .map((line) => `  ${line}`)
          .join('\n')}\n`,
      );
      if (!(await confirm('Remove it? Type "yes" to continue: '))) {
        console.error('broadsheet: nothing was removed');
        return 1;
      }
    }
    const removal = await services.demo.remove();
    console.log(
      `Removed the demo content:\n${removalLines(removal)
        .map((line) => `  ${line}`)
        .join('\n')}`,
    );
    return 0;
  } finally {
    await bus.close();
    await store.close();
  }
}

/** One answer from standard input; only "y" or "yes" agrees (no input at all does not). */
async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  try {
    process.stdout.write(question);
    const answer = await new Promise<string>((resolve) => {
      lines.once('line', resolve);
      lines.once('close', () => resolve(''));
    });
    process.stdout.write('\n');
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    lines.close();
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`broadsheet: ${error.message} (see "broadsheet --help")`);
      process.exitCode = 64;
    } else if (error instanceof ConfigError) {
      console.error(`broadsheet: bad configuration: ${error.message}`);
      process.exitCode = startupFailureExitCode;
    } else if (error instanceof StartupError || error instanceof AppError) {
      console.error(`broadsheet: ${error.message}`);
      process.exitCode = error instanceof StartupError ? startupFailureExitCode : 1;
    } else {
      console.error('broadsheet: unexpected error:', error);
      process.exitCode = 1;
    }
  },
);

async function sectionCommand(rest: string[]): Promise<number> {
  const [action, ...args] = rest;
  if (action === undefined || action === '--help' || action === '-h') return print(help.section);
  const options = {
    name: { type: 'string' },
    slug: { type: 'string' },
    description: { type: 'string' },
    hidden: { type: 'boolean' },
    'move-to': { type: 'string' },
  } as const;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return print(help.section);
  const one = () => {
    if (positionals.length !== 1) throw new UsageError(`"section ${action}" takes one SLUG`);
    return positionals[0]!;
  };
  if (action === 'list') {
    const sections = await withServices(loadConfig(), (s) => s.sections.list());
    for (const s of sections) {
      const flags = s.hidden ? ' (hidden)' : '';
      console.log(`${s.slug}\t${s.name}${flags}\t${s.articleCount} articles`);
    }
    if (sections.length === 0) console.log('No sections yet.');
    return 0;
  }
  if (action === 'create') {
    const name = required(values, 'name');
    const created = await withServices(loadConfig(), (s) =>
      s.sections.create({
        name,
        slug: values.slug,
        description: values.description,
        hidden: values.hidden === true,
      }),
    );
    console.log(`Created section ${created.name} at /${created.slug}.`);
    return 0;
  }
  if (action === 'rename') {
    const slug = one();
    if (values.name === undefined && values.slug === undefined) {
      throw new UsageError('"section rename" needs --name, --slug or both');
    }
    const renamed = await withServices(loadConfig(), (s) =>
      s.sections.update(slug, { name: values.name, slug: values.slug }),
    );
    console.log(
      renamed.slug === slug
        ? `Renamed section /${slug} to ${renamed.name}.`
        : `Renamed section /${slug} to ${renamed.name} at /${renamed.slug}; the old addresses redirect.`,
    );
    return 0;
  }
  if (action === 'remove') {
    const slug = one();
    const { moved, movedTo } = await withServices(loadConfig(), (s) =>
      s.sections.remove(slug, values['move-to']),
    );
    console.log(
      movedTo
        ? `Removed section /${slug}; ${moved} articles moved to /${movedTo}, where its addresses now lead.`
        : `Removed section /${slug}.`,
    );
    return 0;
  }
  throw new UsageError(`unknown "section" command "${action}"; use list, create, rename or remove`);
}

async function imagesCommand(rest: string[]): Promise<number> {
  const [action, ...args] = rest;
  if (action === undefined || action === '--help' || action === '-h') return print(help.images);
  if (action !== 'copy') {
    throw new UsageError(`"images" needs an action: copy, got "${action}"`);
  }
  const values = parse(args, { to: { type: 'string' }, from: { type: 'string' } });
  if (values.help) return print(help.images);
  const config = loadConfig();
  const { imageStorageFor } = await import('../compose.js');
  const { copyImages } = await import('../services/image-copy.js');
  const location = (name: 'to' | 'from') => {
    try {
      return parseImageStore(required(values, name), `--${name}`, process.cwd());
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
  };
  const target = location('to');
  const source = typeof values.from === 'string' ? location('from') : config.imageStore;
  if (JSON.stringify(target) === JSON.stringify(source)) {
    throw new UsageError('--to is the store the files are copied from');
  }
  const from = await imageStorageFor(source, config);
  const to = await imageStorageFor(target, config);
  const started = Date.now();
  let shown = started;
  console.log(`Copying image files from ${from.location} to ${to.location}…`);
  try {
    const report = await copyImages(from, to, {
      onProgress({ done, total }) {
        // A line every two seconds: readable on a terminal and in a log alike.
        if (Date.now() - shown < 2_000 || done === total) return;
        shown = Date.now();
        console.error(`  ${done} of ${total} files looked at`);
      },
    });
    for (const { name, reason } of report.failed) {
      console.error(`broadsheet: ${name} was not copied: ${reason}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const megabytes = (report.bytes / 1_000_000).toFixed(1);
    console.log(
      `${report.listed} files: ${report.copied} copied (${megabytes} MB), ${report.skipped} already there, ${report.failed.length} failed, in ${seconds} s.`,
    );
    return report.failed.length > 0 ? 1 : 0;
  } catch (error) {
    // The source could not be listed (a bucket that does not exist, a store that does not answer).
    const message = (error as Error).message.split('\n')[0];
    console.error(`broadsheet: images copy failed: ${message}`);
    return 1;
  } finally {
    from.close?.();
    to.close?.();
  }
}
