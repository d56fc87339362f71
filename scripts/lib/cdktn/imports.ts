import type * as TS from 'typescript';

let loaded: typeof TS | undefined;
/** TypeScript's parser, loaded at its first use (~0.25 s): `npm run cdktn:check -- --help` parses nothing. */
function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('typescript') as typeof TS);
}

/**
 * The import rewrite of a move from CDK for Terraform to CDK Terrain: `cdktf` → `cdktn` and `@cdktf/provider-*` →
 * `@cdktn/provider-*`, in module specifiers only. Found with the TypeScript parser, so strings that merely contain
 * the name (`cdktf.out`, `cdktf.json`, logical ids, comments, help texts) are left alone.
 */

/** A module specifier in a source file: `import … from 'x'`, `export … from 'x'`, `require('x')`, `import('x')`, `jest.mock('x')`. */
export interface ModuleSpecifier {
  readonly text: string;
  /** Where the string literal's text starts and ends (quotes excluded). */
  readonly start: number;
  readonly end: number;
  /** 1-based line, for reports. */
  readonly line: number;
}

const CALLS_WITH_A_MODULE = new Set(['require', 'require.resolve', 'jest.mock', 'jest.requireActual', 'jest.doMock', 'jest.unmock']);

function scriptKind(fileName: string): TS.ScriptKind {
  const ts = typescript();
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.(c|m)?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Every module specifier of a TypeScript or JavaScript source text. */
export function moduleSpecifiers(text: string, fileName: string): ModuleSpecifier[] {
  const ts = typescript();
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const found: ModuleSpecifier[] = [];
  const add = (node: TS.Node | undefined) => {
    if (!node || !ts.isStringLiteralLike(node)) return;
    const start = node.getStart(source) + 1;
    found.push({ text: node.text, start, end: node.getEnd() - 1, line: source.getLineAndCharacterOfPosition(start).line + 1 });
  };
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'import' : node.expression.getText(source);
      if (callee === 'import' || CALLS_WITH_A_MODULE.has(callee)) add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The CDK Terrain module for a CDKTF one (`cdktf/lib/x` → `cdktn/lib/x`), or undefined for any other module. */
export function cdktnModule(specifier: string): string | undefined {
  if (specifier === 'cdktf' || specifier.startsWith('cdktf/')) return `cdktn${specifier.slice('cdktf'.length)}`;
  const provider = /^@cdktf\/(provider-[^/]+)(\/.*)?$/.exec(specifier);
  return provider ? `@cdktn/${provider[1]}${provider[2] ?? ''}` : undefined;
}

/** Whether a module belongs to CDKTF: `cdktf`, `cdktf/…` or any `@cdktf/…` package. */
export function isCdktfModule(specifier: string): boolean {
  return specifier === 'cdktf' || specifier.startsWith('cdktf/') || specifier.startsWith('@cdktf/');
}

export interface Rewrite {
  readonly text: string;
  readonly changes: readonly { readonly line: number; readonly from: string; readonly to: string }[];
  /** CDKTF modules the rewrite has no counterpart for (an `@cdktf/` package that is not a provider). */
  readonly unmapped: readonly { readonly line: number; readonly module: string }[];
}

/** The source text with every CDKTF module specifier pointed at CDK Terrain; nothing else changes. */
export function rewriteImports(text: string, fileName: string): Rewrite {
  let out = '';
  let at = 0;
  const changes: { line: number; from: string; to: string }[] = [];
  const unmapped: { line: number; module: string }[] = [];
  for (const spec of moduleSpecifiers(text, fileName)) {
    const to = cdktnModule(spec.text);
    if (to === undefined) {
      if (isCdktfModule(spec.text)) unmapped.push({ line: spec.line, module: spec.text });
      continue;
    }
    out += text.slice(at, spec.start) + to;
    at = spec.end;
    changes.push({ line: spec.line, from: spec.text, to });
  }
  return { text: out + text.slice(at), changes, unmapped };
}
