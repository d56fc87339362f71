/**
 * A hash table from 48-bit digests (arnDigest) to numbers, in two Float64Arrays (open addressing, linear probing,
 * at most half full): ~32 bytes an entry, where a Map of numbers over 2^31 (each a boxed heap number) took ~80 and
 * was walked by every full collection. What the retention keeps of every execution that left memory (its name stays
 * taken) and the archive's index of its lines: 100,000 executions take ~3–6 MB instead of ~8, and none of it is on the
 * collector's path.
 */
export class DigestTable {
  /** digest + 1 (0: an empty slot). */
  private keys = new Float64Array(1024);
  private values = new Float64Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(digest: number): boolean {
    return this.keys[this.slotOf(digest)] !== 0;
  }

  get(digest: number): number | undefined {
    const slot = this.slotOf(digest);
    return this.keys[slot] === 0 ? undefined : this.values[slot];
  }

  set(digest: number, value: number): void {
    if (!(Number.isSafeInteger(digest) && digest >= 0 && digest < 2 ** 48)) throw new RangeError(`DigestTable: ${digest} is not a 48-bit digest.`);
    let slot = this.slotOf(digest);
    if (this.keys[slot] === 0) {
      if ((this.count + 1) * 2 > this.keys.length) {
        this.grow();
        slot = this.slotOf(digest);
      }
      this.keys[slot] = digest + 1;
      this.count++;
    }
    this.values[slot] = value;
  }

  /** The slot that holds `digest`, or the empty one where it would go. */
  private slotOf(digest: number): number {
    const mask = this.keys.length - 1;
    // The digest's low 32 bits (ToUint32 takes them modulo 2^32): a SHA-1 digest's bits are evenly spread already.
    let slot = (digest >>> 0) & mask;
    const key = digest + 1;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const [keys, values] = [this.keys, this.values];
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Float64Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.slotOf(keys[i]! - 1);
      this.keys[slot] = keys[i]!;
      this.values[slot] = values[i]!;
    }
  }
}
