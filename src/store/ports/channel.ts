/**
 * Messages between the app processes that share this database (store/postgres/channel.ts).
 * Used by the change bus's relay to other processes.
 */
export interface NotificationChannel {
  /** Settles once the channel listens (or its first attempt failed and it keeps retrying). */
  readonly ready: Promise<void>;
  /** Sends to every other process listening; never throws (failures are reported). */
  send(message: string): void;
  /** Messages from the other processes (never this one's own). */
  onMessage(listener: (message: string) => void): void;
  /** Called after the channel was down and is back: messages may have been missed meanwhile. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}
