/**
 * Sessions kept in memory (issue 19, decision 0079): a signed-in request reads only the person;
 * a session ended is refused at once on the server that ended it and, on PostgreSQL, on another
 * server as soon as the change bus brings the news; a session is never trusted from memory past
 * the bound; a ban or a deleted account counts at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RelayedChangeBus, LocalChangeBus, type ChangeBus } from '../src/services/changes.js';
import { SessionService, hashSessionId, sessionCacheMs } from '../src/services/sessions.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

for (const database of databases()) {
  describe(`sessions kept in memory on ${database.name}`, () => {
    let db: OpenedStore;
    const closing: (() => Promise<void>)[] = [];

    /** A server's session service, on its own change bus (LISTEN/NOTIFY on PostgreSQL). */
    const server = async (): Promise<{ sessions: SessionService; changes: ChangeBus }> => {
      const channel = db.store.openChannel();
      let changes: ChangeBus = new LocalChangeBus();
      if (channel) {
        await channel.ready;
        closing.push(() => channel.close());
        changes = new RelayedChangeBus(channel);
      }
      return { sessions: new SessionService({ store: db.store, changes }), changes };
    };

    before(async () => {
      db = await database.open();
    });
    after(async () => {
      for (const close of closing) await close();
      await db?.dispose();
    });

    test('a session read once is trusted from memory, never past the bound', async () => {
      const { sessions } = await server();
      const person = await storedPerson(db.store);
      const { id } = await sessions.start(person.id);
      const now = new Date();
      assert.equal((await sessions.resolve(id, now))?.user.id, person.id);
      assert.equal(sessions.keptCount, 1);
      // Gone from the database behind the service's back (not how it is ever ended): the kept
      // copy answers until the bound, then the database is asked again.
      await db.store.sessions.delete(hashSessionId(id));
      const later = (ms: number) => new Date(now.getTime() + ms);
      assert.equal((await sessions.resolve(id, later(sessionCacheMs - 1000)))?.user.id, person.id);
      assert.equal(await sessions.resolve(id, later(sessionCacheMs + 1)), null);
    });

    test('the person is read afresh: a ban counts at once, with the session kept', async () => {
      const { sessions } = await server();
      const person = await storedPerson(db.store);
      const { id } = await sessions.start(person.id);
      assert.ok(await sessions.resolve(id));
      await db.store.users.setSanction(person.id, {
        suspendedUntil: null,
        bannedAt: new Date().toISOString(),
        reason: 'test',
      });
      assert.equal(await sessions.resolve(id), null);
    });

    test('signing out is refused at once here and, with a channel, on the other server', async () => {
      const here = await server();
      const there = await server();
      const person = await storedPerson(db.store);
      const one = await here.sessions.start(person.id);
      const other = await here.sessions.start(person.id);
      const kept = await here.sessions.start(person.id);
      for (const s of [here, there]) {
        for (const { id } of [one, other, kept]) assert.ok(await s.sessions.resolve(id));
      }
      // One session ends on this server.
      await here.sessions.end(one.id);
      assert.equal(await here.sessions.resolve(one.id), null, 'refused at once where it ended');
      const waitUntilRefused = async (id: string) => {
        const started = Date.now();
        while ((await there.sessions.resolve(id)) !== null) {
          assert.ok(Date.now() - started < 5000, 'the other server heard it within 5 s');
          await new Promise((r) => setTimeout(r, 20));
        }
        return Date.now() - started;
      };
      if (database.name === 'postgres') await waitUntilRefused(one.id);
      // Everywhere but the session in use (a password change, "sign out elsewhere").
      await here.sessions.endAll(person.id, kept.id);
      assert.equal(await here.sessions.resolve(other.id), null);
      assert.ok(await here.sessions.resolve(kept.id), 'the session in use goes on');
      if (database.name === 'postgres') {
        await waitUntilRefused(other.id);
        assert.ok(await there.sessions.resolve(kept.id));
      }
      // Without a channel (SQLite, one process) another service instance relies on the bound.
      await here.sessions.endAll(person.id);
      assert.equal(await here.sessions.resolve(kept.id), null);
      if (database.name === 'postgres') await waitUntilRefused(kept.id);
      else {
        const past = new Date(Date.now() + sessionCacheMs + 1);
        assert.equal(await there.sessions.resolve(kept.id, past), null);
      }
    });

    test('a read that began before a sign-out is not kept after it', async () => {
      const { sessions } = await server();
      const person = await storedPerson(db.store);
      const { id } = await sessions.start(person.id);
      // The read and the sign-out race; whatever the read saw, the session is refused after.
      const [, ended] = await Promise.all([sessions.resolve(id), sessions.end(id)]);
      assert.equal(ended, undefined);
      assert.equal(await sessions.resolve(id), null);
    });
  });
}
