/**
 * The running process: open the database, load demo content into an empty one, listen, and
 * shut down gracefully. With WORKERS > 1 a primary process prepares the database and forks
 * that many HTTP workers sharing the port.
 */
import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { App } from './http/app.js';
import type { Config } from './config.js';
import { limitHeapGrowth } from './heap-growth.js';
import { createLogger } from './logger.js';
import { relayBetweenWorkers, workerChannel } from './cluster-channel.js';
import { composeProgram, createServices } from './compose.js';
import { LocalChangeBus, RelayedChangeBus, type ChangeBus } from './services/changes.js';
import { PublishScheduler } from './services/scheduler.js';
import { StartupError, startupFailureExitCode } from './startup.js';
import { openStore, runMigrations, type Store } from './store/index.js';

export { StartupError, startupFailureExitCode };

const shutdownTimeoutMs = 10_000;

/** An error's message for one line of output; Node's connection errors may be aggregates. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return [...new Set(error.errors.map(reasonOf))].join('; ');
  }
  const message = error instanceof Error ? error.message : String(error);
  return (message || String(error)).replace(/\s*\n\s*/g, ' ');
}

function databaseFailure(config: Config, error: unknown): StartupError {
  const reason = reasonOf(error);
  if (config.databaseUrl) {
    const where = new URL(config.databaseUrl);
    return new StartupError(
      `cannot use the PostgreSQL database at ${where.hostname}:${where.port || 5432}${where.pathname}: ${reason}`,
    );
  }
  return new StartupError(`cannot use the SQLite database in ${config.dataDir}: ${reason}`);
}

export async function openConfiguredStore(config: Config): Promise<Store> {
  try {
    return await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    throw databaseFailure(config, error);
  }
}

/** For `broadsheet migrate`: the names of the migrations it applied. */
export async function migrateConfigured(config: Config): Promise<string[]> {
  try {
    return await runMigrations({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    throw databaseFailure(config, error);
  }
}

/**
 * This process's change bus. Workers hear each other's changes through the primary unless the
 * database carries them itself (PostgreSQL's LISTEN/NOTIFY, heard before serving, so a change
 * made elsewhere right after start-up is not missed); a single SQLite process keeps its own.
 * Close it after the server.
 */
export async function openChangeBus(
  store: Store,
  onError: (error: unknown) => void,
): Promise<{ changes: ChangeBus; close(): Promise<void> }> {
  if (cluster.isWorker && !store.database.carriesChanges) {
    return { changes: new RelayedChangeBus(workerChannel(), onError), close: async () => {} };
  }
  const channel = store.openChannel(onError);
  if (!channel) return { changes: new LocalChangeBus(), close: async () => {} };
  await channel.ready;
  return { changes: new RelayedChangeBus(channel, onError), close: () => channel.close() };
}

/** Runs once per installation start: migrations (inside openStore), demo content, admin hint. */
export async function prepare(
  config: Config,
  store: Store,
  log: (line: string) => void,
): Promise<void> {
  // Nothing is mailed here, so the services need no SMTP.
  const services = createServices(store, {
    baseUrl: config.baseUrl,
    smtpUrl: null,
    log: { info: () => {}, warn: () => {} },
  });
  if (config.demo && (await services.demo.loadIfEmpty())) {
    log(
      'Loaded the demo content into the empty database. Remove it with "npx broadsheet demo remove" or from /admin/site.',
    );
  }
  // The key that signs unsubscribe links, made once, before any process sends an email.
  await services.notifications.ensureSecret();
  await services.newsletters.ensureSecret();
  if (!(await services.users.hasAdmin())) {
    // A fresh link at every start; the one printed before stops working.
    const link = await services.accounts.createSetupLink();
    log(
      'No admin account yet. Open this link within an hour to create the first admin:\n' +
        `  ${link}\n` +
        'Or create one with the CLI:\n' +
        "  printf '%s' 'a-long-password' | npx broadsheet user create --email you@example.com --name 'Your Name' --role admin\n" +
        `then sign in at ${config.baseUrl}/signin`,
    );
  }
}

export async function serve(config: Config): Promise<void> {
  // The old generation's growth between full collections is what RSS under load is made of
  // (decisions/0088). Each process sets it for itself: the primary and every worker.
  limitHeapGrowth();
  if (config.workers > 1 && cluster.isPrimary) return servePrimary(config);
  const logger = createLogger(config.logLevel);
  const store = await openConfiguredStore(config);
  let server: FastifyInstance | undefined;
  let app: App | undefined;
  let scheduler: PublishScheduler | undefined;
  let stopDigest: (() => Promise<void>) | undefined;
  let stopWebhooks: (() => Promise<void>) | undefined;
  let bus: { close(): Promise<void> } | undefined;
  try {
    if (cluster.isPrimary) await prepare(config, store, (line) => console.log(line));
    // Loaded here so that CLI commands other than serve start quickly.
    const { buildApp } = await import('./http/app.js');
    const opened = await openChangeBus(store, (error) =>
      logger.warn({ err: error }, 'change bus: a listener or the channel failed'),
    );
    bus = opened;
    const program = await composeProgram({ config, store, log: logger, changes: opened.changes });
    app = await buildApp({ config, logger, ...program });
    server = app.server;
    await server.listen({ port: config.port, host: config.host });
    // Every process runs the scheduler; the database makes each publication happen once.
    scheduler = new PublishScheduler(app.services.newsroom, {
      onError: (error) =>
        logger.error({ err: error }, 'scheduled publishing or the purge of deleted drafts failed'),
      onPublished: (ids) => logger.info({ articleIds: ids }, 'published scheduled articles'),
      onPurged: (ids) => logger.info({ articleIds: ids }, 'purged drafts deleted 30 days ago'),
    });
    scheduler.start();
    // Every process checks each minute; the database makes each digest go out once.
    const digest = app.services.moderationDigest;
    digest.start(60_000, (error) => logger.error({ err: error }, 'the moderation digest failed'));
    // Every process delivers webhooks; a conditional update gives each delivery to one of them.
    const webhooks = app.services.webhooks;
    webhooks.start();
    stopWebhooks = () => webhooks.stop();
    // Newsletters (issue 21): every process makes what is due and sends from the shared queue;
    // the database makes each issue once and each delivery go to one process.
    const { newsletterDesk, newsletterSender } = app.services;
    newsletterDesk.start(60_000, (error) => logger.error({ err: error }, 'newsletters failed'));
    newsletterSender.start(2_000, (error) => logger.error({ err: error }, 'sending failed'));
    // Audience insights (issue 24): every process writes its counted views every few seconds.
    const { views } = app.services;
    views.start(5_000, (error) => logger.warn({ err: error }, 'writing counted views failed'));
    stopDigest = () =>
      Promise.all([
        digest.stop(),
        newsletterDesk.stop(),
        newsletterSender.stop(),
        views.stop().catch(() => {}),
      ]).then(() => {});
  } catch (error) {
    // Whatever failed, release the port and the database so the process can exit.
    await server?.close().catch(() => {});
    await bus?.close().catch(() => {});
    await store.close().catch(() => {});
    throw listenFailure(config, error);
  }
  if (cluster.isPrimary) {
    console.log(`Broadsheet is serving ${config.baseUrl} (${store.database.name})`);
  }

  let stopping = false;
  const { drain, live } = app!;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining connections');
    const force = setTimeout(() => {
      logger.error(
        `shutdown took longer than ${Math.round(stopBoundMs(config) / 1000)} s; exiting`,
      );
      process.exit(1);
    }, stopBoundMs(config));
    force.unref();
    // The drain (docs/deploy.md): stop accepting, end live streams with a retry hint so readers
    // reconnect elsewhere, answer what still arrives on open connections (each answer closes its
    // connection), and wait for the balancer to close its idle ones, at most DRAIN_SECONDS.
    // Then close() ends whatever is left, and the database is closed.
    drain.begin();
    // No new stream from here on (the hub refuses them; the drain sends them elsewhere first).
    // Giving back its streams' leases (shared limits) finishes before the database closes.
    const liveClosed = live.close();
    drain
      .settled(config.drainSeconds * 1000)
      .then((left) => {
        if (left > 0) logger.warn({ connections: left }, 'drain time over; closing connections');
        return server.close();
      })
      .then(() => scheduler?.stop())
      .then(() => stopDigest?.())
      .then(() => stopWebhooks?.())
      .then(() => liveClosed)
      .then(() => bus?.close())
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error during shutdown');
          process.exit(1);
        },
      );
  };
  // `on`, not `once`: systemd may signal a worker twice (itself and through the primary), and a
  // second SIGTERM must not kill the process in the middle of its drain.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The longest a stop may take: the drain, then closing everything else. */
function stopBoundMs(config: Config): number {
  return config.drainSeconds * 1000 + shutdownTimeoutMs;
}

/** A listen error as one line for the operator; anything else is passed on as it is. */
function listenFailure(config: Config, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `port ${config.port} on ${config.host} is already in use; set PORT to a free port`,
    );
  }
  if (code === 'EACCES') {
    return new StartupError(
      `not allowed to listen on port ${config.port}; choose a port above 1023`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') {
    return new StartupError(`cannot listen on HOST=${config.host}: no such local address`);
  }
  return error;
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
  // The workers' side of this choice is in serve().
  if (!store.database.carriesChanges) relayBetweenWorkers();
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
    setTimeout(() => process.exit(1), stopBoundMs(config) + 1000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
