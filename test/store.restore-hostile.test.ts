/**
 * Issue #25: SQLite data with control characters (NUL in a comment, a name, an email), accepted
 * before text was checked at the edge, restores into PostgreSQL cleaned, and the report counts
 * the values changed; a comment's HTML in the file is never stored as it is, but rendered
 * again from its Markdown.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BackupService, type RestoreReport } from '../src/services/backup.js';
import { databases, tempDir, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedComment, storedPerson } from './helpers/fixtures.js';

const dir = tempDir('broadsheet-restore-hostile-');
const opened: OpenedStore[] = [];
after(async () => {
  for (const db of opened) await db.dispose();
});

const all = databases();
const target = all.at(-1)!;

test(`SQLite data with NUL restores into ${target.name}, cleaned and counted`, async () => {
  const source = await all[0]!.open();
  opened.push(source);
  const person = await storedPerson(source.store, {
    name: 'Nul\u0000Name',
    email: 'nul\u0000@example.com',
  });
  const article = await publishedArticle(source.store);
  const comment = await storedComment(source.store, {
    articleId: article.id,
    authorId: person.id,
    body: 'a\u0000b *c*',
  });
  const file = path.join(dir, 'hostile.jsonl');
  await new BackupService({ store: source.store }).exportTo(file);
  // A crafted file: a comment's stored HTML carries a script.
  const crafted = path.join(dir, 'crafted.jsonl');
  writeFileSync(
    crafted,
    readFileSync(file, 'utf8').replace('<em>c</em>', '<em>c</em><script>alert(1)</script>'),
  );

  const destination = await target.open();
  opened.push(destination);
  const report: RestoreReport = { cleanedValues: 0, rerenderedComments: 0 };
  await new BackupService({ store: destination.store }).restoreFrom(crafted, report);
  assert.equal(report.cleanedValues, 3);
  // The body changed (so its HTML did) and the script was in the file: one comment either way.
  assert.equal(report.rerenderedComments, 1);
  const restored = await destination.store.comments.byId(comment.id);
  assert.equal(restored?.body, 'ab *c*');
  assert.equal(restored?.html.includes('script'), false);
  assert.match(restored?.html ?? '', /<em>c<\/em>/);
  const user = await destination.store.users.byId(person.id);
  assert.equal(user?.name, 'NulName');
  assert.equal(user?.email, 'nul@example.com');
});
