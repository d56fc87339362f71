import type { Fault, LocalStack, LocalStackOptions, PublishedMessage } from '../../local';
import { startLocalStack } from '../../local';
import type { AppConfig } from '../../stacks/config';
import { defaultConfig, synthApp } from './synth';

/**
 * Issue 17: every workflow renders in JSONPath (the originals' definitions) and in JSONata, chosen by config
 * `queryLanguage`. The end-to-end tests run against both (`describe.each(QUERY_LANGUAGES)`), and `sideBySide` runs
 * the same executions on both and answers what a user would see of each, to be compared whole.
 */
export const QUERY_LANGUAGES = ['JSONPath', 'JSONata'] as const;
export type QueryLanguage = (typeof QUERY_LANGUAGES)[number];

/** The default configuration (with `overrides`) in `language`. */
export function configIn(language: QueryLanguage, overrides: Record<string, unknown> = {}): AppConfig {
  return defaultConfig({ ...overrides, queryLanguage: language });
}

const synthesized = new Map<string, ReturnType<typeof synthApp>>();

/** The app synthesized in `language` (once per language and overrides in a test file). */
export function synthIn(language: QueryLanguage, overrides: Record<string, unknown> = {}): ReturnType<typeof synthApp> {
  const key = JSON.stringify([language, overrides]);
  let app = synthesized.get(key);
  if (!app) synthesized.set(key, (app = synthApp(configIn(language, overrides))));
  return app;
}

/**
 * The folder of stack `stackId` synthesized in `language`, checked to hold a definition in that language: a rendering
 * that silently fell back to the other language would make every comparison vacuous.
 */
export function stackDirIn(language: QueryLanguage, stackId: string, overrides: Record<string, unknown> = {}): string {
  const stack = synthIn(language, overrides).stacks[stackId];
  for (const machine of Object.values(stack.json.resource.aws_sfn_state_machine ?? {})) {
    const written = (JSON.parse(String(machine.definition)) as { QueryLanguage?: string }).QueryLanguage ?? 'JSONPath';
    if (written !== language) throw new Error(`${stackId} was synthesized with queryLanguage ${language}, but its definition is ${written}`);
  }
  return stack.dir;
}

/** One execution of a side-by-side comparison: an input, and the faults injected into it. */
export interface Run {
  readonly label: string;
  readonly input: unknown;
  readonly faults?: readonly Fault[];
  /** Done on the stack just before the execution (load a list, seed an item). */
  readonly setup?: (stack: LocalStack) => Promise<void>;
}

/** What a user sees of an execution: its result and everything the stack holds after it (messages without their ids and times). */
export interface Observed {
  readonly status: string;
  readonly output: unknown;
  readonly error: string | undefined;
  readonly cause: string | undefined;
  readonly tables: Record<string, unknown[]>;
  readonly buckets: Record<string, Record<string, string>>;
  readonly messages: { topicArn: string; subject?: string; message: unknown; attributes?: unknown }[];
}

const shown = (m: PublishedMessage) => ({
  topicArn: m.topicArn,
  ...(m.subject !== undefined && { subject: m.subject }),
  // The text as sent: the same keys in the same order, compared as text after parsing nothing away.
  message: m.message,
  ...(m.attributes !== undefined && { attributes: m.attributes }),
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g;

/**
 * `value` with every UUID (a Lambda request id, a Map Run's id: new on every call, in either language) written as
 * `<uuid>`, and every ISO time (a Map Run result file's start and stop dates) as `<time>`.
 */
function withoutUuids<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value).replace(UUID, '<uuid>').replace(TIME, '<time>')) as T);
}

/**
 * Runs `runs` one after another on a fresh local stack of `stackId` in each language (the same execution names,
 * so that execution ARNs in outputs and notices agree) and answers what each run showed, per language.
 */
export async function sideBySide(
  stackId: string,
  runs: readonly Run[],
  options: { overrides?: Record<string, unknown>; stack?: LocalStackOptions; before?: (stack: LocalStack) => Promise<void> } = {},
): Promise<Record<QueryLanguage, Observed[]>> {
  const observed = {} as Record<QueryLanguage, Observed[]>;
  for (const language of QUERY_LANGUAGES) {
    const stack = await startLocalStack(stackDirIn(language, stackId, options.overrides), options.stack);
    try {
      await options.before?.(stack);
      observed[language] = [];
      for (const [i, run] of runs.entries()) {
        await run.setup?.(stack);
        const result = await stack.execute(run.input, { name: `side-by-side-${i}`, ...(run.faults && { faults: run.faults }) });
        const snapshot = await stack.snapshot();
        observed[language].push(withoutUuids({
          status: result.status,
          output: result.output,
          error: result.error,
          cause: result.cause,
          tables: snapshot.tables,
          buckets: snapshot.buckets,
          messages: snapshot.messages.map(shown),
        }));
      }
    } finally {
      await stack.close();
    }
  }
  return observed;
}
