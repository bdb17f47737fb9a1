/**
 * Newsletter sending (issue 21): SUBSCRIBERS confirmed subscribers (default 100,000) on SQLite,
 * one issue queued to all of them in one statement, delivered by the sending queue
 * (services/newsletter-sender.ts) over pooled SMTP to a local sink (smtp-server in this process,
 * counting messages). Reports the queueing time, the delivery rate per part of the list (tenths for 10,000 or more) (flat
 * if nothing grows with the list) and the peak memory of the process.
 *
 *   npx tsx bench/newsletter-send.ts                 (SUBSCRIBERS=20000)
 *   SUBSCRIBERS=100000 npx tsx bench/newsletter-send.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { createServices } from '../src/compose.js';
import { newId } from '../src/domain/ids.js';
import { readNewsletterSettings } from '../src/services/newsletter-desk.js';
import { openStore } from '../src/store/index.js';
import { machine, printResult } from './lib/load.js';

const count = Number(process.env.SUBSCRIBERS ?? 20_000);
/**
 * The sending rate setting (`newsletters.ratePerSecond`, default 20/s) is raised to its highest
 * allowed value, so that the figure is what the queue and the pool deliver, not the setting.
 */
const ratePerSecond = Number(process.env.RATE ?? 100_000);
const quiet = { info: () => {}, warn: () => {} };

async function main() {
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as AddressInfo).port;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-newsletters-'));
  const store = await openStore({ databaseUrl: null, dataDir });
  const services = createServices(store, {
    baseUrl: 'http://bench.example',
    smtpUrl: `smtp://127.0.0.1:${port}`,
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
          await tx.newsletters.addLists(id, ['alerts'], at);
        }
      });
    }
    const fillSeconds = (performance.now() - filling) / 1000;
    await store.settings.set('newsletters.ratePerSecond', String(ratePerSecond));
    const settings = await readNewsletterSettings(store.settings);
    if (settings.ratePerSecond !== ratePerSecond)
      throw new Error(`the rate setting reads ${settings.ratePerSecond}/s, not ${ratePerSecond}/s`);
    console.log(
      `${count} subscribers filled in ${fillSeconds.toFixed(1)} s; newsletters.ratePerSecond = ${settings.ratePerSecond}`,
    );
    const issueId = newId();
    await store.newsletters.createIssue({
      id: issueId,
      key: 'alert:bench',
      slug: 'alert-bench',
      kind: 'alert',
      list: 'alerts',
      status: 'held',
      subject: 'A benchmark alert',
      intro: 'Measured, not read.',
      articleIds: [],
      sendAt: null,
      createdAt: at,
    });
    const queueing = performance.now();
    const queued = await store.newsletters.queueIssue(issueId, ['held'], at);
    const queueSeconds = (performance.now() - queueing) / 1000;
    if (queued !== count) throw new Error(`queued ${queued}, expected ${count}`);

    let peakRss = process.memoryUsage().rss;
    const rssAt: number[] = [];
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    // Parts of the list, each larger than one claim (500), so each rate spans several rounds.
    const parts = Math.max(2, Math.min(10, Math.floor(count / 1_000)));
    const tenth = Math.ceil(count / parts);
    const rates: number[] = [];
    let sent = 0;
    let mark = performance.now();
    let nextMark = tenth;
    const started = performance.now();
    for (;;) {
      const round = await services.newsletterSender.round();
      if (round.claimed === 0) break;
      sent += round.sent;
      while (sent >= nextMark) {
        const now = performance.now();
        rates.push(Math.round(tenth / ((now - mark) / 1000)));
        rssAt.push(Math.round(process.memoryUsage().rss / 2 ** 20));
        console.log(`  ${Math.min(sent, count)} sent: ${rates.at(-1)}/s over the last part`);
        mark = now;
        nextMark += tenth;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const rate = Math.round(sent / seconds);
    const peakMb = Math.round(peakRss / 2 ** 20);
    console.log(
      `${count} subscribers: filled in ${fillSeconds.toFixed(1)} s, queued in ${queueSeconds.toFixed(2)} s, ` +
        `sent ${sent} (sink received ${received}) in ${seconds.toFixed(1)} s = ${rate}/s`,
    );
    console.log(`rate per part of the list (msg/s): ${rates.join(', ')}`);
    console.log(`RSS after each part (MB): ${rssAt.join(', ')}; peak ${peakMb} MB`);
    console.log(machine());
    printResult('newsletter-send', `SUBSCRIBERS=${count} npx tsx bench/newsletter-send.ts`, [
      { figure: `subscribers`, value: String(count) },
      {
        figure: 'newsletters.ratePerSecond (raised for the run; default 20)',
        value: String(ratePerSecond),
      },
      {
        figure: 'queueing (one INSERT … SELECT), s',
        value: String(Number(queueSeconds.toFixed(2))),
      },
      { figure: 'delivered, messages/s', value: String(rate) },
      { figure: 'first part of the list, messages/s', value: String(rates[0] ?? 0) },
      { figure: 'last part of the list, messages/s', value: String(rates[rates.length - 1] ?? 0) },
      { figure: 'peak RSS, MB', value: String(peakMb) },
      { figure: 'RSS after the first part, MB', value: String(rssAt[0] ?? 0) },
    ]);
  } finally {
    services.mail.close();
    await store.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
