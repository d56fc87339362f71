import * as fs from 'node:fs';

/**
 * Peak resident memory of a process and all its descendants together (the CLIs start the app as a child: `npx
 * cdktf synth` is npm, the cdktf CLI and the app at once), sampled from Linux's /proc every few milliseconds while
 * the process runs. Elsewhere (no /proc) it measures nothing and the bench says so.
 */

/** True when this machine has what the sampler reads. */
export function canSampleTree(): boolean {
  return fs.existsSync('/proc/self/status') && fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`);
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended between two reads
  }
}

/** `pid` and every process below it, now. */
export function processTree(pid: number): number[] {
  const found: number[] = [];
  const toVisit = [pid];
  while (toVisit.length > 0) {
    const at = toVisit.pop() as number;
    found.push(at);
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${at}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      for (const child of read(`/proc/${at}/task/${task}/children`).split(' ').filter(Boolean)) toVisit.push(Number(child));
    }
  }
  return found;
}

/** Resident memory of the processes together (KiB), from each one's /proc/<pid>/status (VmRSS). */
export function residentKb(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(read(`/proc/${pid}/status`))?.[1] ?? 0);
  return kb;
}

/** Samples the tree under `pid` every `everyMs` until stopped; `stop()` answers the peak sum (KiB), or undefined. */
export function sampleTreePeak(pid: number, everyMs = 5): { stop: () => number | undefined } {
  if (!canSampleTree()) return { stop: () => undefined };
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, residentKb(processTree(pid)));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak > 0 ? peak : undefined;
    },
  };
}
