/**
 * The image store contract on every database: records with their variants, the text about an
 * image, an article's main image (on the article and on every summary that lists it), which
 * articles show an image, and the disk storage behind the files.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Image } from '../src/domain/image.js';
import { newId } from '../src/domain/ids.js';
import type { User } from '../src/domain/user.js';
import { DiskImageStorage } from '../src/store/image-files.js';
import type { Store } from '../src/store/types.js';
import { databases, tempDir, type OpenedStore } from './helpers/databases.js';
import { draftArticle, publishedArticle, storedPerson } from './helpers/fixtures.js';

let serial = 0;

function anImage(uploadedBy: string | null, overrides: Partial<Image> = {}): Image {
  const createdAt = new Date(Date.parse('2026-03-04T12:00:00Z') + ++serial * 1000).toISOString();
  return {
    id: newId(Date.parse(createdAt)),
    originalName: `photo-${serial}.jpg`,
    format: 'jpeg',
    width: 1200,
    height: 800,
    alt: '',
    decorative: false,
    caption: '',
    credit: '',
    variants: [
      {
        purpose: 'responsive',
        width: 320,
        height: 213,
        format: 'webp',
        file: `${'a'.repeat(31)}${serial % 10}.webp`,
        bytes: 1000,
      },
      {
        purpose: 'fallback',
        width: 1200,
        height: 800,
        format: 'jpeg',
        file: `${'b'.repeat(31)}${serial % 10}.jpg`,
        bytes: 9000,
      },
    ],
    uploadedBy,
    createdAt,
    ...overrides,
  };
}

for (const database of databases()) {
  describe(`image store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;

    const article = (body = 'A paragraph.', status: 'draft' | 'published' = 'draft') =>
      status === 'published'
        ? publishedArticle(store, { body, authorIds: [ann.id] })
        : draftArticle(store, { body, authorIds: [ann.id] });

    before(async () => {
      db = await database.open();
      store = db.store;
      ann = await storedPerson(store, { slug: 'ann', name: 'Ann', role: 'author' });
    });
    after(async () => {
      await db?.dispose();
    });

    test('an image is stored and read back whole, its variants in order', async () => {
      const image = anImage(ann.id, { caption: 'Nets on the wall', credit: 'Desk' });
      await store.images.create(image);
      assert.deepEqual(await store.images.byId(image.id), image);
      assert.equal(await store.images.byId('nothing'), null);
      const other = anImage(null);
      await store.images.create(other);
      const both = await store.images.byIds([image.id, other.id, 'missing']);
      assert.deepEqual(both.map((i) => i.id).sort(), [image.id, other.id].sort());
      const recent = await store.images.recent(2);
      assert.deepEqual(
        recent.map((i) => i.id),
        [other.id, image.id],
      );
    });

    test('the text about an image changes; a decorative image keeps no alt of its own', async () => {
      const image = anImage(ann.id);
      await store.images.create(image);
      const updated = await store.images.updateDetails(image.id, {
        alt: 'Gulls over the breakwater',
        decorative: false,
        caption: 'Winter',
        credit: 'A. Reader',
      });
      assert.equal(updated?.alt, 'Gulls over the breakwater');
      assert.equal(updated?.credit, 'A. Reader');
      const decorative = await store.images.updateDetails(image.id, {
        alt: '',
        decorative: true,
        caption: '',
        credit: '',
      });
      assert.equal(decorative?.decorative, true);
      assert.equal(await store.images.updateDetails('missing', decorative!), null);
    });

    test('an article’s main image is on the article and on every summary listing it', async () => {
      const image = anImage(ann.id, { alt: 'The quay' });
      await store.images.create(image);
      const a = await article('Text.', 'published');
      assert.equal(a.mainImage, null);
      assert.equal(await store.images.setMainImage(a.id, image.id), true);
      assert.equal(await store.images.setMainImage('missing', image.id), false);
      assert.equal((await store.reader.getById(a.id))?.mainImage?.alt, 'The quay');
      const listed = await store.reader.listPublished({ limit: 50 });
      assert.equal(listed.find((s) => s.id === a.id)?.mainImage?.id, image.id);
      assert.ok(listed.filter((s) => s.id !== a.id).every((s) => s.mainImage === null));
      const front = await store.reader.latestInSections(['news'], 50);
      assert.equal(front.find((s) => s.id === a.id)?.mainImage?.id, image.id);
      await store.images.setMainImage(a.id, null);
      assert.equal((await store.reader.getById(a.id))?.mainImage, null);
    });

    test('the articles showing an image: as main image or placed in the body', async () => {
      const image = anImage(ann.id);
      await store.images.create(image);
      const main = await article();
      await store.images.setMainImage(main.id, image.id);
      const inBody = await article(`Before.\n\n[[image:${image.id}]]\n\nAfter.`);
      await article('No pictures here.');
      // A LIKE wildcard in the id could match others; ids have none, and "_" is escaped anyway.
      await article(`[[image:${image.id.slice(0, -1)}_]]`);
      assert.deepEqual(
        (await store.images.articlesUsing(image.id)).sort(),
        [main.id, inBody.id].sort(),
      );
    });

    test('disk storage: files are written whole, read, streamed, and deleted', async () => {
      const dir = tempDir('broadsheet-images-');
      const storage = new DiskImageStorage(dir);
      const name = `${'c'.repeat(32)}.webp`;
      await storage.put(name, Buffer.from('first bytes'));
      await storage.put(name, Buffer.from('ignored: the name is the content'));
      assert.equal((await storage.get(name))?.toString(), 'first bytes');
      assert.ok(existsSync(path.join(dir, 'cc', name)));
      const streamed = await storage.stream(name);
      assert.equal(streamed?.size, 11);
      const chunks: Buffer[] = [];
      for await (const chunk of streamed!.stream) chunks.push(chunk as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), 'first bytes');
      await storage.delete(name);
      assert.equal(await storage.get(name), null);
      assert.equal(await storage.stream(name), null);
      await assert.rejects(storage.put('../escape.webp', Buffer.from('x')));
    });
  });
}
