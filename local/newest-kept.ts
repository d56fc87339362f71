/**
 * The newest entries of an unbounded stream (function log lines, published messages), at most `maxEntries` of them
 * and at most `maxBytes` as `sizeOf` counts them: past either bound the oldest leave. A long `--serve` keeps a flat
 * amount of memory this way whatever the size of each entry, where a bound on the count alone let large entries grow
 * the heap tenfold (docs/BENCHMARKS.md, "Serving: memory"). The newest entry is always kept, however large.
 */
export class NewestKept<T> {
  private entries: T[] = [];
  private sizes: number[] = [];
  /** Entries before `head` have left (removed in steps, so that a push costs no copy of the whole list). */
  private head = 0;
  private bytes = 0;
  private droppedCount = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
    private readonly sizeOf: (entry: T) => number,
  ) {
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new RangeError(`NewestKept: maxEntries must be a whole number of at least 1, not ${maxEntries}.`);
    if (!(maxBytes >= 1)) throw new RangeError(`NewestKept: maxBytes must be at least 1, not ${maxBytes}.`);
  }

  /** Entries kept now. */
  get length(): number {
    return this.entries.length - this.head;
  }

  /** What the kept entries count as, by `sizeOf`. */
  get size(): number {
    return this.bytes;
  }

  /** How many entries left so far. */
  get dropped(): number {
    return this.droppedCount;
  }

  push(entry: T): void {
    const size = this.sizeOf(entry);
    this.entries.push(entry);
    this.sizes.push(size);
    this.bytes += size;
    while (this.length > 1 && (this.length > this.maxEntries || this.bytes > this.maxBytes)) {
      this.bytes -= this.sizes[this.head]!;
      (this.entries as (T | undefined)[])[this.head] = undefined;
      this.head++;
      this.droppedCount++;
    }
    if (this.head >= 1024 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** The kept entries, oldest first (a copy). */
  toArray(): T[] {
    return this.entries.slice(this.head);
  }
}

/** About what a string costs in V8's heap: a byte a character (two for text beyond Latin-1 are rare here) and a header. */
export function stringCost(text: string | undefined): number {
  return text === undefined ? 0 : 16 + text.length;
}
