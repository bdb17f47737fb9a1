/**
 * Scheduled publishing: every app process runs this loop. Each tick asks the database to publish
 * what is due in one conditional UPDATE (see store/newsroom.ts `publishDue`), so with several
 * processes each article goes out exactly once, and after a restart the first tick publishes
 * whatever fell due while nothing was running.
 *
 * The same loop purges drafts deleted more than 30 days ago (decisions/0040), less often: on the
 * first tick, then once every `purgeIntervalMs`. One DELETE each time, so several processes
 * purging at once remove each draft once.
 */
import type { NewsroomService } from './newsroom.js';

export interface SchedulerOptions {
  /** How often to look; an article goes out at most this long after its time. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
  onPublished?: (articleIds: string[]) => void;
  /** How often to purge deleted drafts whose 30 days are over. */
  purgeIntervalMs?: number;
  onPurged?: (articleIds: string[]) => void;
}

export const defaultScheduleIntervalMs = 10_000;
export const defaultPurgeIntervalMs = 60 * 60_000;

export class PublishScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private lastPurge = -Infinity;

  constructor(
    private readonly newsroom: Pick<NewsroomService, 'publishDue'> &
      Partial<Pick<NewsroomService, 'purgeDeleted'>>,
    private readonly options: SchedulerOptions = {},
  ) {}

  /** One look: publishes what is due now and returns the ids this process published. */
  tick(): Promise<string[]> {
    return this.newsroom.publishDue();
  }

  /** Starts the loop with a tick right away (catching up after a restart). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop();
  }

  /** Purges deleted drafts if the last purge was `purgeIntervalMs` ago; the ids it removed. */
  async purgeIfDue(now = Date.now()): Promise<string[]> {
    const purge = this.newsroom.purgeDeleted;
    const interval = this.options.purgeIntervalMs ?? defaultPurgeIntervalMs;
    if (!purge || now - this.lastPurge < interval) return [];
    this.lastPurge = now;
    return purge.call(this.newsroom);
  }

  private loop() {
    const tick = this.tick()
      .then(
        (ids) => {
          if (ids.length > 0) this.options.onPublished?.(ids);
        },
        (error: unknown) => this.options.onError?.(error),
      )
      .then(() => this.purgeIfDue())
      .then(
        (ids) => {
          if (ids.length > 0) this.options.onPurged?.(ids);
        },
        (error: unknown) => this.options.onError?.(error),
      );
    this.running = tick;
    void tick.then(() => {
      this.running = null;
      if (this.stopped) return;
      this.timer = setTimeout(
        () => this.loop(),
        this.options.intervalMs ?? defaultScheduleIntervalMs,
      );
      this.timer.unref();
    });
  }

  /** Stops the loop and waits for a tick in progress, so the store can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
