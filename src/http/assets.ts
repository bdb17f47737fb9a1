/**
 * Static assets under content-hashed names (/assets/site.3f2a9c1e.css), served from memory with
 * immutable caching and precompressed with Brotli and gzip once at boot.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Asset {
  url: string;
  type: string;
  body: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
  etag: string;
}

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function fontFile(name: string): string {
  return path.join(
    path.dirname(require.resolve('@fontsource-variable/source-serif-4/package.json')),
    'files',
    name,
  );
}

/** Source files, in dependency order: fonts before the CSS that names them. */
const sources: { name: string; file: string }[] = [
  {
    name: 'source-serif-4-latin-wght-normal.woff2',
    file: fontFile('source-serif-4-latin-wght-normal.woff2'),
  },
  {
    name: 'source-serif-4-latin-wght-italic.woff2',
    file: fontFile('source-serif-4-latin-wght-italic.woff2'),
  },
  { name: 'site.css', file: path.join(projectRoot, 'assets/site.css') },
  { name: 'reader.js', file: path.join(projectRoot, 'assets/reader.js') },
  { name: 'moderation.js', file: path.join(projectRoot, 'assets/moderation.js') },
  { name: 'comments.js', file: path.join(projectRoot, 'assets/comments.js') },
  { name: 'live-comments.js', file: path.join(projectRoot, 'assets/live-comments.js') },
  { name: 'newsroom.js', file: path.join(projectRoot, 'assets/newsroom.js') },
  { name: 'live-updates.js', file: path.join(projectRoot, 'assets/live-updates.js') },
  { name: 'live-desk.js', file: path.join(projectRoot, 'assets/live-desk.js') },
  { name: 'import-progress.js', file: path.join(projectRoot, 'assets/import-progress.js') },
  { name: 'passkeys.js', file: path.join(projectRoot, 'assets/passkeys.js') },
  // The publisher's logo in structured data (NewsArticle.publisher.logo).
  { name: 'logo.svg', file: path.join(projectRoot, 'assets/logo.svg') },
];

export class AssetRegistry {
  private readonly byName = new Map<string, Asset>();
  private readonly byUrl = new Map<string, Asset>();

  constructor() {
    for (const source of sources) {
      let body = readFileSync(source.file);
      const ext = path.extname(source.name);
      if (ext === '.css') {
        // point url('./x') at the hashed name of x
        body = Buffer.from(
          body
            .toString('utf8')
            .replace(/url\('\.\/([^']+)'\)/g, (_m, name: string) => `url('${this.url(name)}')`),
        );
      }
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
      const base = path.basename(source.name, ext);
      const compressible = ext !== '.woff2';
      const asset: Asset = {
        url: `/assets/${base}.${hash}${ext}`,
        type: types[ext] ?? 'application/octet-stream',
        body,
        br: compressible
          ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
          : null,
        gzip: compressible ? gzipSync(body, { level: 9 }) : null,
        etag: `"${hash}"`,
      };
      this.byName.set(source.name, asset);
      this.byUrl.set(asset.url, asset);
    }
  }

  /** The public URL of an asset by its source name. */
  url(name: string): string {
    const asset = this.byName.get(name);
    if (!asset) throw new Error(`unknown asset ${name}`);
    return asset.url;
  }

  find(url: string): Asset | undefined {
    return this.byUrl.get(url);
  }
}
