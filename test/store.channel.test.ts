/** PostgreSQL LISTEN/NOTIFY between two stores on one database, and its reconnection. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openStore, type Store } from '../src/store/index.js';
import type { NotificationChannel } from '../src/store/ports/channel.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { waitFor } from './helpers/wait.js';

/** Resolves with the next message heard after this call; a lost message fails the test. */
async function nextMessage(heard: string[]): Promise<string> {
  const start = heard.length;
  await waitFor(() => heard.length > start, { what: 'a message on the channel', intervalMs: 5 });
  return heard[start]!;
}

for (const database of databases()) {
  describe(`change channel on ${database.name}`, () => {
    let db: OpenedStore;
    let other: Store;
    const channels: NotificationChannel[] = [];

    before(async () => {
      db = await database.open();
      other = await openStore({
        databaseUrl: db.databaseUrl,
        dataDir: db.dataDir,
        ...(db.pgSchema ? { pgSchema: db.pgSchema } : {}),
      });
    });
    after(async () => {
      for (const c of channels) await c.close();
      await other?.close();
      await db?.dispose();
    });

    test('messages reach the other store, not the sender; a lost connection comes back', async (t) => {
      const a = db.store.openChannel();
      const b = other.openChannel();
      if (database.name === 'sqlite') {
        assert.equal(a, null, 'SQLite has no channel: the cluster primary relays instead');
        return;
      }
      assert.ok(a && b);
      channels.push(a, b);
      await Promise.all([a.ready, b.ready]);
      const heardA: string[] = [];
      const heardB: string[] = [];
      let reconnects = 0;
      a.onMessage((m) => heardA.push(m));
      b.onMessage((m) => heardB.push(m));
      b.onReconnect(() => reconnects++);

      a.send('{"kind":"site"}');
      assert.equal(await nextMessage(heardB), '{"kind":"site"}');
      b.send('from b');
      assert.equal(await nextMessage(heardA), 'from b');
      // Notifications arrive in commit order: a heard b's later message, so its own would be here.
      assert.deepEqual(heardA, ['from b']);
      assert.deepEqual(heardB, ['{"kind":"site"}']);

      // The database drops b's listening connection: it reconnects, says so, and hears again.
      const admin = new pg.Client({ connectionString: db.databaseUrl! });
      await admin.connect();
      t.after(() => admin.end());
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and query = $1 and pid <> pg_backend_pid()`,
        [`listen "broadsheet_changes_${db.pgSchema}"`],
      );
      assert.equal(killed.rowCount, 2);
      // The first retry comes after 100 ms, later ones back off to 5 s.
      await waitFor(() => reconnects > 0, { what: "b's reconnection", timeoutMs: 15_000 });
      a.send('after the outage');
      // a's own connection was dropped too; its message goes out over the pool either way.
      assert.equal(await nextMessage(heardB), 'after the outage');
    });
  });
}
