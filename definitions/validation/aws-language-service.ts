/**
 * AWS's own validation of Amazon States Language, called synchronously: the npm package
 * `amazon-states-language-service` (the language service behind the AWS Toolkit's ASL editor) checks a document
 * against its bundled ASL JSON schema (both query languages) and then walks the states (StartAt/Next/Default/
 * Catch targets, unreachable states, a terminal state, `.$` values, `*Path` fields, exclusive field pairs).
 *
 * Its `doValidation` is asynchronous only because a JSON language service may fetch schemas; the ASL schema is
 * bundled and refers only to itself, so this module does the same three steps without a promise: resolve the
 * schema's local `$ref`s once (as vscode-json-languageservice does: the target's keys are copied into the
 * referring object, without overriding its own), validate the parsed document against it, and run the service's
 * state checks. scripts/measure-asl-validators.ts checks that this gives the same diagnostics as `doValidation`.
 *
 * Loaded on first use, and only the parts validation needs (~0.2 s; the package's entry point also loads a YAML
 * language server, ~1 s): a synth whose definitions are known valid loads none of it.
 */
import type { AslValidatorError } from './error';

/** The parts of the package this module uses (the package's types pull in vscode's; these are enough). */
interface AstNode {
  readonly type: string;
  readonly offset: number;
  readonly parent?: AstNode;
  readonly keyNode?: { readonly value: string };
  readonly items?: readonly AstNode[];
}
interface JsonDocument {
  readonly root?: AstNode;
  readonly syntaxErrors: readonly Diagnostic[];
  validate(document: unknown, schema: unknown): Diagnostic[] | null;
  getNodeFromOffset(offset: number): AstNode | undefined;
}
interface Diagnostic {
  readonly message: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
}
/** vscode-json-languageservice, which the package wraps: a JSON parser whose documents validate against a schema. */
export interface JsonLanguageService {
  readonly TextDocument: { create(uri: string, languageId: string, version: number, text: string): TextDocument };
  getLanguageService(params: object): { parseJSONDocument(document: TextDocument): JsonDocument };
}
interface TextDocument {
  offsetAt(position: { line: number; character: number }): number;
}
export type ValidateStates = (root: AstNode, document: TextDocument, rootType: 0) => Diagnostic[];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACKAGE_VERSION = (require('amazon-states-language-service/package.json') as { version: string }).version;
/** Names the validator in the verdict store's key: a new version of the package checks again. */
export const LANGUAGE_SERVICE_ID = `amazon-states-language-service ${PACKAGE_VERSION}`;

/** The package's folder, where its own vscode-json-languageservice is resolved from. */
const PACKAGE_DIR = require.resolve('amazon-states-language-service/package.json').replace(/package\.json$/, '');

/** What validation takes from the package: its copy of vscode-json-languageservice, its bundled ASL schema, its state checks. */
export interface LanguageServiceModules {
  readonly json: JsonLanguageService;
  readonly schema: object;
  readonly validateStates: ValidateStates;
}

/** The modules from node_modules, where the package has them (~200 files to load). */
function fromPackages(): LanguageServiceModules {
  /* eslint-disable @typescript-eslint/no-require-imports */
  // The copy of vscode-json-languageservice the package itself uses.
  const json = require(require.resolve('vscode-json-languageservice', { paths: [PACKAGE_DIR] })) as JsonLanguageService;
  const schema = require('amazon-states-language-service/out/json-schema/bundled.json') as object;
  const validateStates = (require('amazon-states-language-service/out/validation/validateStates') as { default: ValidateStates }).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { json, schema, validateStates };
}

let modulesFrom: (() => LanguageServiceModules | undefined) | undefined;

let loaded:
  | { json: JsonLanguageService; languageService: ReturnType<JsonLanguageService['getLanguageService']>; schema: object; validateStates: ValidateStates }
  | undefined;

/**
 * Where validation takes the package's modules from, from now on in this process: main.ts gives the same modules
 * bundled in one file (stacks/asl-language-service.ts: one file to load instead of ~200); node_modules when the
 * source answers undefined, or after `useLanguageServiceModules(undefined)`. Definitions never load files
 * themselves: the entry point decides.
 */
export function useLanguageServiceModules(source: (() => LanguageServiceModules | undefined) | undefined): void {
  modulesFrom = source;
  loaded = undefined;
}

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const { json, schema, validateStates } = modulesFrom?.() ?? fromPackages();
  loaded = { json, languageService: json.getLanguageService({}), schema: resolveLocalRefs(structuredClone(schema)), validateStates };
  return loaded;
}

/** Resolves `#/…` references in place, the way vscode-json-languageservice's schema service does. */
function resolveLocalRefs(schema: object): object {
  const find = (pointer: string): unknown =>
    pointer.split('/').filter(Boolean).reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], schema);
  const seen = new Set<object>();
  const toWalk: object[] = [schema];
  while (toWalk.length > 0) {
    const node = toWalk.pop() as Record<string, unknown>;
    if (seen.has(node)) continue;
    seen.add(node);
    const followed = new Set<string>();
    while (typeof node.$ref === 'string' && !followed.has(node.$ref)) {
      const ref = node.$ref;
      followed.add(ref);
      delete node.$ref;
      const target = find(ref.replace(/^#/, '')) as Record<string, unknown> | undefined;
      for (const [key, value] of Object.entries(target ?? {})) if (!(key in node)) node[key] = value;
    }
    for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) toWalk.push(value);
  }
  return schema;
}

/** The JSON pointer of the node a diagnostic points at (`/States/A/Next`). */
function pointerOf(node: AstNode | undefined): string {
  const parts: string[] = [];
  for (let at = node; at?.parent; at = at.parent) {
    if (at.type === 'property') parts.unshift(at.keyNode?.value ?? '');
    else if (at.parent.type === 'array') parts.unshift(String(at.parent.items?.indexOf(at) ?? ''));
  }
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The error code AWS gives the same problem (CreateStateMachine / ValidateStateMachineDefinition). */
function codeOf(message: string): string {
  if (/must be the name of an existing state|cannot be reached/.test(message)) return 'MISSING_TRANSITION_TARGET';
  if (/No terminal state/.test(message)) return 'MISSING_END_STATE';
  return 'SCHEMA_VALIDATION_FAILED';
}

/** The diagnostics of amazon-states-language-service for a definition's JSON text, as the async service gives them. */
export function languageServiceDiagnostics(text: string): { message: string; node: AstNode | undefined }[] {
  const { json: jsonService, languageService, schema, validateStates } = load();
  const document = jsonService.TextDocument.create('file:///definition.asl.json', 'json', 0, text);
  const json = languageService.parseJSONDocument(document);
  const diagnostics = [...json.syntaxErrors, ...(json.validate(document, schema) ?? [])];
  if (json.root?.type === 'object') diagnostics.push(...validateStates(json.root, document, 0));
  // The service drops a repeated message at the same place.
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const signature = `${d.range.start.line} ${d.range.start.character} ${d.message}`;
      return seen.has(signature) ? false : (seen.add(signature), true);
    })
    .map((d) => {
      return { message: d.message, node: json.getNodeFromOffset(document.offsetAt(d.range.start)) };
    });
}

/** amazon-states-language-service's verdict on a definition: one error per diagnostic, with AWS's code and the JSON pointer. */
export function validateWithLanguageService(definition: unknown): AslValidatorError[] {
  return languageServiceDiagnostics(JSON.stringify(definition, null, 1)).map(({ message, node }) => {
    return { 'Error code': codeOf(message), Message: message, path: pointerOf(node) };
  });
}
