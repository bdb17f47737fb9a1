/**
 * Images kept in a real S3-compatible server (test/helpers/s3.ts), through the whole app, on every
 * database: an upload through one server is served by another with the same immutable, hashed
 * address; IMAGE_DELIVERY=redirect sends browsers to a signed address of the object; a store that
 * stops answering fails the request and not the server; bad settings stop the start in one line.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json, type Json } from './helpers/http.js';
import { jpeg, png } from './helpers/images.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';
import { startS3, type TestS3 } from './helpers/s3.js';

const base = 'http://broadsheet.test';

function upload(app: RunningApp, who: Person, data: Buffer, name: string) {
  return fetch(`${app.url}/api/v1/images`, {
    method: 'POST',
    headers: {
      origin: base,
      cookie: who.cookie,
      'content-type': 'application/octet-stream',
      'x-filename': name,
    },
    body: new Uint8Array(data),
  });
}

async function uploaded(app: RunningApp, who: Person, data: Buffer, name: string): Promise<Json> {
  const res = await upload(app, who, data, name);
  const body = await json(res);
  assert.equal(res.status, 201, JSON.stringify(body));
  return body;
}

const pathOf = (variant: Json) => new URL(variant.url as string).pathname;

for (const database of databases()) {
  describe(`images in S3 on ${database.name}`, () => {
    let db: OpenedStore;
    let s3: TestS3;
    let a: RunningApp;
    let b: RunningApp;
    let redirecting: RunningApp;
    let author: Person;

    before(async () => {
      db = await database.open();
      s3 = await startS3();
      a = await startApp(db, s3.env);
      b = await startApp(db, s3.env);
      redirecting = await startApp(db, { ...s3.env, IMAGE_DELIVERY: 'redirect' });
      author = await signedInPerson(db.store, a, {
        slug: `s3-author-${database.name}`,
        role: 'author',
      });
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await redirecting?.close();
      await db?.dispose();
      await s3?.stop();
    });

    test('an upload through one server is served by another, immutable, with ETag and 304', async () => {
      const image = await uploaded(a, author, await jpeg(900, 600), 'harbour.jpg');
      assert.ok(image.variants.length > 3);
      for (const variant of image.variants) {
        const fromA = await fetch(a.url + pathOf(variant));
        const fromB = await fetch(b.url + pathOf(variant));
        assert.equal(fromB.status, 200, pathOf(variant));
        assert.equal(fromB.headers.get('content-type'), `image/${variant.format}`);
        assert.equal(fromB.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.equal(fromB.headers.get('content-length'), String(variant.bytes));
        const etag = fromB.headers.get('etag');
        assert.equal(etag, fromA.headers.get('etag'));
        const bytes = Buffer.from(await fromB.arrayBuffer());
        assert.equal(bytes.length, variant.bytes);
        assert.ok(bytes.equals(Buffer.from(await fromA.arrayBuffer())));
        const again = await fetch(b.url + pathOf(variant), { headers: { 'if-none-match': etag! } });
        assert.equal(again.status, 304);
        assert.equal(again.headers.get('etag'), etag);
      }
      assert.equal(existsSync(path.join(db.dataDir, 'images')), false, 'nothing on local disk');
      const missing = '/images/00000000000000000000000000000000.webp';
      assert.equal((await fetch(b.url + missing)).status, 404);
      const stale = await fetch(b.url + missing, { headers: { 'if-none-match': '"0"' } });
      assert.equal(stale.status, 404);
    });

    test('the icons an admin makes on one server are the favicon of another', async () => {
      const admin = await signedInPerson(db.store, a, {
        slug: `s3-admin-${database.name}`,
        role: 'admin',
      });
      await a.services.site.setIcons(admin.user, { bytes: await png(600, 600), name: 'icon.png' });
      // On PostgreSQL the change reaches B through the database; on SQLite the test tells B, as
      // the relay between one machine's processes would.
      b.services.changes.publish({ kind: 'site' });
      redirecting.services.changes.publish({ kind: 'site' });
      const ico = await fetch(`${b.url}/favicon.ico`);
      assert.equal(ico.status, 200);
      assert.equal(ico.headers.get('content-type'), 'image/x-icon');
      const bytes = Buffer.from(await ico.arrayBuffer());
      assert.equal(bytes.readUInt16LE(2), 1, 'an icon file');
      const touch = await fetch(`${redirecting.url}/apple-touch-icon.png`, { redirect: 'manual' });
      assert.equal(touch.status, 200, 'icons are sent through the server even when redirecting');
    });

    test('IMAGE_DELIVERY=redirect answers 302 to a signed address of the object', async () => {
      const image = await uploaded(a, author, await png(300, 200), 'map.png');
      const variant = image.variants.find((v: Json) => v.format === 'png');
      assert.ok(variant);
      const res = await fetch(redirecting.url + pathOf(variant), { redirect: 'manual' });
      assert.equal(res.status, 302);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=3600');
      const location = new URL(res.headers.get('location')!);
      assert.equal(location.origin, s3.endpoint);
      assert.equal(location.pathname, `/${s3.bucket}${pathOf(variant)}`);
      assert.ok(location.searchParams.get('X-Amz-Signature'));
      assert.equal(location.searchParams.get('X-Amz-Expires'), String(7 * 24 * 3600));
      const object = await fetch(location);
      assert.equal(object.status, 200);
      assert.equal(object.headers.get('content-type'), 'image/png');
      assert.equal(object.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      const direct = Buffer.from(await object.arrayBuffer());
      const proxied = Buffer.from(await (await fetch(a.url + pathOf(variant))).arrayBuffer());
      assert.ok(direct.equals(proxied));
      // Every server hands out the same address, so a browser's cache of the object holds.
      const twice = await fetch(redirecting.url + pathOf(variant), { redirect: 'manual' });
      assert.equal(twice.headers.get('location'), res.headers.get('location'));
      for (const name of ['00000000000000000000000000000000.webp', 'abc.svg']) {
        assert.equal((await fetch(`${redirecting.url}/images/${name}`)).status, 404, name);
      }
    });
  });
}

describe('an S3 store that stops answering', () => {
  const database = databases()[0]!;
  let db: OpenedStore;
  let s3: TestS3;
  let app: RunningApp;
  let author: Person;
  before(async () => {
    db = await database.open();
    s3 = await startS3();
    app = await startApp(db, s3.env);
    author = await signedInPerson(db.store, app, { slug: 's3-down-author', role: 'author' });
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
    await s3?.stop();
  });

  test('fails the request with 503 and Retry-After, not the server, and records no image without its files', async () => {
    const image = await uploaded(app, author, await jpeg(400, 300), 'before.jpg');
    const countBefore = (await db.store.images.recent(100)).length;
    await s3.stop();
    const served = await fetch(app.url + pathOf(image.variants[0]));
    assert.equal(served.status, 503);
    assert.equal(served.headers.get('retry-after'), '30');
    const refused = await upload(app, author, await jpeg(410, 300), 'during.jpg');
    assert.equal(refused.status, 503);
    const body = await json(refused);
    assert.equal(body.error.condition, 'image_store_unavailable');
    assert.match(body.error.message, /Images cannot be reached just now/);
    assert.equal((await db.store.images.recent(100)).length, countBefore, 'no record');
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200, 'the server still answers');
  });
});

describe('image store settings', () => {
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env, '/srv/broadsheet');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.doesNotMatch(error.message, /\n/);
      return error.message;
    }
    assert.fail(`accepted ${JSON.stringify(env)}`);
  };

  test('IMAGE_STORE is a folder or s3://bucket/prefix', () => {
    assert.deepEqual(loadConfig({ IMAGE_STORE: 's3://news-images/site/one/' }).imageStore, {
      kind: 's3',
      bucket: 'news-images',
      prefix: 'site/one',
    });
    assert.deepEqual(loadConfig({ IMAGE_STORE: 's3://news-images' }).imageStore, {
      kind: 's3',
      bucket: 'news-images',
      prefix: '',
    });
    assert.deepEqual(loadConfig({ IMAGE_STORE: 'shared/images' }, '/srv/b').imageStore, {
      kind: 'folder',
      dir: path.resolve('/srv/b/shared/images'),
    });
    assert.match(refusal({ IMAGE_STORE: 's3://Bad_Bucket/x' }), /^IMAGE_STORE: names no valid/);
    assert.match(refusal({ IMAGE_STORE: 's3://ok-bucket/../x' }), /^IMAGE_STORE: has a prefix/);
    assert.match(refusal({ IMAGE_STORE: 'gs://bucket' }), /^IMAGE_STORE: must be s3:\/\//);
  });

  test('each S3 setting is checked and named; the secret is never repeated', () => {
    assert.match(refusal({ S3_ENDPOINT: 'minio:9000' }), /^S3_ENDPOINT: /);
    assert.match(refusal({ S3_REGION: 'Europe West' }), /^S3_REGION: /);
    assert.match(refusal({ S3_FORCE_PATH_STYLE: 'maybe' }), /^S3_FORCE_PATH_STYLE: /);
    const lone = refusal({ S3_SECRET_ACCESS_KEY: 'very-secret-value' });
    assert.match(lone, /^S3_SECRET_ACCESS_KEY: is set but S3_ACCESS_KEY_ID is not/);
    assert.doesNotMatch(lone, /very-secret-value/);
    assert.match(
      refusal({ S3_ACCESS_KEY_ID: 'AKIA1' }),
      /^S3_SECRET_ACCESS_KEY: must be set when S3_ACCESS_KEY_ID is/,
    );
    assert.match(refusal({ IMAGE_DELIVERY: 'cdn' }), /^IMAGE_DELIVERY: must be one of proxy/);
    assert.match(
      refusal({ IMAGE_DELIVERY: 'redirect' }),
      /^IMAGE_DELIVERY: redirect needs IMAGE_STORE=s3/,
    );
    const ok = loadConfig({
      IMAGE_STORE: 's3://b-1/p',
      IMAGE_DELIVERY: 'redirect',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: '1',
    });
    assert.equal(ok.imageDelivery, 'redirect');
    assert.equal(ok.s3Endpoint, 'http://127.0.0.1:9000');
    assert.equal(ok.s3ForcePathStyle, true);
  });
});
