/**
 * Checks that package-lock.json can install this project with `npm ci` on any platform.
 *
 * `npm ci` builds the tree that package.json asks for, using the lockfile, and refuses when that tree holds a
 * package the lockfile does not ("Missing: <name>@<version> from lock file"; npm's lib/utils/validate-lockfile.js).
 * A package's optionalDependencies are part of that tree on every platform: npm resolves them all, then skips the
 * ones whose `os`/`cpu`/`libc` do not match. A lockfile without an entry for another platform's optional binary
 * (unrs-resolver's 21 `@unrs/resolver-binding-*`, esbuild's `@esbuild/*`, @swc/core's `@swc/core-*`) makes
 * `npm ci` fetch that package's manifest to build the tree, then refuse. npm writes such lockfiles when it
 * rebuilds the lock from an installed node_modules, which holds only this platform's binaries
 * (https://github.com/npm/cli/issues/4828); packages like unrs-resolver ship `napi-postinstall` to fetch a
 * missing binding at run time for that reason. A complete lockfile needs no other platform's package here.
 */

export interface LockEntry {
  readonly version?: string;
  readonly name?: string;
  readonly link?: boolean;
  readonly optional?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
}

export interface Lockfile {
  readonly lockfileVersion: number;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

export interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
}

/** An optional dependency of a locked package that the lockfile has no entry for. */
export interface MissingOptional {
  /** The lockfile key of the package that declares it (`node_modules/unrs-resolver`). */
  readonly from: string;
  readonly name: string;
  readonly range: string;
}

/** Where Node (and npm) finds `name` from the package at `location`: the nearest `node_modules/<name>` up the tree. */
export function resolveLocked(packages: Lockfile['packages'], location: string, name: string): string | undefined {
  let dir = location;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up < 0 ? '' : dir.slice(0, up);
  }
}

/** Every optionalDependencies entry, of every locked package and of the root, that has no lockfile entry. */
export function missingOptionalEntries(lock: Lockfile): MissingOptional[] {
  const missing: MissingOptional[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (entry.link) continue;
    for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
      if (!resolveLocked(lock.packages, location, name)) missing.push({ from: location || '(root)', name, range });
    }
  }
  return missing;
}

const ROOT_FIELDS = ['name', 'version', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'engines'] as const;

/**
 * Where the lockfile's root entry (`packages[""]`) does not repeat package.json, one sentence each: what
 * `npm install` would rewrite, and what `npm ci` refuses.
 */
export function rootDrift(pkg: PackageJson, lock: Lockfile): string[] {
  const root = lock.packages[''];
  if (!root) return ['package-lock.json has no root entry (packages[""]): it was not written by npm 7 or newer.'];
  const drift: string[] = [];
  for (const field of ROOT_FIELDS) {
    const want = pkg[field];
    const have = root[field];
    if (typeof want === 'object' || typeof have === 'object') {
      const keys = [...new Set([...Object.keys(want ?? {}), ...Object.keys(have ?? {})])].sort();
      for (const key of keys) {
        const w = (want as Record<string, string> | undefined)?.[key];
        const h = (have as Record<string, string> | undefined)?.[key];
        if (w !== h) drift.push(`${field}.${key}: package.json has ${w === undefined ? 'none' : `'${w}'`}, package-lock.json ${h === undefined ? 'none' : `'${h}'`}.`);
      }
    } else if (want !== have) {
      drift.push(`${field}: package.json has ${want === undefined ? 'none' : `'${want}'`}, package-lock.json ${have === undefined ? 'none' : `'${have}'`}.`);
    }
  }
  return drift;
}
