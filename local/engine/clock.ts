/**
 * An execution's clock. Step Functions counts time for Wait states, retry intervals and timeouts; locally we keep that
 * count without spending it.
 *
 * - `RealClock`: time is the wall clock, a sleep really sleeps.
 * - `VirtualClock` (the default): now = the wall clock + an offset of skipped time. A sleep registers a due time. While
 *   nothing real is in flight (no Task handler running, no task token awaited), the clock jumps to the earliest due
 *   time instead of waiting for it; while real work runs, time passes in real time and a due timer fires on the wall
 *   clock. So a machine with TimeoutSeconds 20 and a 25 s Wait ends TIMED_OUT at once, and a Task whose handler
 *   really takes 2 s still meets its 1 s TimeoutSeconds. A piece of work holds the clock for at most `holdMs` of real
 *   time (default 1.5 s): a handler that never answers does not make a one-hour TimeoutSeconds cost an hour. Work
 *   and awaited callbacks (task tokens, answered by someone outside) may be given different holds: a host whose
 *   handlers always settle (the local runner's) lets them hold the clock until they do.
 */
export interface Clock {
  /** Milliseconds since the epoch, on this clock. */
  now(): number;
  /** Resolves after `ms` on this clock; rejects with the signal's reason when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Marks `work` as real work in flight until it settles (the virtual clock does not jump meanwhile, up to its
   * hold). `callback`: an answer awaited from outside (a task token) rather than work this process does.
   */
  track<T>(work: Promise<T>, kind?: TrackedKind): Promise<T>;
}

/** What a tracked promise is: work this process does (a Task handler, object store I/O) or an awaited callback. */
export type TrackedKind = 'work' | 'callback';

/** How long (real ms) each kind of tracked promise holds the virtual clock. */
export interface ClockHolds {
  readonly workMs: number;
  readonly callbackMs: number;
}

/** A clock that reads the wall clock plus an offset: `start` (when given) is its now at construction. */
abstract class OffsetClock {
  protected offset: number;

  constructor(start?: Date) {
    this.offset = start ? start.getTime() - Date.now() : 0;
  }

  now(): number {
    return Date.now() + this.offset;
  }
}

export class RealClock extends OffsetClock implements Clock {
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  track<T>(work: Promise<T>, _kind?: TrackedKind): Promise<T> {
    return work;
  }
}

interface Timer {
  readonly due: number;
  readonly fire: () => void;
  done: boolean;
}

/** The longest real timeout Node accepts; a longer sleep is re-armed (virtually it jumps anyway). */
const MAX_REAL_TIMEOUT = 2_147_483_647;

/** How long (real ms) one piece of tracked work holds the virtual clock before the clock may jump past it. */
export const DEFAULT_HOLD_MS = 1500;

export class VirtualClock extends OffsetClock implements Clock {
  private readonly inFlight = new Set<{ readonly since: number; readonly holdMs: number }>();
  private readonly holds: ClockHolds;
  private timers: Timer[] = [];
  private checkScheduled = false;
  private holdTimer: NodeJS.Timeout | undefined;

  constructor(start?: Date, holds: Partial<ClockHolds> = {}) {
    super(start);
    const callbackMs = holds.callbackMs ?? DEFAULT_HOLD_MS;
    this.holds = { callbackMs, workMs: holds.workMs ?? callbackMs };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let realTimer: NodeJS.Timeout | undefined;
      const timer: Timer = {
        due: this.now() + Math.max(0, ms),
        done: false,
        fire: () => {
          if (timer.done) return;
          timer.done = true;
          if (realTimer) clearTimeout(realTimer);
          signal?.removeEventListener('abort', onAbort);
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
      };
      const onAbort = (): void => {
        if (timer.done) return;
        timer.done = true;
        if (realTimer) clearTimeout(realTimer);
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      // While real work is in flight, the timer fires on the wall clock.
      const arm = (): void => {
        const wait = timer.due - this.now();
        if (wait <= 0) return timer.fire();
        realTimer = setTimeout(() => (timer.due <= this.now() ? timer.fire() : arm()), Math.min(wait, MAX_REAL_TIMEOUT));
      };
      arm();
      this.scheduleCheck();
    });
  }

  async track<T>(work: Promise<T>, kind: TrackedKind = 'work'): Promise<T> {
    const entry = { since: Date.now(), holdMs: kind === 'callback' ? this.holds.callbackMs : this.holds.workMs };
    this.inFlight.add(entry);
    this.armHoldCheck();
    try {
      return await work;
    } finally {
      this.inFlight.delete(entry);
      this.scheduleCheck();
    }
  }

  /** Work that still holds the clock (in flight for less than its hold). */
  private holding(): boolean {
    const now = Date.now();
    for (const entry of this.inFlight) if (now - entry.since < entry.holdMs) return true;
    return false;
  }

  /** Looks again when the oldest holding work stops holding. */
  private armHoldCheck(): void {
    if (this.holdTimer || this.inFlight.size === 0) return;
    const now = Date.now();
    let next = Infinity;
    for (const entry of this.inFlight) if (now - entry.since < entry.holdMs) next = Math.min(next, entry.since + entry.holdMs - now);
    // Work held until it settles (an infinite hold) needs no look: settling schedules one.
    if (next === Infinity || next > MAX_REAL_TIMEOUT) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      this.scheduleCheck();
      this.armHoldCheck();
    }, next + 1);
    // Only a look at the clock: it must not keep a finished process (or a test runner) alive.
    this.holdTimer.unref();
  }

  /** After the current turn's microtasks (and one more turn, for work that starts on the next tick) settle. */
  private scheduleCheck(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() =>
      setImmediate(() => {
        this.checkScheduled = false;
        this.jumpIfIdle();
      }),
    );
  }

  private jumpIfIdle(): void {
    if (this.timers.length === 0 || this.holding()) return;
    const next = this.timers.reduce((a, b) => (b.due < a.due ? b : a));
    const skip = next.due - this.now();
    if (skip > 0) this.offset += skip;
    next.fire();
    if (this.timers.length > 0) this.scheduleCheck();
  }
}

export function createClock(kind: 'virtual' | 'real' | undefined, start?: Date, holds?: Partial<ClockHolds>): Clock {
  return kind === 'real' ? new RealClock(start) : new VirtualClock(start, holds);
}
