/** How a process that cannot start says so; kept apart so the CLI loads it without the server. */

/** A start-up failure with a one-line explanation for the operator. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Exit code of a process that could not start (bad configuration, database, port). */
export const startupFailureExitCode = 2;
