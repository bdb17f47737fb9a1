/**
 * nginx as the load balancer of the cluster test, configured from deploy/nginx-broadsheet.conf,
 * the file docs/deploy.md shows: only the placeholders are filled in, and the few lines a
 * non-system nginx needs around it (its own folder for the pid, logs and temporary files).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const nginxTemplatePath = path.join(root, 'deploy/nginx-broadsheet.conf');
export const nginxBinary = '/usr/sbin/nginx';

/** The site configuration with its placeholders filled in. */
export function nginxSiteConfig(listen: string, servers: readonly string[], name: string): string {
  const lines = servers.map((s) => `    server ${s} max_fails=1 fail_timeout=5s;`).join('\n');
  return readFileSync(nginxTemplatePath, 'utf8')
    .replace('{{SERVERS}}', lines)
    .replace('{{LISTEN}}', listen)
    .replace('{{SERVER_NAME}}', name);
}

export interface Nginx {
  url: string;
  /** The error log: why a request failed, when one did. */
  errors(): string;
  stop(): Promise<void>;
}

/** Starts nginx in the foreground with the site config; resolves once it answers. */
export async function startNginx(
  dir: string,
  port: number,
  servers: readonly string[],
): Promise<Nginx> {
  for (const sub of ['temp', 'logs']) mkdirSync(path.join(dir, sub), { recursive: true });
  writeFileSync(
    path.join(dir, 'broadsheet.conf'),
    nginxSiteConfig(`127.0.0.1:${port}`, servers, 'localhost'),
  );
  // What /etc/nginx/nginx.conf gives a system nginx, in a folder of its own.
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      'user root;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/logs/error.log warn;`,
      'events { worker_connections 4096; }',
      'http {',
      '    access_log off;',
      `    client_body_temp_path ${dir}/temp/body;`,
      `    proxy_temp_path ${dir}/temp/proxy;`,
      `    fastcgi_temp_path ${dir}/temp/fastcgi;`,
      `    uwsgi_temp_path ${dir}/temp/uwsgi;`,
      `    scgi_temp_path ${dir}/temp/scgi;`,
      `    include ${dir}/broadsheet.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    nginxBinary,
    ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/logs/error.log`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const errors = () => {
    try {
      return readFileSync(`${dir}/logs/error.log`, 'utf8');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) throw new Error(`nginx exited:\n${output}\n${errors()}`);
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).catch(
      () => null,
    );
    if (res?.ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer:\n${output}\n${errors()}`);
    await delay(100); // polling while nginx starts
  }
  return {
    url,
    errors,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}
