/**
 * The running process: open the database, load demo content into an empty one, listen, and
 * shut down gracefully. With WORKERS > 1 a primary process prepares the database and forks
 * that many HTTP workers sharing the port.
 */
import cluster from 'node:cluster';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { loadDemoIfEmpty } from './services/demo.js';
import { UserService } from './services/users.js';
import { openStore, type Store } from './store/index.js';

/** A start-up failure with a one-line explanation for the operator. */
export class StartupError extends Error {
  override name = 'StartupError';
}

const shutdownTimeoutMs = 10_000;
/** Exit code of a process that could not start (bad configuration, database, port). */
export const startupFailureExitCode = 2;

export async function openConfiguredStore(config: Config): Promise<Store> {
  try {
    return await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    const reason = (error as Error).message || String(error);
    if (config.databaseUrl) {
      const where = new URL(config.databaseUrl);
      throw new StartupError(
        `cannot use the PostgreSQL database at ${where.hostname}:${where.port || 5432}${where.pathname}: ${reason}`,
      );
    }
    throw new StartupError(`cannot use the SQLite database in ${config.dataDir}: ${reason}`);
  }
}

/** Runs once per installation start: migrations (inside openStore), demo content, admin hint. */
async function prepare(config: Config, store: Store, log: (line: string) => void): Promise<void> {
  if (config.demo && (await loadDemoIfEmpty(store)))
    log('Loaded the demo content into the empty database.');
  if (!(await new UserService(store).hasAdmin())) {
    log(
      'No admin account yet. Create one with:\n' +
        "  printf '%s' 'a-long-password' | npx broadsheet user create --email you@example.com --name 'Your Name' --role admin\n" +
        `then sign in at ${config.baseUrl}/signin`,
    );
  }
}

export async function serve(config: Config): Promise<void> {
  if (config.workers > 1 && cluster.isPrimary) return servePrimary(config);
  const logger = createLogger(config.logLevel);
  const store = await openConfiguredStore(config);
  if (cluster.isPrimary) await prepare(config, store, (line) => console.log(line));

  const { server } = await buildApp({ config, store, logger });
  try {
    await server.listen({ port: config.port, host: config.host });
  } catch (error) {
    await server.close();
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        `port ${config.port} on ${config.host} is already in use; set PORT to a free port`,
      );
    }
    if (code === 'EACCES') {
      throw new StartupError(
        `not allowed to listen on port ${config.port}; choose a port above 1023`,
      );
    }
    if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') {
      throw new StartupError(`cannot listen on HOST=${config.host}: no such local address`);
    }
    throw error;
  }
  if (cluster.isPrimary) {
    console.log(
      `Broadsheet is serving ${config.baseUrl} (${store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'})`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, shutdownTimeoutMs);
    force.unref();
    // close() stops accepting, lets in-flight requests finish, then the database is closed.
    server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error during shutdown');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function servePrimary(config: Config): Promise<void> {
  const store = await openConfiguredStore(config);
  try {
    await prepare(config, store, (line) => console.log(line));
  } finally {
    await store.close();
  }
  let stopping = false;
  let listening = 0;
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('listening', () => {
    listening++;
    if (listening === config.workers) {
      console.log(
        `Broadsheet is serving ${config.baseUrl} with ${config.workers} worker processes`,
      );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (code === startupFailureExitCode) {
      // The worker said why on stderr; restarting it would only fail the same way.
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = startupFailureExitCode;
      return;
    }
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), shutdownTimeoutMs + 1000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
