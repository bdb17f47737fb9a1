/**
 * The sending queue across a kill -9 (decisions/0064): the real server sends an issue to 5,000
 * subscribers through a real SMTP server in this process, is killed with SIGKILL in the middle,
 * and started again. Afterwards every subscriber has the issue, each with one Message-ID, and
 * the only repeats are the few messages the server had accepted but not yet marked at the kill
 * (at most one per pooled connection).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { newId } from '../src/domain/ids.js';
import { openStore } from '../src/store/index.js';
import { tempDir } from './helpers/databases.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { header } from './helpers/mail-parts.js';

const subscribers = 5_000;

describe('the newsletter queue survives kill -9', () => {
  const dataDir = tempDir();
  let server: ServerProcess | undefined;
  let smtp: TestSmtp | undefined;
  after(async () => {
    await server?.kill();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test(
    '5,000 subscribers, killed mid-send, restarted: each gets it, once per Message-ID',
    { timeout: 600_000 },
    async () => {
      smtp = await startSmtp();
      const store = await openStore({ databaseUrl: null, dataDir });
      const at = new Date().toISOString();
      const issueId = newId();
      await store.transaction(async (tx) => {
        for (let i = 0; i < subscribers; i++) {
          const id = newId();
          const email = `reader${i}@example.com`;
          await tx.newsletters.addSubscriber({
            id,
            email,
            userId: null,
            status: 'confirmed',
            source: 'import-attested',
            at,
          });
          await tx.newsletters.addLists(id, ['alerts'], at);
        }
      });
      await store.newsletters.createIssue({
        id: issueId,
        key: 'alert:test',
        slug: 'alert-test',
        kind: 'alert',
        list: 'alerts',
        status: 'held',
        subject: 'Breaking',
        intro: 'Something happened.',
        articleIds: [],
        sendAt: null,
        createdAt: at,
      });
      // Slow enough to be killed in the middle; claims expire 5 s after a kill.
      await store.settings.set('newsletters.ratePerSecond', '400');
      await store.settings.set('newsletters.claimSeconds', '5');
      assert.equal(await store.newsletters.queueIssue(issueId, ['held'], at), subscribers);
      await store.close();

      const env = { DATA_DIR: dataDir, BASE_URL: 'http://broadsheet.test', SMTP_URL: smtp.url };
      server = await startServerProcess(env);
      const deadline = Date.now() + 60_000;
      while (smtp.messages.length < 300 && Date.now() < deadline) await delay(20);
      await server.kill();
      const atKill = smtp.messages.length;
      assert.ok(atKill > 0 && atKill < subscribers, `killed in the middle (${atKill} received)`);

      server = await startServerProcess(env);
      const ids = () => new Set(smtp!.messages.map((m) => header(m.raw, 'Message-ID')));
      // Generous: on a loaded machine SMTP alone may manage only tens of messages a second.
      const until = Date.now() + 480_000;
      while (ids().size < subscribers && Date.now() < until) await delay(100);
      // A moment more, for anything that would arrive twice.
      await delay(1_000);
      await server.stop();
      server = undefined;

      const byAddress = new Map<string, Set<string | null>>();
      for (const m of smtp.messages) {
        const to = m.to[0]!;
        byAddress.set(to, (byAddress.get(to) ?? new Set()).add(header(m.raw, 'Message-ID')));
      }
      assert.equal(byAddress.size, subscribers, 'every subscriber got the issue');
      for (const [to, messageIds] of byAddress)
        assert.equal(messageIds.size, 1, `${to}: one Message-ID`);
      const repeats = smtp.messages.length - subscribers;
      assert.ok(repeats <= 5, `${repeats} repeats: at most one per pooled connection at the kill`);
      console.log(`kill -9 after ${atKill} messages; ${repeats} sent again after the restart`);

      const after = await openStore({ databaseUrl: null, dataDir });
      try {
        const counts = (await after.newsletters.deliveryCounts([issueId])).get(issueId)!;
        assert.deepEqual(counts, { queued: 0, sending: 0, sent: subscribers, failed: 0 });
      } finally {
        await after.close();
      }
    },
  );
});
