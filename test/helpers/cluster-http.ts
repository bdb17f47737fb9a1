/**
 * One raw keep-alive HTTP/1.1 connection, for tests that must see what fetch hides: the
 * `Keep-Alive` and `Connection` headers, and when the server closes an idle connection.
 */
import net from 'node:net';
import { withDeadline } from './wait.js';

export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface RawConnection {
  /** Sends a GET on this connection and resolves with the whole answer (Content-Length bodies). */
  get(path: string, headers?: Record<string, string>): Promise<RawResponse>;
  /** True until the server (or `close`) has closed the connection. */
  readonly open: boolean;
  /** Resolves with the time (Date.now()) the connection was closed. */
  readonly closed: Promise<number>;
  close(): void;
}

export async function rawConnection(port: number): Promise<RawConnection> {
  const socket = net.connect(port, '127.0.0.1');
  await withDeadline(
    new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    }),
    10_000,
    `a connection to port ${port}`,
  );
  let open = true;
  let buffer = Buffer.alloc(0);
  let waiting: (() => void) | null = null;
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      open = false;
      waiting?.();
      resolve(Date.now());
    }),
  );
  socket.on('error', () => {}); // a reset shows as the close above
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    waiting?.();
  });
  const more = () => new Promise<void>((resolve) => (waiting = resolve));

  const read = async (): Promise<RawResponse> => {
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = Number(headers['content-length'] ?? 0);
        while (buffer.length < end + 4 + length) {
          if (!open) throw new Error('the connection closed in the middle of an answer');
          await more();
        }
        const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
        buffer = buffer.subarray(end + 4 + length);
        return { status: Number(statusLine!.split(' ')[1]), headers, body };
      }
      if (!open) throw new Error('the connection closed before an answer');
      await more();
    }
  };

  return {
    get open() {
      return open;
    },
    closed,
    async get(path, headers = {}) {
      const lines = Object.entries({ host: `127.0.0.1:${port}`, ...headers }).map(
        ([name, value]) => `${name}: ${value}\r\n`,
      );
      socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('')}\r\n`);
      return withDeadline(read(), 10_000, `the answer to GET ${path}`);
    },
    close: () => socket.destroy(),
  };
}
