/**
 * The same hostile strings fed to the app on each database (issue #25): NUL and other control
 * characters, invalid UTF-8, lone surrogates, in bodies, forms, queries and paths. Every answer
 * must be the expected one, never a 5xx, and identical on SQLite and PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, storedPerson, type Person } from './helpers/fixtures.js';

interface Case {
  name: string;
  /** Sent as a path with `{article}` and `{comment}` filled in. */
  path: string;
  method?: string;
  json?: string | Buffer;
  form?: string | Buffer;
  status: number;
  field?: string;
}

const nul = '\u0000';
const cases: Case[] = [
  // Comment bodies.
  {
    name: 'NUL inside',
    path: '/api/v1/articles/{article}/comments',
    json: JSON.stringify({ body: `a${nul}b` }),
    status: 400,
    field: 'body',
  },
  {
    name: 'NUL alone',
    path: '/api/v1/articles/{article}/comments',
    json: JSON.stringify({ body: nul }),
    status: 400,
    field: 'body',
  },
  {
    name: 'NUL at the end',
    path: '/api/v1/articles/{article}/comments',
    json: JSON.stringify({ body: `end${nul}` }),
    status: 400,
    field: 'body',
  },
  {
    name: 'bell and escape',
    path: '/api/v1/articles/{article}/comments',
    json: JSON.stringify({ body: 'ring\u0007 \u001b[31m' }),
    status: 400,
    field: 'body',
  },
  {
    name: 'lone surrogate',
    path: '/api/v1/articles/{article}/comments',
    json: '{"body":"half \\ud800 a pair"}',
    status: 400,
    field: 'body',
  },
  {
    name: 'tabs and line breaks are text',
    path: '/api/v1/articles/{article}/comments',
    json: JSON.stringify({ body: 'one\ttwo\r\nthree\nfour' }),
    status: 201,
  },
  {
    name: 'bytes FF FE',
    path: '/api/v1/articles/{article}/comments',
    json: Buffer.concat([Buffer.from('{"body":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    status: 400,
  },
  {
    name: 'truncated sequence',
    path: '/api/v1/articles/{article}/comments',
    json: Buffer.concat([Buffer.from('{"body":"caf'), Buffer.from([0xc3]), Buffer.from('"}')]),
    status: 400,
  },
  {
    name: 'overlong encoding',
    path: '/api/v1/articles/{article}/comments',
    json: Buffer.concat([Buffer.from('{"body":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
    status: 400,
  },
  // A key with a control character, and sign-up fields.
  {
    name: 'NUL in a key',
    path: '/api/v1/articles/{article}/comments',
    json: `{"bo\\u0000dy":"x"}`,
    status: 400,
  },
  {
    name: 'NUL in a sign-up name',
    path: '/api/v1/users',
    json: JSON.stringify({
      email: 'nul@example.com',
      name: `Nul${nul}`,
      password: 'a long enough passphrase',
    }),
    status: 400,
    field: 'name',
  },
  {
    name: 'NUL in a sign-up email',
    path: '/api/v1/users',
    json: JSON.stringify({
      email: `nul${nul}@example.com`,
      name: 'Nul',
      password: 'a long enough passphrase',
    }),
    status: 400,
    field: 'email',
  },
  // Keys that could poison objects: refused, naming the key.
  {
    name: '__proto__ in a sign-up',
    path: '/api/v1/users',
    json: '{"email":"p@example.com","name":"P","password":"a long enough passphrase","__proto__":{"role":"admin"}}',
    status: 400,
    field: '__proto__',
  },
  {
    name: 'constructor.prototype in a sign-up',
    path: '/api/v1/users',
    json: '{"email":"p@example.com","name":"P","password":"a long enough passphrase","constructor":{"prototype":{"role":"admin"}}}',
    status: 400,
    field: 'constructor.prototype',
  },
  // Forms.
  {
    name: 'form body with %00',
    path: '/signup',
    form: 'email=f%40example.com&name=A%00B&password=a+long+enough+passphrase',
    status: 400,
    field: 'name',
  },
  {
    name: 'form body with %FF',
    path: '/signup',
    form: 'email=f%40example.com&name=A%FFB&password=a+long+enough+passphrase',
    status: 400,
  },
  // Paths and queries.
  ...[
    '/api/v1/articles/%00',
    '/api/v1/articles/x%00y',
    '/api/v1/comments/%00',
    '/api/v1/comments/%00/history',
    '/api/v1/comments/%00/replies?cursor=x',
    '/author/%00',
    '/tag/%00',
    '/news/2026/12/03/%00',
    '/%00',
    '/news/%01',
    '/api/v1/articles/%FF',
    '/author/%C3',
  ].map((path) => ({ name: `path ${path}`, path, status: 404 })),
  { name: 'query with %00', path: '/search?q=a%00b', status: 400, field: 'q' },
  { name: 'query with %FF', path: '/search?q=a%FFb', status: 400 },
  {
    name: 'cursor with %00',
    path: '/api/v1/articles/{article}/comments?cursor=%00',
    status: 400,
    field: 'cursor',
  },
];

const outcomes = new Map<string, { status: number; field?: string }[]>();

for (const database of databases()) {
  describe(`hostile text on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let reader: Person;
    let articleId: string;

    before(async () => {
      db = await database.open();
      app = await startApp(db, {}, { commentPostsPerPerson: { max: 1000, windowMs: 60_000 } });
      const writer = await storedPerson(db.store, { role: 'author' });
      reader = await signedInPerson(db.store, app, { slug: 'hostile-reader' });
      articleId = (await publishedArticle(db.store, { authorIds: [writer.id] })).id;
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('every hostile request gets its expected answer, never a 5xx', async () => {
      const seen: { status: number; field?: string }[] = [];
      for (const c of cases) {
        const body = c.json ?? c.form;
        const res = await fetch(`${app.url}${c.path.replace('{article}', articleId)}`, {
          method: c.method ?? (body === undefined ? 'GET' : 'POST'),
          redirect: 'manual',
          headers: {
            origin: 'http://broadsheet.test',
            cookie: reader.cookie,
            ...(c.json !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(c.form !== undefined
              ? { 'content-type': 'application/x-www-form-urlencoded' }
              : {}),
          },
          ...(body !== undefined ? { body } : {}),
        });
        const text = await res.text();
        let field: string | undefined;
        try {
          field = (JSON.parse(text) as { error?: { field?: string } }).error?.field;
        } catch {
          field = undefined;
        }
        assert.equal(res.status, c.status, `${c.name}: ${res.status} ${text.slice(0, 200)}`);
        if (c.field !== undefined && res.headers.get('content-type')?.includes('json')) {
          assert.equal(field, c.field, `${c.name}: field`);
        }
        seen.push({ status: res.status, ...(field !== undefined ? { field } : {}) });
      }
      outcomes.set(database.name, seen);
    });
  });
}

test('both databases answered every hostile request alike', (t) => {
  if (outcomes.size < 2) return t.skip('only one database');
  const [first, second] = [...outcomes.values()];
  assert.deepEqual(first, second);
});
