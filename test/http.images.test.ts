/**
 * Images through the whole app on every database, with files in DATA_DIR/images, and once more
 * (on the last database: PostgreSQL when it is there, as several servers would use it) with files
 * in a real S3-compatible server (test/helpers/s3.ts): uploads (raw and multipart; type from the
 * bytes; size limit; damaged files), the files served (immutable, ETag, no metadata), alt text
 * before publishing, the article page, cards, structured data, feeds and the page cache.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { parseFeed } from '@rowanmanning/feed-parser';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json, type Json } from './helpers/http.js';
import { jpeg, multipart, png, webp } from './helpers/images.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';
import { startS3, type TestS3 } from './helpers/s3.js';

const base = 'http://broadsheet.test';

function jsonLdOf(page: string): Json[] {
  return [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? '') as Json,
  );
}

function metaOf(page: string, key: string): string[] {
  return [...page.matchAll(/<meta (property|name)="([^"]+)" content="([^"]*)" \/>/g)]
    .filter((m) => m[2] === key)
    .map((m) => (m[3] ?? '').replace(/&amp;/g, '&').replace(/&#39;/g, "'"));
}

/** Every file in the app's image store (DATA_DIR/images or the bucket). */
async function storedFiles(app: RunningApp): Promise<string[]> {
  const names: string[] = [];
  for await (const name of app.services.images.settings.storage.list()) names.push(name);
  return names;
}

let serial = 0;

const all = databases();
const runs = [
  ...all.map((database) => ({ database, store: 'disk' as const })),
  { database: all[all.length - 1]!, store: 's3' as const },
];

for (const { database, store } of runs) {
  describe(`images on ${database.name}, files ${store === 's3' ? 'in S3' : 'on disk'}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let s3: TestS3 | undefined;
    let author: Person;
    let editor: Person;
    let commenter: Person;

    const call = (
      method: string,
      url: string,
      who: Person | null,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      fetch(app.url + url, {
        method,
        redirect: 'manual',
        headers: {
          origin: base,
          ...(body !== undefined && !Buffer.isBuffer(body)
            ? { 'content-type': 'application/json' }
            : {}),
          ...(who ? { cookie: who.cookie } : {}),
          ...headers,
        },
        ...(body !== undefined
          ? { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }
          : {}),
      });

    const upload = (data: Buffer, name: string, type = 'application/octet-stream', who = author) =>
      call('POST', '/api/v1/images', who, data, { 'content-type': type, 'x-filename': name });

    const ok = async (res: Response, status = 200): Promise<Json> => {
      const body = await json(res);
      assert.equal(res.status, status, JSON.stringify(body));
      return body;
    };

    const draft = async () =>
      ok(
        await call('POST', '/api/v1/articles', author, {
          headline: `Harbour pictures ${++serial}`,
          section: 'news',
          standfirst: 'The quay, seen from the water.',
          body: 'The first paragraph.',
        }),
        201,
      );

    before(async () => {
      db = await database.open();
      if (store === 's3') s3 = await startS3();
      app = await startApp(db, { IMAGE_MAX_MB: '1', ...s3?.env });
      assert.equal(app.services.images.settings.storage.location.startsWith('s3://'), !!s3);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await signedInPerson(db.store, app, {
        slug: `img-author-${database.name}`,
        role: 'author',
      });
      editor = await signedInPerson(db.store, app, {
        slug: `img-editor-${database.name}`,
        role: 'editor',
      });
      commenter = await signedInPerson(db.store, app, { slug: `img-reader-${database.name}` });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
      await s3?.stop();
    });

    test('a JPEG upload is stored with WebP widths up to its own, a fallback and three crops', async () => {
      const image = await ok(await upload(await jpeg(1500, 1000), 'quay.jpg'), 201);
      assert.equal(image.format, 'jpeg');
      assert.equal(image.originalName, 'quay.jpg');
      assert.deepEqual([image.width, image.height], [1500, 1000]);
      const widths = image.variants
        .filter((v: Json) => v.purpose === 'responsive')
        .map((v: Json) => v.width);
      assert.deepEqual(widths, [320, 640, 960, 1280, 1500]);
      assert.ok(
        image.variants.every((v: Json) => v.width <= 1500),
        'never upscaled',
      );
      const fallback = image.variants.find((v: Json) => v.purpose === 'fallback');
      assert.deepEqual([fallback.format, fallback.width, fallback.height], ['jpeg', 1280, 853]);
      const crops = image.variants.filter((v: Json) => /x/.test(v.purpose));
      assert.deepEqual(
        crops.map((v: Json) => [v.purpose, v.width, v.height]),
        [
          ['16x9', 1200, 675],
          ['4x3', 1200, 900],
          ['1x1', 1000, 1000],
        ],
      );
      assert.match(image.srcset, /^http:\/\/broadsheet\.test\/images\/[0-9a-f]{32}\.webp 320w, /);
      assert.equal(image.alt, '');
    });

    test('stored files are served immutable with an ETag, the right type, and 304 on a match', async () => {
      const image = await ok(await upload(await jpeg(700, 400), 'pier.jpg'), 201);
      for (const variant of image.variants) {
        const res = await fetch(app.url + new URL(variant.url).pathname);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), `image/${variant.format}`);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.equal(bytes.length, variant.bytes);
        const meta = await sharp(bytes).metadata();
        assert.deepEqual([meta.width, meta.height], [variant.width, variant.height]);
        const etag = res.headers.get('etag');
        assert.ok(etag);
        const again = await fetch(app.url + new URL(variant.url).pathname, {
          headers: { 'if-none-match': etag },
        });
        assert.equal(again.status, 304);
      }
      for (const missing of [
        '/images/00000000000000000000000000000000.webp',
        '/images/..%2F..%2Fbroadsheet.sqlite',
        '/images/abc.svg',
      ]) {
        assert.equal((await fetch(app.url + missing)).status, 404, missing);
      }
    });

    test('camera metadata and GPS positions are removed, and the picture is turned upright', async () => {
      const original = await jpeg(400, 200, { orientation: 6, gps: true });
      const before = await sharp(original).metadata();
      assert.ok(before.exif?.toString('latin1').includes('TestCam'), 'the test file has EXIF');
      const image = await ok(await upload(original, 'phone.jpg'), 201);
      // Orientation 6 is a quarter turn: stored 400 × 200, seen 200 × 400.
      assert.deepEqual([image.width, image.height], [200, 400]);
      for (const variant of image.variants) {
        const bytes = Buffer.from(
          await (await fetch(app.url + new URL(variant.url).pathname)).arrayBuffer(),
        );
        const meta = await sharp(bytes).metadata();
        assert.equal(meta.exif, undefined, `${variant.purpose} ${variant.width} has no EXIF`);
        assert.equal(meta.xmp, undefined);
        assert.ok(!bytes.toString('latin1').includes('TestCam'));
        assert.ok(!bytes.toString('latin1').includes('GPS'));
        assert.ok((meta.orientation ?? 1) === 1);
      }
      const fallback = image.variants.find((v: Json) => v.purpose === 'fallback');
      assert.ok(fallback.height > fallback.width, 'upright: taller than wide');
    });

    test('PNG through a multipart form keeps its text; WebP gets a JPEG fallback', async () => {
      const form = multipart(
        {
          _csrf: author.csrf,
          alt: 'A red square on a clear ground',
          caption: 'Signal flag',
          credit: 'Harbour Office',
        },
        { name: 'flag.png', type: 'image/png', data: await png(300, 300) },
      );
      const image = await ok(
        await call('POST', '/api/v1/images', author, form.body, {
          'content-type': form.contentType,
        }),
        201,
      );
      assert.equal(image.format, 'png');
      assert.equal(image.alt, 'A red square on a clear ground');
      assert.equal(image.caption, 'Signal flag');
      assert.equal(image.credit, 'Harbour Office');
      assert.equal(image.variants.find((v: Json) => v.purpose === 'fallback').format, 'png');

      const fromWebp = await ok(await upload(await webp(500, 300), 'boat.webp', 'image/webp'), 201);
      assert.equal(fromWebp.format, 'webp');
      assert.equal(fromWebp.variants.find((v: Json) => v.purpose === 'fallback').format, 'jpeg');
    });

    test('the type comes from the bytes: a GIF, an SVG or text named .jpg is refused with 415', async () => {
      const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(40, 1)]);
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>');
      const cases: [Buffer, RegExp][] = [
        [gif, /GIF.*JPEG, PNG or WebP/],
        [svg, /SVG.*JPEG, PNG or WebP/],
        [Buffer.from('just some words, not a picture'), /not an image we accept/],
      ];
      for (const [bytes, message] of cases) {
        const body = await ok(await upload(bytes, 'holiday.jpg', 'image/jpeg'), 415);
        assert.equal(body.error.code, 'unsupported_media_type');
        assert.match(body.error.message, message);
      }
      const asJson = await ok(await call('POST', '/api/v1/images', author, { file: 'x' }), 415);
      assert.match(asJson.error.message, /Send the image itself/);
    });

    test('a PNG signature followed by garbage is refused with 422 and nothing is stored', async () => {
      const before = (await storedFiles(app)).length;
      const fake = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('garbage that is not a png chunk at all'.repeat(20)),
      ]);
      const body = await ok(await upload(fake, 'broken.png', 'image/png'), 422);
      assert.match(body.error.message, /could not be read as an image/);
      const truncated = (await jpeg(800, 600)).subarray(0, 2000);
      await ok(await upload(truncated, 'cut.jpg'), 422);
      assert.equal((await storedFiles(app)).length, before);
    });

    test('over IMAGE_MAX_MB is 413 with the limit named, and nothing is stored', async () => {
      const before = (await storedFiles(app)).length;
      const rowsBefore = (await db.store.images.recent(1000)).length;
      const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(1024 * 1024, 7)]);
      const body = await ok(await upload(big, 'huge.jpg'), 413);
      assert.equal(body.error.code, 'payload_too_large');
      assert.match(body.error.message, /at most 1 MB/);
      // Well over the limit: refused from its Content-Length, before it is read.
      const huge = Buffer.alloc(3 * 1024 * 1024, 1);
      const res = await upload(huge, 'huger.jpg');
      assert.equal(res.status, 413);
      assert.match((await json(res)).error.message, /at most 1 MB/);
      assert.equal((await storedFiles(app)).length, before);
      assert.equal((await db.store.images.recent(1000)).length, rowsBefore);
    });

    test('only the newsroom uploads: readers get 403, strangers 401', async () => {
      const bytes = await jpeg(50, 50);
      assert.equal((await upload(bytes, 'a.jpg', 'image/jpeg', commenter)).status, 403);
      const anonymous = await fetch(`${app.url}/api/v1/images`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body: new Uint8Array(bytes),
      });
      assert.equal(anonymous.status, 401);
    });

    test('alt text is required before publishing or scheduling; then the page shows the picture', async () => {
      const article = await draft();
      const image = await ok(await upload(await jpeg(1000, 600), 'ferry.jpg'), 201);
      const set = await ok(
        await call('PUT', `/api/v1/articles/${article.id}/main-image`, author, { image: image.id }),
      );
      assert.equal(set.mainImage.id, image.id);
      const refused = await ok(
        await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {}),
        422,
      );
      assert.match(refused.error.message, /alt text for the main image/);
      const scheduled = await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {
        at: new Date(Date.now() + 86_400_000).toISOString(),
      });
      assert.equal(scheduled.status, 422);

      await ok(
        await call('PATCH', `/api/v1/images/${image.id}`, author, {
          alt: 'The morning ferry leaving the quay',
          caption: 'The 7.40 to the island',
          credit: 'Photo: Harbour Desk',
        }),
      );
      const published = await ok(
        await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {}),
      );
      const page = await (await fetch(app.url + new URL(published.url).pathname)).text();
      const main = /<figure class="main-image">([\s\S]*?)<\/figure>/.exec(page)?.[1] ?? '';
      const img = /<img [^>]*>/.exec(main)?.[0] ?? '';
      assert.match(img, /srcset="\/images\/[0-9a-f]{32}\.webp 320w, [^"]+ 1000w"/);
      assert.match(img, /sizes="[^"]+"/);
      assert.match(img, /width="1000" height="600"/);
      assert.match(img, /alt="The morning ferry leaving the quay"/);
      assert.match(img, /decoding="async"/);
      assert.doesNotMatch(img, /loading="lazy"/, 'the main image is not lazy');
      assert.match(
        main,
        /<figcaption>The 7.40 to the island <span class="credit">Photo: Harbour Desk<\/span><\/figcaption>/,
      );

      const print = await (
        await fetch(`${app.url}${new URL(published.url).pathname}/print`)
      ).text();
      assert.match(
        print,
        /<figure class="main-image">[\s\S]*alt="The morning ferry leaving the quay"/,
      );

      const front = await (await fetch(`${app.url}/news`)).text();
      const card = /<li class="story story--image">[\s\S]*?<\/li>/.exec(front)?.[0] ?? '';
      assert.match(card, /<img [^>]*srcset="[^"]+"[^>]*loading="lazy"/);
      assert.match(card, /alt="The morning ferry leaving the quay"/);
    });

    test('an image placed in the body needs alt text too, and must exist', async () => {
      const article = await draft();
      const image = await ok(await upload(await jpeg(640, 480), 'nets.jpg'), 201);
      const withBody = await ok(
        await call('PATCH', `/api/v1/articles/${article.id}`, author, {
          version: article.version,
          body: `Nets drying on the wall.\n\n[[image:${image.id}]]\n\nMore text.`,
        }),
      );
      const refused = await ok(
        await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {}),
        422,
      );
      assert.match(refused.error.message, /alt text for the image “nets.jpg” placed in the body/);
      await ok(await call('PATCH', `/api/v1/images/${image.id}`, author, { decorative: true }));
      const published = await ok(
        await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {}),
      );
      const page = await (await fetch(app.url + new URL(published.url).pathname)).text();
      const body = /<div class="article__body">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
      assert.match(body, /<figure>\s*<img [^>]*alt=""[^>]*loading="lazy"/);

      const missing = await ok(
        await call('PATCH', `/api/v1/articles/${withBody.id}`, editor, {
          version: published.version,
          body: '[[image:00000000000000000000000000]]',
        }),
      );
      assert.equal(missing.status, 'published');
      const other = await draft();
      await ok(
        await call('PATCH', `/api/v1/articles/${other.id}`, author, {
          version: other.version,
          body: 'Text.\n\n[[image:00000000000000000000000000]]',
        }),
      );
      const unknown = await ok(
        await call('POST', `/api/v1/articles/${other.id}/publish`, editor, {}),
        422,
      );
      assert.match(unknown.error.message, /does not exist/);
    });

    test('JSON-LD lists the three crops, Open Graph and Twitter get the large card', async () => {
      const article = await draft();
      const image = await ok(await upload(await jpeg(1600, 1200), 'lighthouse.jpg'), 201);
      await ok(
        await call('PATCH', `/api/v1/images/${image.id}`, author, {
          alt: 'The lighthouse at dusk',
          credit: 'Coast Desk',
        }),
      );
      await ok(
        await call('PUT', `/api/v1/articles/${article.id}/main-image`, author, { image: image.id }),
      );
      const published = await ok(
        await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {}),
      );
      const page = await (await fetch(app.url + new URL(published.url).pathname)).text();
      const ld = jsonLdOf(page).find((j) => j['@type'] === 'NewsArticle');
      assert.ok(Array.isArray(ld.image));
      assert.deepEqual(
        ld.image.map((i: Json) => [i['@type'], i.width, i.height]),
        [
          ['ImageObject', 1200, 675],
          ['ImageObject', 1200, 900],
          ['ImageObject', 1200, 1200],
        ],
      );
      for (const i of ld.image) {
        assert.match(i.url, /^http:\/\/broadsheet\.test\/images\/[0-9a-f]{32}\.jpg$/);
        assert.equal(i.creditText, 'Coast Desk');
        assert.equal((await fetch(app.url + new URL(i.url).pathname)).status, 200);
      }
      assert.deepEqual(metaOf(page, 'og:image'), [ld.image[0].url]);
      assert.deepEqual(metaOf(page, 'og:image:width'), ['1200']);
      assert.deepEqual(metaOf(page, 'og:image:height'), ['675']);
      assert.deepEqual(metaOf(page, 'og:image:alt'), ['The lighthouse at dusk']);
      assert.deepEqual(metaOf(page, 'twitter:card'), ['summary_large_image']);
      assert.deepEqual(metaOf(page, 'twitter:image'), [ld.image[0].url]);

      const plain = await ok(
        await call('POST', `/api/v1/articles/${(await draft()).id}/publish`, editor, {}),
      );
      const plainPage = await (await fetch(app.url + new URL(plain.url).pathname)).text();
      assert.deepEqual(metaOf(plainPage, 'twitter:card'), ['summary']);
      assert.deepEqual(metaOf(plainPage, 'og:image'), []);
      assert.equal(jsonLdOf(plainPage).find((j) => j['@type'] === 'NewsArticle')?.image, undefined);

      const rss = await (await fetch(`${app.url}/feed.xml`)).text();
      const feed = parseFeed(rss);
      const item = feed.items.find((i) => i.title === published.headline);
      assert.ok(item, 'the article is in the feed');
      const fallback = image.variants.find((v: Json) => v.purpose === 'fallback');
      assert.deepEqual(
        item.media.map((m) => [m.url, m.mimeType, m.length]),
        [[fallback.url, 'image/jpeg', fallback.bytes]],
      );
      const atom = parseFeed(await (await fetch(`${app.url}/atom.xml`)).text());
      const entry = atom.items.find((i) => i.title === published.headline);
      assert.equal(entry?.media[0]?.url, fallback.url);
    });

    test('full-text feeds carry body images as absolute JPEG or PNG files with their text', async () => {
      const image = await ok(await upload(await png(400, 200), 'chart.png'), 201);
      await ok(
        await call('PATCH', `/api/v1/images/${image.id}`, author, {
          alt: 'Bar chart of landings by month',
          caption: 'Landings, 2026',
          credit: 'Harbour Office',
        }),
      );
      const article = await draft();
      await ok(
        await call('PATCH', `/api/v1/articles/${article.id}`, author, {
          version: article.version,
          body: `Landings rose.\n\n[[image:${image.id}]]\n\nThey fell again.`,
        }),
      );
      const published = await ok(
        await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {}),
      );
      await db.store.settings.set('feeds.fullText', 'true');
      try {
        const feed = parseFeed(await (await fetch(`${app.url}/feed.xml`)).text());
        const item = feed.items.find((i) => i.title === published.headline);
        const fallback = image.variants.find((v: Json) => v.purpose === 'fallback');
        const content = item?.content ?? '';
        assert.ok(content.includes(`<img src="${fallback.url}"`), content);
        assert.match(content, /alt="Bar chart of landings by month"/);
        assert.match(
          content,
          /<figcaption>Landings, 2026 <span class="credit">Harbour Office<\/span><\/figcaption>/,
        );
      } finally {
        await db.store.settings.set('feeds.fullText', 'false');
      }
    });

    test('changing an image’s text redraws the cached pages that show it', async () => {
      const article = await draft();
      const image = await ok(await upload(await jpeg(400, 300), 'gull.jpg'), 201);
      await ok(
        await call('PATCH', `/api/v1/images/${image.id}`, author, { alt: 'A gull on a post' }),
      );
      await ok(
        await call('PUT', `/api/v1/articles/${article.id}/main-image`, author, { image: image.id }),
      );
      const published = await ok(
        await call('POST', `/api/v1/articles/${article.id}/publish`, editor, {}),
      );
      const url = app.url + new URL(published.url).pathname;
      await fetch(url);
      const cached = await fetch(url);
      assert.equal(cached.headers.get('x-cache'), 'hit');
      // Once published, only an editor may change what the picture says.
      assert.equal(
        (await call('PATCH', `/api/v1/images/${image.id}`, author, { alt: 'Nope' })).status,
        403,
      );
      await ok(
        await call('PATCH', `/api/v1/images/${image.id}`, editor, {
          alt: 'A herring gull on a mooring post',
        }),
      );
      const after = await fetch(url);
      assert.equal(after.headers.get('x-cache'), 'miss');
      assert.match(await after.text(), /alt="A herring gull on a mooring post"/);
    });

    test('the editor works without JavaScript: upload with a plain form, then see it', async () => {
      const article = await draft();
      const page = await (
        await fetch(`${app.url}/admin/articles/${article.id}`, {
          headers: { cookie: author.cookie },
        })
      ).text();
      assert.match(page, /enctype="multipart\/form-data"/);
      assert.match(page, /at most 1 MB/);
      const form = multipart(
        { _csrf: author.csrf, alt: 'Boats in the inner harbour', caption: 'Low tide', credit: '' },
        { name: 'boats.jpg', type: 'image/jpeg', data: await jpeg(900, 600) },
      );
      const res = await fetch(`${app.url}/admin/articles/${article.id}/image`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: author.cookie, origin: base, 'content-type': form.contentType },
        body: new Uint8Array(form.body),
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/admin/articles/${article.id}?done=image`);
      const saved = await ok(await call('GET', `/api/v1/articles/${article.id}`, author));
      assert.equal(saved.mainImage.alt, 'Boats in the inner harbour');
      assert.equal(saved.mainImage.caption, 'Low tide');
      const editorPage = await (
        await fetch(`${app.url}/admin/articles/${article.id}?done=image`, {
          headers: { cookie: author.cookie },
        })
      ).text();
      assert.match(editorPage, /The main image has been saved/);
      assert.match(editorPage, /boats\.jpg, 900 × 600 pixels/);

      // A GIF comes back to the editor with the reason, not a bare error page.
      const gif = multipart(
        { _csrf: author.csrf, alt: '' },
        {
          name: 'anim.gif',
          type: 'image/gif',
          data: Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20)]),
        },
      );
      const refused = await fetch(`${app.url}/admin/articles/${article.id}/image`, {
        method: 'POST',
        headers: { cookie: author.cookie, origin: base, 'content-type': gif.contentType },
        body: new Uint8Array(gif.body),
      });
      assert.equal(refused.status, 415);
      const refusedPage = await refused.text();
      assert.match(refusedPage, /That file is a GIF image/);
      assert.match(refusedPage, /Main image/);

      // Over the limit: a page that names the limit, and nothing stored.
      const filesBefore = (await storedFiles(app)).length;
      const big = multipart(
        { _csrf: author.csrf },
        { name: 'huge.jpg', type: 'image/jpeg', data: Buffer.alloc(1100 * 1024, 3) },
      );
      const tooLarge = await fetch(`${app.url}/admin/articles/${article.id}/image`, {
        method: 'POST',
        headers: { cookie: author.cookie, origin: base, 'content-type': big.contentType },
        body: new Uint8Array(big.body),
      });
      assert.equal(tooLarge.status, 413);
      assert.match(await tooLarge.text(), /images can be at most 1 MB/);
      assert.equal((await storedFiles(app)).length, filesBefore);

      // Without the form's token it is refused.
      const forged = multipart(
        { alt: 'x' },
        { name: 'a.jpg', type: 'image/jpeg', data: await jpeg(20, 20) },
      );
      const forgedRes = await fetch(`${app.url}/admin/articles/${article.id}/image`, {
        method: 'POST',
        headers: { cookie: author.cookie, origin: base, 'content-type': forged.contentType },
        body: new Uint8Array(forged.body),
      });
      assert.equal(forgedRes.status, 403);

      // An image for the body: uploaded, and its line added at the end of the body.
      const bodyForm = multipart(
        { _csrf: author.csrf, alt: 'Rope coiled on the deck', caption: '', credit: '' },
        { name: 'rope.png', type: 'image/png', data: await png(200, 200) },
      );
      const placed = await fetch(`${app.url}/admin/articles/${article.id}/image?place=body`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: author.cookie, origin: base, 'content-type': bodyForm.contentType },
        body: new Uint8Array(bodyForm.body),
      });
      assert.equal(placed.status, 303);
      const withBody = await ok(await call('GET', `/api/v1/articles/${article.id}`, author));
      assert.match(withBody.body, /\n\n\[\[image:[0-9a-z]{26}\]\]\n$/);

      // Remove the main image.
      const removed = await fetch(`${app.url}/admin/articles/${article.id}/image/remove`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: author.cookie,
          origin: base,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `_csrf=${encodeURIComponent(author.csrf)}`,
      });
      assert.equal(removed.status, 303);
      assert.equal(
        (await ok(await call('GET', `/api/v1/articles/${article.id}`, author))).mainImage,
        null,
      );
    });
  });
}
