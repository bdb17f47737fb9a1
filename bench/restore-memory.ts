/**
 * Restores a large export and reports the restoring process's peak memory and time: restore
 * streams, so memory must not grow with the file (issue 10: "a 200 MB export imports in
 * bounded memory").
 *
 *   npx tsx bench/restore-memory.ts                 (about 200 MB, into SQLite)
 *   RESTORE_MB=50 npx tsx bench/restore-memory.ts   (a smaller file)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/restore-memory.ts   (into that empty database)
 *
 * It writes a synthetic export (users, articles, and comments with replies, about 1.3 KB a
 * line), then runs the restore in a fresh process that prints its peak resident set size, then
 * exports the restored database in another and checks the two files are the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  exportFormat,
  exportVersion,
  exportWarning,
  rowLine,
  type ColumnSpec,
} from '../src/domain/export-format.js';
import { newId } from '../src/domain/ids.js';
import { BackupService } from '../src/services/backup.js';
import { exportedTables } from '../src/store/backup.js';
import { openStore } from '../src/store/index.js';
import { renderCommentMarkdown } from '../src/domain/comment-markdown.js';
import { printResult, root } from './lib/load.js';

const role = process.argv[2];

if (role === 'restore' || role === 'export') {
  // A child: restore the file (or export the restored database to it), report memory and time.
  const [, , , file, dataDir] = process.argv;
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? null;
  const store = await openStore({ databaseUrl, dataDir: dataDir ?? '' });
  const baselineMb = process.resourceUsage().maxRSS / 1024;
  const started = process.hrtime.bigint();
  const backup = new BackupService({ store });
  const counts = await (role === 'restore'
    ? backup.restoreFrom(file ?? '')
    : backup.exportTo(file ?? ''));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      seconds,
      baselineMb,
      maxRssMb,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
    }),
  );
  process.exit(0);
}

const targetMb = Number(process.env.RESTORE_MB ?? 200);
const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-restore-bench-'));
const file = path.join(dir, 'large.jsonl');

const spec = (name: string) => {
  const table = exportedTables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
};

async function generate(): Promise<{ bytes: number; comments: number }> {
  const out = createWriteStream(file, { mode: 0o600 });
  let bytes = 0;
  const t0 = Date.parse('2024-01-01T00:00:00.000Z');
  const time = (ms: number) => new Date(t0 + ms).toISOString();
  const write = async (line: string) => {
    bytes += Buffer.byteLength(line) + 1;
    if (!out.write(`${line}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  // Columns the generator does not name get an empty value of their type (new columns too).
  const empty = (c: ColumnSpec) =>
    c.nullable ? null : { text: '', integer: 0, time: time(0), json: [], boolean: false }[c.type];
  const row = (name: string, values: Record<string, unknown>) =>
    write(
      rowLine(
        name,
        spec(name).columns,
        spec(name).columns.map((c) => (c.name in values ? values[c.name] : empty(c))),
      ),
    );
  const counts: Record<string, number> = Object.fromEntries(exportedTables.map((t) => [t.name, 0]));
  const store = await openStore({ databaseUrl: null, dataDir: path.join(dir, 'schema') });
  const schemaVersion = await store.backup.schemaVersion();
  await store.close();
  await write(
    JSON.stringify({
      format: exportFormat,
      version: exportVersion,
      warning: exportWarning,
      schema: schemaVersion,
      tables: exportedTables.map((t) => t.name),
    }),
  );
  const users: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const id = newId(t0 + i);
    users.push(id);
    await row('users', {
      id,
      email: `reader${i}@example.com`,
      name: `Reader ${i}`,
      slug: `reader-${i}`,
      role: 'commenter',
      bio: '',
      created_at: time(i),
      sanction_reason: '',
      notify_replies: 1,
    });
  }
  counts.users = users.length;
  await row('sections', { slug: 'news', name: 'News', description: '', position: 0 });
  counts.sections = 1;
  // Comments per article and their body size set the file size (~1.3 KB per comment line).
  const articles = 500;
  const perArticle = Math.max(1, Math.round((targetMb * 1e6) / 1300 / articles));
  const articleIds: string[] = [];
  for (let a = 0; a < articles; a++) {
    const id = newId(t0 + a * 1000);
    articleIds.push(id);
    await row('articles', {
      id,
      slug: `story-${a}`,
      section_slug: 'news',
      headline: `Story number ${a}`,
      standfirst: 'A standfirst.',
      body: 'The body of the story.\n\nIt has two paragraphs.',
      dateline: 'Harbourtown',
      status: 'published',
      published_at: time(a * 1000),
      version: 1,
      comment_count: perArticle,
      comment_seq: perArticle,
      created_at: time(a * 1000),
      modified_at: time(a * 1000),
    });
  }
  counts.articles = articles;
  const sentence =
    'The council met again on Tuesday and the harbour plan was argued over at length. ';
  const body = sentence.repeat(6);
  // As Broadsheet renders it: a restore renders every comment's HTML from its Markdown again, so
  // anything else would come back different (and the export below would not be the same bytes).
  const html = renderCommentMarkdown(body);
  // Every fifth comment replies to the comment before it: parents first (depth 0, then depth 1).
  let comments = 0;
  for (const depth of [0, 1]) {
    for (const [a, articleId] of articleIds.entries()) {
      let parent = '';
      for (let n = 0; n < perArticle; n++) {
        const reply = n % 5 === 4;
        const id = `${articleId.slice(0, 10)}${String(n).padStart(16, '0')}`;
        if (!reply) parent = id;
        if ((reply ? 1 : 0) !== depth) continue;
        await row('comments', {
          id,
          article_id: articleId,
          parent_id: reply ? parent : null,
          root_id: parent,
          author_id: users[(a + n) % users.length],
          body,
          html,
          status: 'published',
          depth,
          reaction_count: 0,
          created_at: time(a * 1000 + n),
          live_seq: n + 1,
          first_public_seq: n + 1,
          rejection_reason: '',
          placeholder: 0,
        });
        comments++;
      }
    }
  }
  counts.comments = comments;
  await write(JSON.stringify({ end: exportFormat, counts }));
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return { bytes, comments };
}

async function digest(name: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(name)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

try {
  const started = Date.now();
  const { comments } = await generate();
  const size = statSync(file).size;
  console.log(
    `wrote ${(size / 1e6).toFixed(0)} MB (${comments} comments) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const child = (what: 'restore' | 'export', target: string) => {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'bench/restore-memory.ts', what, target, path.join(dir, 'target')],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      seconds: number;
      baselineMb: number;
      maxRssMb: number;
      rows: number;
    };
  };
  const result = child('restore', file);
  const database = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  console.log(
    `restored ${result.rows} rows into ${database} in ${result.seconds.toFixed(1)} s; peak RSS of the restoring process ${result.maxRssMb.toFixed(0)} MB (${result.baselineMb.toFixed(0)} MB before it started)`,
  );
  // The same data exported again must be the same bytes, at this size too.
  const again = path.join(dir, 'again.jsonl');
  const exported = child('export', again);
  const same = (await digest(file)) === (await digest(again));
  console.log(
    `exported it again in ${exported.seconds.toFixed(1)} s, peak RSS ${exported.maxRssMb.toFixed(0)} MB (${exported.baselineMb.toFixed(0)} MB before); ${same ? 'the same bytes' : 'DIFFERENT bytes'}`,
  );
  printResult('restore-memory', 'npx tsx bench/restore-memory.ts', [
    {
      figure: `restore of a ${(size / 1e6).toFixed(0)} MB export into ${database}: time`,
      value: `${result.seconds.toFixed(1)} s`,
    },
    {
      figure: `restore of a ${(size / 1e6).toFixed(0)} MB export: peak RSS`,
      value: `${result.maxRssMb.toFixed(0)} MB (${result.baselineMb.toFixed(0)} MB before)`,
      target: 'grows by under 100 MB, whatever the file size',
      met: result.maxRssMb - result.baselineMb < 100,
    },
    {
      figure: `export of the same data: time, peak RSS`,
      value: `${exported.seconds.toFixed(1)} s, ${exported.maxRssMb.toFixed(0)} MB (${exported.baselineMb.toFixed(0)} MB before)`,
      target: 'the same bytes as the file restored',
      met: same,
    },
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
