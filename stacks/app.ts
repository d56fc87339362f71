import * as fs from 'node:fs';
import { AnnotationMetadataEntryType, App } from 'cdktf';
import type { Construct } from 'constructs';
import { STACK_IDS, type StackId } from '../contracts/stack-ids';
import type { AppStack } from './app-stack';
import type { AppConfig } from './config';
import { ParallelMapStack } from './parallel-map/stack';
import { SfnDynamodbStack } from './sfn-dynamodb/stack';
import { SkipTheLineStack } from './skip-the-line/stack';
import { currentSynthInputs, forgetSynthInputs, recordSynthInputs } from './synth-inputs';
import { TaskStatusStack } from './task-status/stack';

export { STACK_IDS, type StackId } from '../contracts/stack-ids';

/** A system's stack class: its id (static) and how to make it. */
export interface SystemStack<Id extends StackId = StackId> {
  readonly id: Id;
  new (scope: Construct, config: AppConfig): AppStack;
}

/**
 * The stack of every system, by its id. Typed by contracts/stack-ids.ts: an id added there does not compile until
 * it has its stack here, and each entry's key must be its class's own id.
 */
export const SYSTEM_STACKS: { readonly [Id in StackId]: SystemStack<Id> } = {
  'task-status': TaskStatusStack,
  'sfn-dynamodb': SfnDynamodbStack,
  'skip-the-line': SkipTheLineStack,
  'parallel-map': ParallelMapStack,
};

/** Adds one stack per system to the app, in the order of STACK_IDS. */
export function buildApp(app: App, config: AppConfig): void {
  for (const id of STACK_IDS) new SYSTEM_STACKS[id](app, config);
}

/** A warning or note a construct attached during synth (cdktf's annotations), for the person synthesizing. */
export interface SynthMessage {
  readonly level: 'warning' | 'info';
  /** The construct it is about, e.g. `parallel-map`. */
  readonly constructPath: string;
  readonly message: string;
}

/**
 * Synthesizes every stack the one way main.ts (and so `npm run synth`, `cdktf synth`, `npm start`) and the tests
 * do: into `outdir` (default `$CDKTF_OUTDIR`, else `cdktf.out`), without stack traces in manifest.json (they
 * hold absolute paths of this machine), and with `synth-inputs.json` written only once synth has succeeded.
 * Answers the folder and the warnings, which the caller shows.
 */
export function synthesizeApp(config: AppConfig, options: { readonly outdir?: string } = {}): { outdir: string; messages: SynthMessage[] } {
  const inputs = currentSynthInputs(config); // before synth reads the sources: a later edit makes the record stale, never current
  const outdir = options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  fs.mkdirSync(outdir, { recursive: true });
  forgetSynthInputs(outdir);
  const app = new App({ outdir, stackTraces: false });
  buildApp(app, config);
  app.synth();
  recordSynthInputs(outdir, inputs);
  const messages = Object.values(app.manifest.stacks).flatMap((stack) =>
    stack.annotations.flatMap((a): SynthMessage[] => {
      const level = a.level === AnnotationMetadataEntryType.WARN ? 'warning' : a.level === AnnotationMetadataEntryType.INFO ? 'info' : undefined;
      return level ? [{ level, constructPath: a.constructPath, message: a.message }] : [];
    }),
  );
  return { outdir, messages };
}
