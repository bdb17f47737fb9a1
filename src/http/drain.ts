/**
 * The graceful drain of one server process on SIGTERM (docs/deploy.md,
 * docs/decisions/0062-drain-and-timeouts.md): stop accepting connections, answer every request
 * that still arrives on an open connection and close that connection after the answer, send live
 * streams' new requests elsewhere, and wait until the load balancer has closed its idle
 * connections. Behind a balancer the server never closes an idle connection itself while
 * draining: the balancer may be sending a request on it at that moment, and a POST lost that way
 * cannot be retried.
 */
import net from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { endStreamsOf } from './sse.js';

export class Drain {
  private draining = false;
  private readonly sockets = new Set<net.Socket>();

  /**
   * `waitForIdle`: behind a load balancer (TRUST_PROXY set) idle connections are left for it to
   * close; without one, nobody else could take the next request, so they are closed at once.
   */
  constructor(
    private readonly server: Server,
    private readonly waitForIdle = true,
  ) {
    server.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** True once `begin` has been called. */
  get active(): boolean {
    return this.draining;
  }

  /** Connections open now (idle, busy or streaming). */
  get connections(): number {
    return this.sockets.size;
  }

  /**
   * Runs before anything else for every request; true when it has answered the request itself.
   * While draining, every answer closes its connection, and a new live stream gets 503 with
   * Retry-After: a balancer passes it to another server (nginx `proxy_next_upstream http_503`),
   * a browser's EventSource tries again.
   */
  intercept(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.draining) return false;
    res.shouldKeepAlive = false;
    const stream = req.method === 'GET' && /text\/event-stream/i.test(req.headers.accept ?? '');
    if (!stream) return false;
    res.writeHead(503, { 'retry-after': '1', 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
    return true;
  }

  /**
   * Stops accepting new connections (the balancer's next attempt is refused and goes to another
   * server) without closing the open ones, unlike http.Server#close, which closes idle ones; and
   * ends every live stream (readers' and moderators') with a retry hint.
   */
  begin(): void {
    if (this.draining) return;
    this.draining = true;
    net.Server.prototype.close.call(this.server);
    endStreamsOf(this.server);
    if (!this.waitForIdle) this.server.closeIdleConnections();
  }

  /** Resolves once no connection is open, or after `ms`; with the number still open. */
  async settled(ms: number): Promise<number> {
    const end = Date.now() + ms;
    while (this.sockets.size > 0 && Date.now() < end) {
      await delay(50); // connections close on the balancer's schedule; a short poll suffices
    }
    return this.sockets.size;
  }
}
