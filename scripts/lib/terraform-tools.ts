import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * What an offline terraform run needs and how it is set up: terraform itself, a filesystem mirror of the
 * hashicorp/aws provider, a CLI config of its own (never the user's ~/.terraformrc) and an environment that no AWS_*
 * setting of the user's reaches. terraform-offline.ts plans with them.
 */

export interface ProviderMirror {
  readonly root: string;
  /** `unpacked`: init symlinks the provider folder; `packed`: init unzips it (once per run, into a temp cache). */
  readonly layout: 'unpacked' | 'packed';
  readonly awsVersions: readonly string[];
}

export interface OfflineTools {
  readonly terraform: string;
  readonly terraformVersion: string;
  readonly mirror: ProviderMirror;
}

export type ToolCheck = { readonly ok: true; readonly tools: OfflineTools } | { readonly ok: false; readonly reason: string };

export const PLATFORM = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
export const AWS_PROVIDER = path.join('registry.terraform.io', 'hashicorp', 'aws');

/** Where a provider mirror is looked for, first match wins. */
export function mirrorCandidates(): string[] {
  const home = os.homedir();
  return [
    process.env.TF_PLUGIN_MIRROR,
    '/opt/tf-plugins',
    '/usr/share/terraform/plugins',
    '/usr/local/share/terraform/plugins',
    path.join(home, '.terraform.d', 'plugins'),
    path.join(home, '.local', 'share', 'terraform', 'plugins'),
  ].filter((dir): dir is string => typeof dir === 'string' && dir.length > 0);
}

/** Finds a mirror that holds hashicorp/aws for this platform, in either the unpacked or the packed layout. */
export function findProviderMirror(candidates = mirrorCandidates()): ProviderMirror | undefined {
  for (const root of candidates) {
    const base = path.join(root, AWS_PROVIDER);
    if (!fs.existsSync(base)) continue;
    const entries = fs.readdirSync(base);
    const unpacked = entries.filter((v) => fs.existsSync(path.join(base, v, PLATFORM)));
    if (unpacked.length > 0) return { root, layout: 'unpacked', awsVersions: unpacked.sort() };
    const packed = entries.map((f) => new RegExp(`^terraform-provider-aws_(.+)_${PLATFORM}\\.zip$`).exec(f)?.[1]).filter((v): v is string => !!v);
    if (packed.length > 0) return { root, layout: 'packed', awsVersions: packed.sort() };
  }
  return undefined;
}

/** Finds terraform (TERRAFORM_BINARY_NAME or PATH) and the provider mirror; says what is missing and how to get it. */
export function findOfflineTools(): ToolCheck {
  const terraform = process.env.TERRAFORM_BINARY_NAME || 'terraform';
  const probe = spawnSync(terraform, ['version', '-json'], { encoding: 'utf8', timeout: 20_000, env: terraformEnv(os.tmpdir()) });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : `exit code ${probe.status}: ${probe.stderr.trim()}`;
    return { ok: false, reason: `terraform could not be run (${why}). Install Terraform ≥ 1.5 (https://developer.hashicorp.com/terraform/install) and put it on PATH, or set TERRAFORM_BINARY_NAME.` };
  }
  const terraformVersion = (JSON.parse(probe.stdout) as { terraform_version: string }).terraform_version;
  const mirror = findProviderMirror();
  if (!mirror) {
    return {
      ok: false,
      reason:
        `no offline mirror of the hashicorp/aws provider for ${PLATFORM} was found (looked in ${mirrorCandidates().join(', ')}). ` +
        'On a machine with network, run `terraform providers mirror <dir>` in a synthesized stack folder, copy <dir> here, and set TF_PLUGIN_MIRROR=<dir>.',
    };
  }
  return { ok: true, tools: { terraform, terraformVersion, mirror } };
}

/** A CLI config that installs providers only from the mirror; a packed mirror unzips once into a run-wide cache. */
export function writeCliConfig(runDir: string, mirror: ProviderMirror): string {
  const file = path.join(runDir, 'terraformrc');
  const cache = mirror.layout === 'packed' ? `plugin_cache_dir = ${JSON.stringify(path.join(runDir, 'plugin-cache'))}\n` : '';
  if (cache) fs.mkdirSync(path.join(runDir, 'plugin-cache'));
  fs.writeFileSync(file, `${cache}provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror.root)}\n  }\n}\n`);
  return file;
}

export function terraformEnv(cliConfig: string): NodeJS.ProcessEnv {
  // No AWS_* setting of the user's (profile, endpoint URLs, keys) may reach the offline plan.
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !['TF_PLUGIN_CACHE_DIR', 'TF_DATA_DIR', 'TF_WORKSPACE', 'TF_LOG'].includes(name));
  return { ...Object.fromEntries(inherited), TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', AWS_EC2_METADATA_DISABLED: 'true' };
}
