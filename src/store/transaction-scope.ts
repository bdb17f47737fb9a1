/**
 * Catches a transaction's work reaching the outer store. `store.transaction(work)` hands `work` a
 * store bound to the transaction, but `work` can still close over the outer one; a query there
 * needs a second connection, which on SQLite (one connection, held by the transaction) never
 * comes, and on PostgreSQL runs outside the transaction. The store runs each work inside
 * `within`, and the database's driver asks `refuse` before handing out a connection, so the
 * mistake fails at once with an error that names it, on both databases alike.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Dialect, Driver } from 'kysely';

interface Frame {
  /** Cleared when the work settles: callbacks it left behind may use the store afterwards. */
  open: boolean;
}

export const outerStoreInTransaction =
  'the outer store was used inside a transaction: use the store passed to the work of ' +
  'store.transaction() (or groupedTransaction); on SQLite the outer store would wait for the ' +
  'transaction forever';

export class TransactionScope {
  private readonly frames = new AsyncLocalStorage<Frame>();
  private open = 0;

  /** Runs `work` as a transaction's work of this database. */
  async within<T>(work: () => Promise<T>): Promise<T> {
    const frame: Frame = { open: true };
    this.open++;
    try {
      return await this.frames.run(frame, work);
    } finally {
      frame.open = false;
      // On Node 20 an enabled AsyncLocalStorage runs a hook for every promise in the process
      // (decisions/0030 measured it); off between transactions, only their time pays for it.
      if (--this.open === 0) this.frames.disable();
    }
  }

  /** Throws when called, directly or through callbacks, from an unfinished transaction's work. */
  refuse(): void {
    if (this.frames.getStore()?.open) throw new Error(outerStoreInTransaction);
  }

  /** Kysely's dialect with a driver that refuses new connections inside a transaction's work. */
  guard(dialect: Dialect): Dialect {
    return {
      createAdapter: () => dialect.createAdapter(),
      createDriver: () => this.guardDriver(dialect.createDriver()),
      createIntrospector: (db) => dialect.createIntrospector(db),
      createQueryCompiler: () => dialect.createQueryCompiler(),
    };
  }

  private guardDriver(driver: Driver): Driver {
    const acquireConnection = async () => {
      this.refuse();
      return driver.acquireConnection();
    };
    // A proxy keeps the driver's optional methods (savepoints) exactly as the driver has them;
    // they are bound once, since Kysely looks them up on every query.
    const bound = new Map<PropertyKey, unknown>();
    return new Proxy(driver, {
      get: (target, key) => {
        if (key === 'acquireConnection') return acquireConnection;
        if (bound.has(key)) return bound.get(key);
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        const method: unknown = (value as () => unknown).bind(target);
        bound.set(key, method);
        return method;
      },
    });
  }
}
