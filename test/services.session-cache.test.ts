/**
 * Sessions kept in memory (issue 19, decisions 0079 and 0096), and the people they belong to: a
 * signed-in request usually reads nothing; a session ended is refused at once on the server that
 * ended it and, on PostgreSQL, on another server as soon as the change bus brings the news; a
 * change to a person (a ban, a new role, a new name, a deleted account…) counts at once where it
 * was made and on another server (its own store: another process) when the bus brings it;
 * nothing is trusted from memory past the bound.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RelayedChangeBus,
  LocalChangeBus,
  type ChangeBus,
  type ChangeChannel,
} from '../src/services/changes.js';
import { SessionService, hashSessionId, sessionCacheMs } from '../src/services/sessions.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';
import type { Store } from '../src/store/index.js';
import type { User } from '../src/domain/user.js';

/** Two ends of a channel, as the cluster primary relays between two SQLite workers. */
function relayedPair(): [ChangeChannel, ChangeChannel] {
  const heard: ((message: string) => void)[][] = [[], []];
  const end = (i: 0 | 1): ChangeChannel => ({
    send: (message) =>
      setImmediate(() => {
        for (const listener of heard[1 - i]!) listener(message);
      }),
    onMessage: (listener) => void heard[i]!.push(listener),
    onReconnect: () => {},
  });
  return [end(0), end(1)];
}

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

    /**
     * Two servers on one database, each with its own store (as two processes have) and change
     * bus: LISTEN/NOTIFY on PostgreSQL, a relay between them on SQLite (the cluster's).
     */
    const twoServers = async (): Promise<{
      here: SessionService;
      there: SessionService;
      store: Store;
    }> => {
      const other = await db.store.openAnother();
      closing.push(() => other.close());
      const buses: ChangeBus[] = [];
      if (database.name === 'postgres') {
        for (const store of [db.store, other]) {
          const channel = store.openChannel();
          assert.ok(channel);
          await channel.ready;
          closing.push(() => channel.close());
          buses.push(new RelayedChangeBus(channel));
        }
      } else for (const channel of relayedPair()) buses.push(new RelayedChangeBus(channel));
      return {
        here: new SessionService({ store: db.store, changes: buses[0]! }),
        there: new SessionService({ store: other, changes: buses[1]! }),
        store: db.store,
      };
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

    test('a ban counts at once, with the session and the person kept', async () => {
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

    test('the person is kept with the session: a second view reads nothing', async () => {
      const { sessions } = await server();
      const person = await storedPerson(db.store);
      const { id } = await sessions.start(person.id);
      let statements = 0;
      db.store.observeQueries(() => statements++);
      const now = new Date();
      assert.equal((await sessions.resolve(id, now))?.user.name, person.name);
      const first = statements;
      assert.equal(first, 2, 'the session and the person');
      assert.equal(
        (await sessions.resolve(id, new Date(now.getTime() + 1000)))?.user.id,
        person.id,
      );
      assert.equal(statements, first, 'nothing on the second view');
      assert.equal(sessions.keptPeople, 1);
      // Past the bound the person is read again (the session too).
      await sessions.resolve(id, new Date(now.getTime() + sessionCacheMs + 1));
      assert.equal(statements, first + 2);
    });

    test('every change to a person counts at once here and on the other server', async () => {
      const { here, there, store } = await twoServers();
      const changes: [string, (id: string) => Promise<unknown>, (u: User | null) => boolean][] = [
        ['a new role', (id) => store.users.setRole(id, 'author'), (u) => u?.role === 'author'],
        [
          'a new name',
          (id) => store.users.setNames(id, { name: 'Renamed', byline: '' }),
          (u) => u?.name === 'Renamed',
        ],
        [
          'a new email',
          (id) => store.users.setEmail(id, 'moved@example.com', null),
          (u) => u?.email === 'moved@example.com' && u.emailVerifiedAt === null,
        ],
        [
          'a confirmed email',
          (id) => store.users.markEmailVerified(id, new Date().toISOString()),
          (u) => u?.emailVerifiedAt !== null,
        ],
        [
          'a suspension, in a transaction',
          (id) =>
            store.transaction((tx) =>
              tx.users.setSanction(id, {
                suspendedUntil: new Date(Date.now() + 3600_000).toISOString(),
                bannedAt: null,
                reason: 'cooling off',
              }),
            ),
          (u) => u?.suspendedUntil !== null && u?.sanctionReason === 'cooling off',
        ],
        [
          'a ban',
          (id) =>
            store.users.setSanction(id, {
              suspendedUntil: null,
              bannedAt: new Date().toISOString(),
              reason: 'spam',
            }),
          (u) => u === null,
        ],
        [
          'a deleted (anonymised) account',
          (id) =>
            store.transaction((tx) =>
              tx.personalData.anonymise(id, {
                name: 'Deleted reader',
                email: `deleted-${id}@invalid`,
                slug: `deleted-${id}`,
              }),
            ),
          (u) => u?.name === 'Deleted reader' && u.role === 'commenter',
        ],
      ];
      for (const [what, change, seen] of changes) {
        const person = await storedPerson(db.store, { role: 'editor' });
        const { id } = await here.start(person.id);
        for (const server of [here, there]) {
          assert.equal((await server.resolve(id))?.user.name, person.name, what);
        }
        await change(person.id);
        const resolved = await here.resolve(id);
        assert.ok(seen(resolved?.user ?? null), `${what}: at once where it was made`);
        const started = Date.now();
        for (;;) {
          const user = (await there.resolve(id))?.user ?? null;
          if (seen(user)) break;
          // Well inside the 30 s bound: the bus brought it, not time.
          assert.ok(Date.now() - started < 5000, `${what}: the other server heard it`);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });

    test('a change to a person is told after its transaction commits, not before', async () => {
      const person = await storedPerson(db.store);
      const told: string[] = [];
      const stop = db.store.users.observeWrites((id) => told.push(id));
      await db.store.transaction(async (tx) => {
        await tx.users.setRole(person.id, 'moderator');
        await tx.users.setNames(person.id, { name: 'Mod', byline: '' });
        assert.deepEqual(told, [], 'nothing told inside the transaction');
      });
      assert.deepEqual(told, [person.id], 'told once, after the commit');
      await db.store.users.setRole(person.id, 'commenter');
      assert.deepEqual(told, [person.id, person.id]);
      stop();
    });

    test('without an announcement, another server trusts the person only until the bound', async () => {
      const { sessions } = await server();
      const other = await db.store.openAnother();
      closing.push(() => other.close());
      const person = await storedPerson(db.store);
      const { id } = await sessions.start(person.id);
      const now = new Date();
      assert.equal((await sessions.resolve(id, now))?.user.role, 'commenter');
      // Changed through another store with no bus between them (not how a server is run).
      await other.users.setRole(person.id, 'editor');
      const later = (ms: number) => new Date(now.getTime() + ms);
      assert.equal((await sessions.resolve(id, later(1000)))?.user.role, 'commenter');
      assert.equal((await sessions.resolve(id, later(sessionCacheMs + 1)))?.user.role, 'editor');
    });

    test('a site change (the bus back after an outage) forgets every person', async () => {
      const { sessions, changes } = await server();
      const other = await db.store.openAnother();
      closing.push(() => other.close());
      const person = await storedPerson(db.store);
      const { id } = await sessions.start(person.id);
      assert.ok(await sessions.resolve(id));
      await other.users.setNames(person.id, { name: 'Quietly renamed', byline: '' });
      assert.equal(sessions.keptPeople, 1);
      changes.publish({ kind: 'site' });
      assert.equal(sessions.keptPeople, 0);
      assert.equal((await sessions.resolve(id))?.user.name, 'Quietly renamed');
    });

    test('a read of a person racing a change to them is not kept after it', async () => {
      const { sessions } = await server();
      const person = await storedPerson(db.store);
      const { id } = await sessions.start(person.id);
      const now = new Date();
      await sessions.resolve(id, now);
      // The kept copy is stale by the bound's end; the next read races a new role.
      const later = new Date(now.getTime() + sessionCacheMs + 1);
      await Promise.all([sessions.resolve(id, later), db.store.users.setRole(person.id, 'admin')]);
      assert.equal((await sessions.resolve(id, later))?.user.role, 'admin');
    });
  });
}
