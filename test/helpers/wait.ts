/**
 * Waiting in tests. Every wait has a deadline, so something that never happens fails the test
 * with a sentence saying what was awaited, instead of hanging the run.
 */

/** Long enough for a loaded machine, short enough that a lost event fails quickly. */
export const defaultWaitMs = 5_000;

/** Settles like `promise`, or rejects once `ms` have passed; the timer never outlives it. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface WaitOptions {
  /** What is awaited, for the failure message ("the scheduler's second look"). */
  what: string;
  timeoutMs?: number;
  /** How often the condition is checked. */
  intervalMs?: number;
}

/** Resolves once `condition` holds, checking it every `intervalMs`; rejects at the deadline. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { what, timeoutMs = defaultWaitMs, intervalMs = 10 }: WaitOptions,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() >= end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
