/**
 * contracts/: the names both sides agree on (stack ids, environment variables, the functions' error names, the
 * order catalog, execution-name limits, the task input rule), depended on by stacks/, definitions/ and lambdas/,
 * and depending on nothing but each other. Also the two directions this layout exists to keep: stacks/ and
 * definitions/ never import lambdas/ (they meet in contracts/), lambdas/ never import stacks/ or definitions/,
 * and definitions/ never touch the filesystem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIGURATION_ERROR, INVOICE_NOT_STORED, ORDER_ALREADY_ACTIVE, ORDER_NOT_STORED, VALIDATION_ERROR } from '../../contracts/error-names';
import { InvoiceNotStored, OrderAlreadyActive, OrderNotStored } from '../../lambdas/orders/errors';
import { ConfigurationError, ValidationError } from '../../lambdas/shared/errors';

const ROOT = path.resolve(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const full = path.join(entry.parentPath, entry.name);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path.relative(ROOT, full).split(path.sep).join('/')] : [];
  });
}

/** What a file imports: every specifier of `import … from`, `export … from`, `import(…)` and `require(…)`. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** The project folder an import of `file` lands in (`contracts`, `lambdas`…), or the package it names. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).split('/')[0];
}

describe('layering', () => {
  test('the scan reads the folders (a guard against a scan of nothing)', () => {
    expect(sourceFiles('contracts').length).toBeGreaterThanOrEqual(6);
    expect(importsOf('contracts/order-catalog.ts')).toEqual(['./execution-names']);
  });

  test('contracts/ imports nothing but contracts/: no package, not even node:*', () => {
    const outside = sourceFiles('contracts').flatMap((file) => importsOf(file).filter((s) => target(file, s) !== 'contracts').map((s) => `${file} → ${s}`));
    expect(outside).toEqual([]);
  });

  test.each([
    ['stacks', 'lambdas, local, scripts'],
    ['definitions', 'lambdas, stacks, local, scripts'],
    ['lambdas', 'stacks, definitions, local, scripts'],
  ])('%s/ never imports %s', (folder, list) => {
    const forbidden = list.split(', ');
    const wrong = sourceFiles(folder).flatMap((file) => importsOf(file).filter((s) => forbidden.includes(target(file, s))).map((s) => `${file} → ${s}`));
    expect(wrong).toEqual([]);
  });

  test('definitions/ never touches the filesystem (the asl-validator verdict store is given to it)', () => {
    const fsUsers = sourceFiles('definitions').filter((file) => importsOf(file).some((s) => /^(node:)?(fs|fs\/promises|path)$/.test(s)));
    expect(fsUsers).toEqual([]);
  });
});

test("the functions' error classes are named by contracts/error-names.ts, the names the workflows catch", () => {
  expect(new ValidationError('x').name).toBe(VALIDATION_ERROR);
  expect(new ConfigurationError('x').name).toBe(CONFIGURATION_ERROR);
  expect(new OrderAlreadyActive('x').name).toBe(ORDER_ALREADY_ACTIVE);
  expect(new OrderNotStored('x').name).toBe(ORDER_NOT_STORED);
  expect(new InvoiceNotStored('x').name).toBe(INVOICE_NOT_STORED);
  expect([VALIDATION_ERROR, CONFIGURATION_ERROR, ORDER_ALREADY_ACTIVE, ORDER_NOT_STORED, INVOICE_NOT_STORED]).toEqual([
    'ValidationError',
    'ConfigurationError',
    'OrderAlreadyActive',
    'OrderNotStored',
    'InvoiceNotStored',
  ]);
});
