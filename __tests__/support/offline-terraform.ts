/**
 * What cdktf's `toBeValidTerraform()` and `toPlanSuccessfully()` need to run here, offline. They run
 * `terraform init`, `validate` and `plan` in a `Testing.fullSynth` folder with this process's environment, so the
 * environment is what makes them offline: the CLI config of scripts/lib/terraform-offline.ts (providers from the
 * filesystem mirror only, written to a temporary folder, never ~/.terraformrc), fake credentials, and the plan-time
 * AWS calls sent to the stub of scripts/lib/aws-plan-stub.ts, which runs in a process of its own
 * (aws-plan-stub-process.ts says why).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { terraformEnv, writeCliConfig, type OfflineTools, type ProviderMirror } from '../../scripts/lib/terraform-offline';
import { launched } from '../../scripts/lib/project';
import { PROJECT_ROOT } from '../../stacks/config';

/** `registry.terraform.io/hashicorp/aws` for every provider the Terraform JSON requires (`aws` is short for it). */
function requiredProviders(json: { terraform?: { required_providers?: Record<string, { source?: string }> } }): string[] {
  return Object.entries(json.terraform?.required_providers ?? {}).map(([name, { source = name }]) => {
    const parts = source.split('/');
    if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
    return parts.length === 2 ? `registry.terraform.io/${source}` : source;
  });
}

/** The required providers of which the mirror holds no version (in either layout). */
export function missingFromMirror(json: Parameters<typeof requiredProviders>[0], mirror: ProviderMirror): string[] {
  return requiredProviders(json).filter((address) => {
    const dir = path.join(mirror.root, ...address.split('/'));
    return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
  });
}

export interface OfflineTerraform {
  /** The AWS calls terraform made so far, as `service:Operation (answer)`, all answered by the stub. */
  awsCalls(): Promise<string[]>;
  /** Puts process.env back, stops the stub and removes the CLI config folder. */
  stop(): Promise<void>;
}

const STUB_ENTRY = path.join(__dirname, 'aws-plan-stub-process.ts');
const FAKE_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPLANSTUB0', AWS_SECRET_ACCESS_KEY: 'offline-plan-stand-in-secret' };

/**
 * Points this process's environment (which the matchers hand to terraform) at the mirror and the stub, until
 * `stop()`. The stub answers within its first line or the start fails, naming why.
 */
export async function useOfflineTerraform(tools: OfflineTools, caller = 'matchers'): Promise<OfflineTerraform> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-tf-matchers-'));
  const child = spawn(process.execPath, launched(STUB_ENTRY, [caller]), { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = (what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The AWS plan stub did not send ${what} within 30 s.`)), 30_000);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin.end();
    });

  let stubEnv: Record<string, string>;
  try {
    stubEnv = JSON.parse(await nextLine('its endpoints')) as Record<string, string>;
  } catch (err) {
    await stopChild();
    fs.rmSync(runDir, { recursive: true, force: true });
    throw err;
  }
  const saved = { ...process.env };
  const offline = {
    ...terraformEnv(writeCliConfig(runDir, tools.mirror)),
    ...stubEnv,
    ...FAKE_CREDENTIALS,
    // The provider retries a failed call 25 times by default; a refused one should fail the plan at once.
    AWS_MAX_ATTEMPTS: '2',
  };
  replaceEnv(offline);
  return {
    awsCalls: async () => {
      const answer = nextLine('its calls');
      child.stdin.write('calls\n');
      return JSON.parse(await answer) as string[];
    },
    stop: async () => {
      replaceEnv(saved);
      await stopChild();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}

function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, env);
}
