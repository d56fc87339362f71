import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionModel } from './stack-model';
import { LocalSetupError } from './errors';

/**
 * The runner and its Step Functions interpreter need the project's Node (package.json `engines.node`), and local
 * functions run in worker threads of the runner's own process, so on the runner's Node. Lambda runs a
 * `nodejs22.x` function on Node 22: the runner refuses a stack whose functions name another major than the Node
 * it runs on, rather than run them on a Node they will never see on AWS.
 */

/** A Node.js binary: its version (`22.23.3`) and where it is. */
export interface NodeBinary {
  readonly version: string;
  readonly path: string;
}

/** `nodejs22.x` → 22 (also the old `nodejs8.10`, `nodejs4.3`); a runtime that names no major → undefined. */
export function runtimeNodeMajor(runtime: string): number | undefined {
  const match = /^nodejs(\d+)\.(?:x|\d+)$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

function major(version: string): number {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** `>=22.11` → [22, 11, 0]; another form of range → undefined. */
export function engineFloor(range: string): [number, number, number] | undefined {
  const match = /^>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function below(version: string, floor: readonly number[]): boolean {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((parts[i] ?? 0) !== floor[i]) return (parts[i] ?? 0) < floor[i];
  return false;
}

export interface NodeCheck {
  /** The stack's functions (their runtimes). */
  readonly functions: readonly Pick<FunctionModel, 'name' | 'runtime'>[];
  /** The Node this process runs on. */
  readonly host: NodeBinary;
  /** The project's own Node (the `node` dev dependency), when installed. */
  readonly project: NodeBinary | undefined;
  /** package.json `engines.node` (`>=22.11`): what the runner itself and its interpreter need. */
  readonly engines: string | undefined;
}

/**
 * Why the runner cannot run here, in two sentences that say what to do; undefined when the host Node satisfies
 * the project's `engines.node` and every function's runtime names the host's major.
 */
export function nodeRuntimeProblem({ functions, host, project, engines }: NodeCheck): string | undefined {
  const hostMajor = major(host.version);
  const floor = engines === undefined ? undefined : engineFloor(engines);
  const wrong = functions.filter((fn) => runtimeNodeMajor(fn.runtime) !== hostMajor);
  let problem: string;
  let wanted: number | undefined;
  if (floor && below(host.version, floor)) {
    problem = `The local runner needs Node ${engines} (package.json engines), but runs on Node ${host.version} (${host.path}).`;
    wanted = floor[0];
  } else if (wrong.length > 0) {
    const { runtime } = wrong[0];
    const names = wrong.filter((fn) => fn.runtime === runtime).map((fn) => fn.name);
    problem =
      `${names.length === 1 ? `Function ${names[0]} runs` : `Functions ${names.join(', ')} run`} on Lambda's ${runtime}, ` +
      `but the local runner runs on Node ${host.version} (${host.path}), and local functions run on the Node major of their runtime, as on Lambda.`;
    wanted = runtimeNodeMajor(runtime);
    if (wanted === undefined) return `${problem} ${runtime} names no Node major: give the function a runtime such as nodejs${hostMajor}.x.`;
  } else {
    return undefined;
  }
  if (project === undefined) {
    return `${problem} Install the project's Node with \`npm ci\`, then run the runner through the npm scripts (\`npm start\`, \`npm run local -- …\`, \`npm test\`), which put it first on PATH.`;
  }
  if (major(project.version) !== wanted) {
    return `${problem} The project's Node (the \`node\` dev dependency, ${project.version}) is not Node ${wanted} either: make package.json's devDependencies.node and the functions' runtime the same major.`;
  }
  return `${problem} Run it through the npm scripts (\`npm start\`, \`npm run local -- …\`, \`npm test\`): they run on the project's Node ${project.version} (node_modules/.bin/node), not on the \`node\` of your PATH.`;
}

/**
 * The project's Node: the `node` dev dependency's binary (npm links it as node_modules/.bin/node), found the way the
 * runner finds its other dependencies (Node's module resolution from this folder).
 */
export function projectNode(): NodeBinary | undefined {
  try {
    const manifest = require.resolve('node/package.json', { paths: [__dirname] });
    const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
    const binary = path.join(path.dirname(manifest), 'bin', 'node');
    return fs.existsSync(binary) ? { version, path: binary } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `engines.node` of the package the runner belongs to: the nearest package.json above this folder, as Node finds a
 * module's package. (The runner's own requirement, not the app's: it does not look for the app.)
 */
function projectEngines(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { engines?: { node?: string } }).engines?.node;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Throws a LocalSetupError when this Node is older than the project's engines, or not a function's runtime major. */
export function assertNodeRuntimes(functions: readonly FunctionModel[]): void {
  const problem = nodeRuntimeProblem({ functions, host: { version: process.versions.node, path: process.execPath }, project: projectNode(), engines: projectEngines() });
  if (problem) throw new LocalSetupError(problem);
}
