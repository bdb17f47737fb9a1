import http from 'node:http';
import zlib from 'node:zlib';
import { rmSync } from 'node:fs';
import { startBroadsheet } from './lib/load.js';
import { createBenchSite } from './lib/site.js';
const site = await createBenchSite();
const server = await startBroadsheet(site.dataDir, { PAGE_CACHE_MB: '64' }, []);
const get = (cookie: string, ae: string) =>
  new Promise<{ h: http.IncomingHttpHeaders; b: Buffer }>((res, rej) =>
    http.get(server.url + site.articlePath, { headers: { cookie, 'accept-encoding': ae } }, (r) => {
      const p: Buffer[] = [];
      r.on('data', (d) => p.push(d));
      r.on('end', () => res({ h: r.headers, b: Buffer.concat(p) }));
    }).on('error', rej),
  );
for (const c of ['', ...site.readerCookies.slice(0, 3)]) {
  for (let i = 0; i < 3; i++) await get(c, 'gzip');
  const g = await get(c, 'gzip');
  const plain = await get(c, 'identity');
  console.log(c.slice(0, 20) || 'anonymous', 'gzip', g.b.length, g.h['content-encoding'], 'plain', plain.b.length, 'gunzip', g.h['content-encoding'] === 'gzip' ? zlib.gunzipSync(g.b).length : '-');
}
await server.stop();
rmSync(site.dataDir, { recursive: true, force: true });
