/**
 * Newsletters at scale (issue 21): SUBSCRIBERS confirmed subscribers (default 100,000) on SQLite,
 * imported in batches, one issue queued to all of them, and the sending queue
 * (services/newsletter-sender.ts, the same rounds a server runs) delivering to a minimal SMTP
 * sink in a process of its own (so the sink's memory is not counted). At a tenth, half and all
 * of the list it prints the delivery rate since the last mark and this process's RSS, and the
 * peak RSS so far: memory that stays flat from 10,000 to 100,000 shows nothing grows with the
 * list. bench/newsletter-send.ts measures the same path with the sink in process.
 *
 *   npx tsx bench/newsletter-scale.ts
 *   SUBSCRIBERS=20000 npx tsx bench/newsletter-scale.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices } from '../src/compose.js';
import { newId } from '../src/domain/ids.js';
import { openStore } from '../src/store/index.js';
import { machine, printResult, root } from './lib/load.js';

const count = Number(process.env.SUBSCRIBERS ?? 100_000);
const quiet = { info: () => {}, warn: () => {} };

/** A sink that takes every message and counts it, in a child process; resolves to its port. */
function startSink(): Promise<{ port: number; stop: () => void; received: () => Promise<number> }> {
  const code = `
    const { SMTPServer } = require('smtp-server');
    let received = 0;
    const sink = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, disableReverseLookup: true,
      onData(stream, _s, cb) { stream.resume(); stream.on('end', () => { received++; cb(); }); },
    });
    // Answers go out at once (no Nagle wait behind the client's delayed ACK).
    sink.server.on('connection', (socket) => socket.setNoDelay(true));
    sink.listen(0, '127.0.0.1', () => console.log('port ' + sink.server.address().port));
    process.stdin.on('data', () => console.log('received ' + received));
  `;
  const child = spawn(process.execPath, ['-e', code], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buffer = '';
  const waiting: ((line: string) => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  return nextLine().then((line) => ({
    port: Number(line.split(' ')[1]),
    stop: () => child.kill(),
    received: async () => {
      const answer = nextLine();
      child.stdin.write('?\n');
      return Number((await answer).split(' ')[1]);
    },
  }));
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function main() {
  const sink = await startSink();
  // BENCH_DATA_DIR=/dev/shm keeps the database in memory: the disk's sync time out of the figure.
  const dataDir = mkdtempSync(
    path.join(process.env.BENCH_DATA_DIR ?? os.tmpdir(), 'broadsheet-bench-nl-scale-'),
  );
  const store = await openStore({ databaseUrl: null, dataDir });
  const services = createServices(store, {
    baseUrl: 'http://bench.example',
    smtpUrl: `smtp://127.0.0.1:${sink.port}`,
    log: quiet,
  });
  try {
    const at = new Date().toISOString();
    const filling = performance.now();
    const batch = 1_000;
    for (let start = 0; start < count; start += batch) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(count, start + batch); i++) {
          const id = newId();
          await tx.newsletters.addSubscriber({
            id,
            email: `reader${i}@example.com`,
            userId: null,
            status: 'confirmed',
            source: 'import-attested',
            at,
          });
          await tx.newsletters.addLists(id, ['briefing'], at);
        }
      });
    }
    const fillSeconds = (performance.now() - filling) / 1000;
    // No throttle: the figure is what the queue and SMTP manage, not the setting.
    await store.settings.set('newsletters.ratePerSecond', '100000');
    const issueId = newId();
    await store.newsletters.createIssue({
      id: issueId,
      key: 'briefing:bench-scale',
      slug: 'briefing-bench-scale',
      kind: 'briefing',
      list: 'briefing',
      status: 'held',
      subject: 'A benchmark briefing',
      intro: 'Measured, not read.',
      articleIds: [],
      sendAt: null,
      createdAt: at,
    });
    const queueing = performance.now();
    const queued = await store.newsletters.queueIssue(issueId, ['held'], at);
    const queueSeconds = (performance.now() - queueing) / 1000;
    if (queued !== count) throw new Error(`queued ${queued}, expected ${count}`);

    global.gc?.();
    const startRss = mb(process.memoryUsage().rss);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const marks = [...new Set([Math.round(count / 10), Math.round(count / 2), count])];
    const points: { at: number; rate: number; rss: number; peak: number; seconds: number }[] = [];
    let sent = 0;
    let lastSent = 0;
    const started = performance.now();
    let lastTime = started;
    for (;;) {
      const round = await services.newsletterSender.round();
      if (round.claimed === 0) break;
      sent += round.sent;
      while (marks.length > 0 && sent >= marks[0]!) {
        const now = performance.now();
        peak = Math.max(peak, process.memoryUsage().rss);
        points.push({
          at: marks.shift()!,
          rate: Math.round((sent - lastSent) / ((now - lastTime) / 1000)),
          rss: mb(process.memoryUsage().rss),
          peak: mb(peak),
          seconds: (now - started) / 1000,
        });
        console.log(
          `${points.at(-1)!.at} sent after ${points.at(-1)!.seconds.toFixed(1)} s: ` +
            `${points.at(-1)!.rate} msg/s since the last mark, RSS ${points.at(-1)!.rss} MB, ` +
            `peak ${points.at(-1)!.peak} MB`,
        );
        lastSent = sent;
        lastTime = now;
      }
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const received = await sink.received();
    const rate = Math.round(sent / seconds);
    console.log(
      `${count} subscribers: filled in ${fillSeconds.toFixed(1)} s, queued in ` +
        `${queueSeconds.toFixed(2)} s, sent ${sent} (sink received ${received}) in ` +
        `${seconds.toFixed(1)} s = ${rate} msg/s; RSS before sending ${startRss} MB`,
    );
    console.log(machine());
    printResult('newsletter-scale', 'npx tsx bench/newsletter-scale.ts', [
      { figure: 'subscribers', value: String(count) },
      { figure: 'queueing, s', value: queueSeconds.toFixed(2) },
      { figure: 'delivered, messages/s', value: String(rate) },
      { figure: 'received by the sink', value: String(received), met: received === count },
      ...points.flatMap((p) => [
        { figure: `rate up to ${p.at}, messages/s`, value: String(p.rate) },
        { figure: `RSS at ${p.at} (peak so far), MB`, value: `${p.rss} (${p.peak})` },
      ]),
      {
        figure: 'peak RSS growth from the first mark to the last, MB',
        value: String((points.at(-1)?.peak ?? 0) - (points[0]?.peak ?? 0)),
        target: '≤ 20',
        met: (points.at(-1)?.peak ?? 0) - (points[0]?.peak ?? 0) <= 20,
      },
    ]);
  } finally {
    services.mail.close();
    await store.close();
    sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
