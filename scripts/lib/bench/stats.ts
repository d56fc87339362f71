/** Small, pure helpers for timings: median and spread of a sample, and how figures are written. */

export interface Summary {
  /** How many samples. */
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median (the mean of the two middle values for an even count). Throws on an empty sample. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summary of no samples');
  return { n: samples.length, median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/** `412 ms`, `1.25 s`, `1 min 12 s`. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** `1.25 s (1.20–1.31 s, n=5)`: median, then min–max and the number of runs. One run: just the figure. */
export function formatSummary(summary: Summary, format: (value: number) => string = formatMs): string {
  if (summary.n === 1) return `${format(summary.median)} (n=1)`;
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)}, n=${summary.n})`;
}

/** `812 B`, `79.0 KiB`, `1.50 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

/** `12,345`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Dollars: two decimals from $1, else three significant digits (`$0.0104`); never exponent notation. */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0.00';
  if (Math.abs(amount) >= 1) return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const decimals = Math.min(12, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(amount)))));
  return `$${amount.toFixed(decimals)}`;
}
