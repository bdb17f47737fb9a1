/**
 * Changes between the worker processes of one machine when there is no PostgreSQL to carry them
 * (SQLite with WORKERS > 1): each worker sends its changes to the primary over the cluster's IPC
 * channel, and the primary passes them on to every other worker.
 */
import cluster from 'node:cluster';
import type { ChangeChannel } from './services/changes.js';

interface Envelope {
  broadsheetChange: string;
}

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as Envelope).broadsheetChange === 'string'
  );
}

/** In a worker: the channel to the other workers, through the primary. */
export function workerChannel(): ChangeChannel {
  return {
    send(message) {
      process.send?.({ broadsheetChange: message } satisfies Envelope);
    },
    onMessage(listener) {
      process.on('message', (message: unknown) => {
        if (isEnvelope(message)) listener(message.broadsheetChange);
      });
    },
    // The IPC channel lives as long as the worker: it is never down and back.
    onReconnect() {},
  };
}

/** In the primary: passes every worker's changes on to all the others. */
export function relayBetweenWorkers(): void {
  cluster.on('message', (from, message: unknown) => {
    if (!isEnvelope(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(message);
    }
  });
}
