import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readStackJson, STACK_FILE } from '../../local/synthesized';
import { filesIn, zip, type ZipEntry } from './zip';

/**
 * Turns a synthesized stack into a copy that `terraform plan` can run without network or AWS account: the
 * archive provider (not in the offline mirror) is replaced by real zips made here, the AWS provider gets fake
 * static credentials, and the backend becomes a local state file inside the copy. The original folder is never
 * written to. (The few AWS calls a plan makes are sent to a local stub through environment variables, see
 * aws-plan-stub.ts: an `endpoints` block in the provider would cost ~2 s of CPU per terraform call.)
 */

/** One `data.archive_file` replaced by a zip made here. */
export interface ArchiveStandIn {
  /** The data source's Terraform name. */
  readonly name: string;
  /** What was zipped, as the data source named it (`source_dir`/`source_file`), or `placeholder`. */
  readonly source: string;
  /** The stand-in zip, relative to the copy's folder. */
  readonly zipPath: string;
  readonly sizeBytes: number;
  readonly base64sha256: string;
  /** How many `${data.archive_file.<name>.…}` references were rewritten to literal values. */
  readonly references: number;
}

export interface OfflineCopy {
  /** The temporary folder holding the rewritten cdk.tf.json; terraform runs here. */
  readonly dir: string;
  readonly swaps: readonly ArchiveStandIn[];
  /** Other rewrites, one sentence each (credentials, backend). */
  readonly notes: readonly string[];
  /** The resources the copy declares, by address (`type.name`), data sources excluded. */
  readonly resourceAddresses: readonly string[];
}

export interface OfflineCopyOptions {
  /** The folder to create the copy in. @default a new folder under the OS temp dir */
  readonly workDir?: string;
  /**
   * The copy is planned as a module of a root that holds several stacks (terraform-offline.ts): it gets no backend
   * of its own (the root has the local state), and stand-in zips are named relative to the module's folder.
   * @default false: the copy is a root module with a local state file inside it
   */
  readonly asModule?: boolean;
}

type Json = Record<string, unknown>;
type Blocks = Record<string, Record<string, Json>>;

/** Provider arguments that would make the provider look for real credentials or assume a role. */
const CREDENTIAL_ARGUMENTS = ['profile', 'shared_credentials_files', 'shared_config_files', 'token', 'assume_role', 'assume_role_with_web_identity'];

/** Copies `<stackDir>/cdk.tf.json` and its `assets/` into a temporary folder and rewrites the copy for offline planning. */
export function prepareOfflineCopy(stackDir: string, options: OfflineCopyOptions = {}): OfflineCopy {
  const json = readStackJson(stackDir) as Json; // a fresh parse: the copy is rewritten, the stack never
  const stackName = path.basename(stackDir);
  const dir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `sfn-plan-${stackName}-`));
  try {
    fs.mkdirSync(dir, { recursive: true });
    const assets = path.join(stackDir, 'assets');
    if (fs.existsSync(assets)) fs.cpSync(assets, path.join(dir, 'assets'), { recursive: true, dereference: true });
    const swaps = swapArchiveFiles(json, stackDir, dir, options.asModule ? '${path.module}/' : '');
    const notes = [useFakeAwsCredentials(json), options.asModule ? dropBackend(json) : useLocalBackend(json)];
    fs.writeFileSync(path.join(dir, STACK_FILE), `${JSON.stringify(json, null, 2)}\n`);
    return { dir, swaps, notes, resourceAddresses: resourceAddresses(json) };
  } catch (err) {
    if (!options.workDir) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** `type.name` of every managed resource a Terraform JSON document declares. */
export function resourceAddresses(json: Json): string[] {
  const resources = (json.resource ?? {}) as Blocks;
  return Object.entries(resources).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/**
 * Replaces every `data.archive_file` with a zip of the same source made in `copyDir`, rewrites references to
 * its attributes into literal values, and drops the archive provider. Mutates `json`; returns what it swapped.
 */
export function swapArchiveFiles(json: Json, stackDir: string, copyDir: string, pathPrefix = ''): ArchiveStandIn[] {
  const data = (json.data ?? {}) as Blocks;
  const archives = data.archive_file ?? {};
  const values = new Map<string, Record<string, string>>();
  const made: Omit<ArchiveStandIn, 'references'>[] = [];
  for (const [name, block] of Object.entries(archives)) {
    const { standIn, attributes } = makeStandIn(name, block, stackDir, copyDir, pathPrefix);
    values.set(name, attributes);
    made.push(standIn);
  }
  delete data.archive_file;
  if (Object.keys(data).length === 0) delete json.data;
  removeArchiveProvider(json);

  const counts = new Map<string, number>();
  const rewritten = rewriteReferences(json, values, counts) as Json;
  Object.assign(json, rewritten);
  const leftover = JSON.stringify(json).match(/data\.archive_file\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_]+)?/);
  if (leftover) {
    throw new Error(`cdk.tf.json still refers to ${leftover[0]} after the archive stand-ins were made; refer to an attribute (e.g. output_path) instead of the whole data source.`);
  }
  return made.map((m) => ({ ...m, references: counts.get(m.name) ?? 0 }));
}

function makeStandIn(name: string, block: Json, stackDir: string, copyDir: string, pathPrefix: string) {
  const files = filesToZip(name, block, stackDir);
  const zipRelative = path.join('stand-ins', `${name}.zip`).split(path.sep).join('/');
  const zipBytes = writeZip(path.join(copyDir, zipRelative), files);
  const digest = (algorithm: string, encoding: 'hex' | 'base64') => crypto.createHash(algorithm).update(zipBytes).digest(encoding);
  const attributes: Record<string, string> = {
    id: digest('sha1', 'hex'),
    output_path: `${pathPrefix}${zipRelative}`,
    output_size: String(zipBytes.length),
    output_md5: digest('md5', 'hex'),
    output_sha: digest('sha1', 'hex'),
    output_sha256: digest('sha256', 'hex'),
    output_base64sha256: digest('sha256', 'base64'),
    output_sha512: digest('sha512', 'hex'),
    output_base64sha512: digest('sha512', 'base64'),
    type: String(block.type ?? 'zip'),
  };
  for (const key of ['source_dir', 'source_file', 'source_content', 'source_content_filename', 'output_file_mode']) {
    if (typeof block[key] === 'string') attributes[key] = block[key] as string;
  }
  const source = typeof block.source_dir === 'string' ? block.source_dir : typeof block.source_file === 'string' ? block.source_file : 'placeholder';
  const standIn = { name, source, zipPath: zipRelative, sizeBytes: zipBytes.length, base64sha256: attributes.output_base64sha256 };
  return { standIn, attributes };
}

/** The files the real data source would zip, read from the synthesized stack folder. */
function filesToZip(name: string, block: Json, stackDir: string): ZipEntry[] {
  if (typeof block.source_dir === 'string') {
    const root = path.resolve(stackDir, block.source_dir);
    if (!fs.existsSync(root)) {
      throw new Error(`archive_file '${name}': its source_dir ${block.source_dir} does not exist in ${stackDir}; synthesize again (npm run synth).`);
    }
    return filesIn(root);
  }
  if (typeof block.source_file === 'string') {
    const file = path.resolve(stackDir, block.source_file);
    if (!fs.existsSync(file)) {
      throw new Error(`archive_file '${name}': its source_file ${block.source_file} does not exist in ${stackDir}; synthesize again (npm run synth).`);
    }
    return [{ name: path.basename(file), data: fs.readFileSync(file) }];
  }
  if (typeof block.source_content === 'string') {
    return [{ name: String(block.source_content_filename ?? 'content'), data: Buffer.from(block.source_content) }];
  }
  return [{ name: 'stand-in.txt', data: Buffer.from(`offline plan stand-in for archive_file ${name}\n`) }];
}

function removeArchiveProvider(json: Json): void {
  const providers = json.provider as Json | undefined;
  if (providers) delete providers.archive;
  const required = (json.terraform as Json | undefined)?.required_providers as Json | undefined;
  if (required) delete required.archive;
}

const WHOLE_REFERENCE = /^\$\{data\.archive_file\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;
const INNER_REFERENCE = /data\.archive_file\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)/g;

/** Returns `node` with archive references replaced; a whole-string reference becomes the raw value. */
function rewriteReferences(node: unknown, values: Map<string, Record<string, string>>, counts: Map<string, number>, key = ''): unknown {
  const lookup = (name: string, attribute: string): string => {
    const value = values.get(name)?.[attribute];
    if (value === undefined) {
      throw new Error(`cdk.tf.json refers to data.archive_file.${name}.${attribute}, which the offline stand-in does not provide; check the name or use output_path / output_base64sha256.`);
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return value;
  };
  if (typeof node === 'string') {
    const whole = WHOLE_REFERENCE.exec(node);
    if (whole) return lookup(whole[1], whole[2]);
    // Inside a longer expression the value becomes a quoted HCL string literal.
    return node.replace(/\$\{[^}]*\}/g, (expr) => expr.replace(INNER_REFERENCE, (_m, name: string, attr: string) => JSON.stringify(lookup(name, attr))));
  }
  if (Array.isArray(node)) {
    const items = key === 'depends_on' ? node.filter((d) => !(typeof d === 'string' && d.startsWith('data.archive_file.'))) : node;
    return items.map((item) => rewriteReferences(item, values, counts));
  }
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewriteReferences(v, values, counts, k)]));
  }
  return node;
}

function useFakeAwsCredentials(json: Json): string {
  const providers = (json.provider ?? {}) as Record<string, Json[]>;
  const aws = providers.aws ?? [];
  for (const config of aws) {
    for (const argument of CREDENTIAL_ARGUMENTS) delete config[argument];
    Object.assign(config, {
      access_key: 'AKIAOFFLINEPLANSTUB0',
      secret_key: 'offline-plan-stand-in-secret',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      max_retries: 1,
    });
  }
  return `aws provider (${aws.length} configuration${aws.length === 1 ? '' : 's'}): fake static credentials, no account lookup`;
}

function useLocalBackend(json: Json): string {
  const terraform = (json.terraform ?? {}) as Json;
  const previous = Object.keys((terraform.backend ?? {}) as Json)[0] ?? 'none';
  delete terraform.cloud;
  terraform.backend = { local: { path: 'terraform.tfstate' } };
  json.terraform = terraform;
  return `backend ${previous} → local state inside the temporary copy`;
}

function dropBackend(json: Json): string {
  const terraform = (json.terraform ?? {}) as Json;
  const previous = Object.keys((terraform.backend ?? {}) as Json)[0] ?? 'none';
  delete terraform.cloud;
  delete terraform.backend;
  json.terraform = terraform;
  return `backend ${previous} → none: planned as a module of one offline root, whose local state is in the run's temporary folder`;
}

/** Writes a deterministic zip (see zip.ts) and returns its bytes: an unchanged source gives an unchanged hash. */
export function writeZip(file: string, entries: readonly ZipEntry[]): Buffer {
  const bytes = zip(entries);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return bytes;
}
