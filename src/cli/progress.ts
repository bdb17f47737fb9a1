/**
 * A one-line progress bar on a terminal (standard error, so the report on standard output can be
 * piped). Not a terminal — a log file, CI — gets nothing: carriage returns would only litter it.
 */
export interface ProgressBar {
  update: (done: number, total: number) => void;
  /** Clears the line; safe to call twice. */
  done: () => void;
}

interface Terminal {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export function progressBar(out: Terminal, now: () => number = Date.now): ProgressBar {
  if (!out.isTTY) return { update: () => {}, done: () => {} };
  let last = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      shown = true;
      out.write(`\r${progressLine(done, total, out.columns ?? 80)}`);
    },
    done() {
      if (shown) out.write('\r\u001b[2K');
      shown = false;
    },
  };
}

/** "[#######.......]  42%  12.3 MB of 29.1 MB", fitted to the width. */
export function progressLine(done: number, total: number, columns: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const sizes = `${megabytes(done)} of ${megabytes(total)}`;
  const width = Math.max(10, Math.min(40, columns - sizes.length - 12));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}  ${sizes}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
