/**
 * The real server as its own process (`broadsheet serve` through tsx), for tests that need
 * several processes or a process to kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { withDeadline } from './wait.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bootTimeoutMs = 60_000;
/** A graceful shutdown that takes longer than this is a failure (the process is then killed). */
const stopTimeoutMs = 15_000;

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit; rejects (after SIGKILL) if it does not come in time. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
}

/** Starts `serve` with only these variables and resolves once /healthz answers. */
export async function startServerProcess(
  env: Record<string, string>,
  port?: number,
): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      DEMO: '0',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: String(chosen),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${chosen}`;
  const deadline = Date.now() + bootTimeoutMs;
  for (;;) {
    if (gone) throw new Error(`serve exited before answering:\n${output}`);
    // A server that accepts but never answers must not stall the boot loop past its deadline.
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).catch(
      () => null,
    );
    if (res?.ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not answer /healthz in time:\n${output}`);
    }
    await delay(50); // polling while the server boots
  }
  return {
    url,
    port: chosen,
    child,
    output: () => output,
    exited,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      try {
        return await withDeadline(exited, stopTimeoutMs, 'serve to exit after SIGTERM');
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
    },
    async kill() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
}
