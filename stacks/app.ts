import * as fs from 'node:fs';
import { AnnotationMetadataEntryType, App } from 'cdktf';
import type { AppConfig } from './config';
import { ParallelMapStack } from './parallel-map';
import { SfnDynamodbStack } from './sfn-dynamodb';
import { SkipTheLineStack } from './skip-the-line';
import { currentSynthInputs, forgetSynthInputs, recordSynthInputs } from './synth-inputs';
import { TaskStatusStack } from './task-status';

export { STACK_IDS, type StackId } from '../contracts/stack-ids';

/** Adds one stack per system to the app. */
export function buildApp(app: App, config: AppConfig): void {
  new TaskStatusStack(app, config);
  new SfnDynamodbStack(app, config);
  new SkipTheLineStack(app, config);
  new ParallelMapStack(app, config);
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
