/**
 * Benchmark 7 (issue 9): what a reader downloads for the article page with 200 comments, from
 * the real responses: the HTML, and every style sheet, script, font and image it loads, each as
 * sent with `Accept-Encoding: br` (and gzip, for comparison); and how many of those requests go
 * to another origin.
 *
 *   npx tsx bench/page-weight.ts
 */
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { printResult, startBroadsheet } from './lib/load.js';
import { createBenchSite } from './lib/site.js';

interface Fetched {
  url: string;
  type: string;
  bytes: number;
}

function download(url: string, encoding: string): Promise<Fetched & { text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
        resolve({
          url,
          type: String(res.headers['content-type'] ?? ''),
          bytes: body.length,
          // Only the uncompressed HTML is read for links.
          text: res.headers['content-encoding'] ? '' : body.toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** URLs the browser fetches by itself: scripts, style sheets, preloads, icons, images, frames. */
function subresources(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(script|link|img|iframe|source|video|audio)\b[^>]*>/gi) ?? []) {
    const name = /^<(\w+)/.exec(tag)![1]!.toLowerCase();
    if (name === 'link') {
      const rel = /\brel="([^"]*)"/i.exec(tag)?.[1]?.toLowerCase() ?? '';
      if (!/(stylesheet|preload|modulepreload|icon|manifest)/.test(rel)) continue;
    }
    for (const attr of ['src', 'href', 'srcset']) {
      const value = new RegExp(`\\b${attr}="([^"]*)"`, 'i').exec(tag)?.[1];
      if (value) urls.push(value.split(/\s+/)[0]!);
    }
  }
  return urls;
}

const site = await createBenchSite();
const server = await startBroadsheet(site.dataDir);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
try {
  const page = server.url + site.articlePath;
  const plain = await download(page, 'identity');
  const origin = new URL(page).origin;
  const found = subresources(plain.text).map((u) => new URL(u, page));
  // CSS can load more (fonts, images) with url(...).
  for (const css of found.filter((u) => u.origin === origin && u.pathname.endsWith('.css'))) {
    const sheet = await download(css.href, 'identity');
    for (const m of sheet.text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
      if (!m[1]!.startsWith('data:')) found.push(new URL(m[1]!, css));
    }
  }
  const thirdParty = found.filter((u) => u.origin !== origin);
  const own = [...new Set(found.filter((u) => u.origin === origin).map((u) => u.href))];
  const measureAll = async (encoding: string) => {
    const html = await download(page, encoding);
    const parts = await Promise.all(own.map((u) => download(u, encoding)));
    const sum = (pred: (f: Fetched) => boolean) =>
      parts.filter(pred).reduce((n, f) => n + f.bytes, 0);
    return {
      html: html.bytes,
      css: sum((f) => f.type.startsWith('text/css')),
      js: sum((f) => f.type.includes('javascript')),
      fonts: sum((f) => f.type.startsWith('font/')),
      other: sum((f) => !/^(text\/css|font\/)/.test(f.type) && !f.type.includes('javascript')),
      parts,
    };
  };
  const br = await measureAll('br');
  const gzip = await measureAll('gzip');
  const total = (w: typeof br) => w.html + w.css + w.js;

  console.log(`Article page with 200 comments: ${kb(plain.bytes)} of HTML uncompressed`);
  console.log('| part | Brotli | gzip |');
  console.log('| --- | ---: | ---: |');
  for (const [name, key] of [
    ['HTML', 'html'],
    ['CSS', 'css'],
    ['JS', 'js'],
    ['fonts (woff2)', 'fonts'],
    ['other', 'other'],
  ] as const) {
    console.log(`| ${name} | ${kb(br[key])} | ${kb(gzip[key])} |`);
  }
  console.log(`| HTML + CSS + JS | ${kb(total(br))} | ${kb(total(gzip))} |`);
  console.log(
    `requests: 1 page + ${own.length} of its own: ${own.map((u) => new URL(u).pathname).join(', ')}`,
  );
  console.log(
    `third-party requests: ${thirdParty.length}${thirdParty.length ? ` (${thirdParty.join(', ')})` : ''}`,
  );

  printResult('page-weight', 'npx tsx bench/page-weight.ts', [
    {
      figure: 'Article page with 200 comments: HTML + CSS + JS, Brotli (gzip in brackets)',
      value: `${kb(total(br))} (${kb(total(gzip))})`,
      target: '≤ 50 KB',
      met: total(br) <= 50 * 1024,
    },
    {
      figure: 'Article page: JS, Brotli (gzip in brackets)',
      value: `${kb(br.js)} (${kb(gzip.js)})`,
      target: '≤ 15 KB',
      met: br.js <= 15 * 1024,
    },
    {
      figure: 'Article page: third-party requests',
      value: String(thirdParty.length),
      target: '0',
      met: thirdParty.length === 0,
    },
    {
      figure: 'Article page: HTML uncompressed; HTML, CSS, JS, fonts as sent (Brotli)',
      value: `${kb(plain.bytes)}; ${kb(br.html)}, ${kb(br.css)}, ${kb(br.js)}, ${kb(br.fonts)}`,
    },
  ]);
} finally {
  await server.stop();
  rmSync(site.dataDir, { recursive: true, force: true });
}
