/**
 * Task tokens of `.waitForTaskToken` Tasks (Developer Guide, "Wait for a Callback with Task Token"): the execution
 * waits until SendTaskSuccess or SendTaskFailure names the token; SendTaskHeartbeat restarts the heartbeat count.
 */
import { randomUUID } from 'node:crypto';
import { StatesError } from './errors';

/** SendTaskSuccess/Failure/Heartbeat named a token no Task waits for (the API's TaskDoesNotExist). */
export class TaskDoesNotExist extends Error {
  constructor(token: string) {
    super(`No Task of this execution waits for the task token '${token}' (it was never issued, or is already closed).`);
    this.name = 'TaskDoesNotExist';
  }
}

interface Pending {
  readonly settled: Promise<unknown>;
  resolve(output: unknown): void;
  reject(error: StatesError): void;
  onHeartbeat?: () => void;
}

export class TaskTokens {
  private readonly pending = new Map<string, Pending>();

  /** Issues a token; `settled` resolves with SendTaskSuccess's output or rejects with SendTaskFailure's error. */
  issue(): { token: string; settled: Promise<unknown> } {
    const token = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
    let resolve!: (output: unknown) => void;
    let reject!: (error: StatesError) => void;
    const settled = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    settled.catch(() => undefined);
    this.pending.set(token, { settled, resolve, reject });
    return { token, settled };
  }

  onHeartbeat(token: string, listener: () => void): void {
    const entry = this.pending.get(token);
    if (entry) entry.onHeartbeat = listener;
  }

  /** The token is no longer awaited (its Task ended another way). */
  close(token: string): void {
    this.pending.delete(token);
  }

  succeed(token: string, output: unknown): void {
    this.take(token).resolve(output);
  }

  fail(token: string, error = '', cause = ''): void {
    this.take(token).reject(new StatesError(error, cause));
  }

  heartbeat(token: string): void {
    const entry = this.pending.get(token);
    if (!entry) throw new TaskDoesNotExist(token);
    entry.onHeartbeat?.();
  }

  private take(token: string): Pending {
    const entry = this.pending.get(token);
    if (!entry) throw new TaskDoesNotExist(token);
    this.pending.delete(token);
    return entry;
  }
}
