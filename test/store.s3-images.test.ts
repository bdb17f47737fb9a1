/**
 * One contract for every image store, run on a folder and on a bucket of a real S3-compatible
 * server (test/helpers/s3.ts): what is put comes back byte for byte, as a stream with its length;
 * putting a name twice keeps the first; a missing name is null, never an error; list gives every
 * complete file and nothing else; names that could escape are refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DiskImageStorage, type ImageStorage } from '../src/store/image-files.js';
import { S3ImageStorage } from '../src/store/s3-image-files.js';
import { tempDir } from './helpers/databases.js';
import { startS3, type TestS3 } from './helpers/s3.js';

/** Bytes and their stored name, as the image service names them. */
function file(size: number, extension = 'webp'): { name: string; bytes: Buffer } {
  const bytes = randomBytes(size);
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${extension}`;
  return { name, bytes };
}

async function all(storage: ImageStorage): Promise<string[]> {
  const names: string[] = [];
  for await (const name of storage.list()) names.push(name);
  return names.sort();
}

const backends: {
  name: string;
  open(): Promise<{ storage: ImageStorage; close(): Promise<void> }>;
}[] = [
  {
    name: 'a folder',
    async open() {
      const dir = tempDir('broadsheet-images-contract-');
      return {
        storage: new DiskImageStorage(dir),
        close: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'an S3 bucket',
    async open() {
      const s3 = await startS3();
      const storage = new S3ImageStorage({
        bucket: s3.bucket,
        prefix: 'site/images',
        endpoint: s3.endpoint,
        region: 'us-east-1',
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        forcePathStyle: true,
      });
      return {
        storage,
        close: async () => {
          storage.close();
          await s3.stop();
        },
      };
    },
  },
];

for (const backend of backends) {
  describe(`image storage in ${backend.name}`, () => {
    let storage: ImageStorage;
    let close: () => Promise<void>;
    before(async () => {
      ({ storage, close } = await backend.open());
    });
    after(async () => close?.());

    test('what is put comes back byte for byte, whole and as a stream with its length', async () => {
      const { name, bytes } = file(300_000);
      assert.equal(await storage.has(name), false);
      await storage.put(name, bytes);
      assert.equal(await storage.has(name), true);
      assert.ok((await storage.get(name))?.equals(bytes));
      const streamed = await storage.stream(name);
      assert.ok(streamed);
      assert.equal(streamed.size, bytes.length);
      const chunks: Buffer[] = [];
      for await (const chunk of streamed.stream) chunks.push(chunk as Buffer);
      assert.ok(Buffer.concat(chunks).equals(bytes));
    });

    test('putting a stored name again keeps the first bytes', async () => {
      const { name, bytes } = file(1000, 'png');
      await storage.put(name, bytes);
      await storage.put(name, Buffer.from('ignored: the name is the content'));
      assert.ok((await storage.get(name))?.equals(bytes));
    });

    test('a missing name is null from get and stream, false from has; delete removes', async () => {
      const { name, bytes } = file(10, 'jpg');
      assert.equal(await storage.get(name), null);
      assert.equal(await storage.stream(name), null);
      await storage.put(name, bytes);
      await storage.delete(name);
      assert.equal(await storage.get(name), null);
      assert.equal(await storage.has(name), false);
      await storage.delete(name); // deleting nothing is not an error
    });

    test('list gives every stored file once, and nothing else', async () => {
      const before = await all(storage);
      const added = [file(20), file(30, 'png'), file(40, 'ico')];
      for (const f of added) await storage.put(f.name, f.bytes);
      assert.deepEqual(await all(storage), [...before, ...added.map((f) => f.name)].sort());
    });

    test('names with separators or dots are refused before anything is stored', async () => {
      for (const bad of ['../escape.webp', 'a/b.webp', 'x.tar.gz', '.hidden', 'UPPER.webp']) {
        await assert.rejects(storage.put(bad, Buffer.from('x')), /not a stored file name/, bad);
        await assert.rejects(storage.get(bad), /not a stored file name/, bad);
      }
    });
  });
}

describe('image storage specifics', () => {
  let s3: TestS3;
  before(async () => {
    s3 = await startS3();
  });
  after(async () => s3?.stop());

  const bucket = (prefix: string, over: Partial<{ endpoint: string; bucket: string }> = {}) =>
    new S3ImageStorage({
      bucket: over.bucket ?? s3.bucket,
      prefix,
      endpoint: over.endpoint ?? s3.endpoint,
      region: 'us-east-1',
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      forcePathStyle: true,
    });

  test('two prefixes in one bucket are two stores', async () => {
    const a = bucket('site-a');
    const b = bucket('site-b/images');
    const f = file(50);
    await a.put(f.name, f.bytes);
    assert.equal(await b.has(f.name), false);
    assert.deepEqual(await all(b), []);
    assert.deepEqual(await all(a), [f.name]);
    assert.equal(a.location, `s3://${s3.bucket}/site-a`);
  });

  test('objects carry their type and immutable caching, for browsers sent straight to them', async () => {
    const store = bucket('signed');
    const f = file(2000, 'png');
    await store.put(f.name, f.bytes);
    const url = await store.signedUrl(f.name, new Date('2026-12-04T15:00:00Z'));
    assert.ok(url);
    assert.match(url, /X-Amz-Signature=/);
    assert.match(url, /X-Amz-Date=20261204T000000Z/, 'signed for the start of the day');
    assert.equal(
      await store.signedUrl(f.name, new Date('2026-12-04T23:59:00Z')),
      url,
      'the same address all day long, on every server',
    );
    const res = await fetch(await store.signedUrl(f.name).then((u) => u!));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(f.bytes));
    assert.equal(await store.signedUrl(file(5).name), null, 'no address for a missing file');
  });

  test('a store that does not answer, or a missing bucket, is an error, never "not found"', async () => {
    const nowhere = bucket('x', { endpoint: 'http://127.0.0.1:9' });
    await assert.rejects(nowhere.get(file(5).name));
    await assert.rejects(nowhere.has(file(5).name));
    const missing = bucket('x', { bucket: 'no-such-bucket-here' });
    await assert.rejects(missing.put(file(5).name, Buffer.from('x')));
    await assert.rejects(missing.list()[Symbol.asyncIterator]().next());
  });

  test('a store that accepts but never answers is given up on, not waited for', async () => {
    const silent = createServer(() => {}); // holds every connection open, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const store = new S3ImageStorage({
        bucket: s3.bucket,
        prefix: 'x',
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        forcePathStyle: true,
        answerTimeoutMs: 300,
      });
      const started = Date.now();
      await assert.rejects(store.get(file(5).name), /requestTimeout/);
      assert.ok(Date.now() - started < 10_000, `gave up after ${Date.now() - started} ms`);
      store.close();
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  test('a folder lists only complete files, not ones still being written', async () => {
    const dir = tempDir('broadsheet-images-list-');
    try {
      const disk = new DiskImageStorage(dir);
      const f = file(10);
      await disk.put(f.name, f.bytes);
      const sub = path.join(dir, f.name.slice(0, 2));
      writeFileSync(path.join(sub, `${f.name}.a1b2c3.tmp`), 'half');
      mkdirSync(path.join(dir, 'lost+found'));
      assert.deepEqual(await all(disk), [f.name]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
