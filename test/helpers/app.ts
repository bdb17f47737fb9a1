/** Starts the whole app on a free port against a test database, as a reader would reach it. */
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { composeProgram } from '../../src/compose.js';
import { buildApp, type App } from '../../src/http/app.js';
import type { Limits } from '../../src/http/limits.js';
import { openChangeBus } from '../../src/server.js';
import type { OpenedStore } from './databases.js';

export interface RunningApp extends App {
  url: string;
  config: Config;
  close(): Promise<void>;
}

export async function startApp(
  db: OpenedStore,
  env: Record<string, string> = {},
  limits?: Partial<Limits>,
  options: { clock?: () => Date; logger?: Logger; port?: number } = {},
): Promise<RunningApp> {
  // BASE_URL is fixed so canonical links are predictable; requests go to the real port.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: db.dataDir,
    DEMO: '0',
    LOG_LEVEL: 'silent',
    BASE_URL: 'http://broadsheet.test',
    ...env,
  });
  const logger = options.logger ?? pino({ level: 'silent' });
  const bus = await openChangeBus(db.store, () => {});
  const program = await composeProgram({
    config,
    store: db.store,
    log: logger,
    changes: bus.changes,
    ...(limits ? { limits } : {}),
  });
  const app = await buildApp({
    config,
    logger,
    ...program,
    ...(limits ? { limits } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.server.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  return {
    ...app,
    url: `http://127.0.0.1:${port}`,
    config,
    close: async () => {
      await app.server.close();
      await bus.close();
    },
  };
}
