import type { App } from 'cdktf';
import type { AppConfig } from './config';
import { ParallelMapStack } from './parallel-map';
import { SfnDynamodbStack } from './sfn-dynamodb';
import { SkipTheLineStack } from './skip-the-line';
import { TaskStatusStack } from './task-status';

/** The stack ids, in the order `npm start` runs them. */
export const STACK_IDS = ['task-status', 'sfn-dynamodb', 'skip-the-line', 'parallel-map'] as const;
export type StackId = (typeof STACK_IDS)[number];

/** Adds one stack per system to the app. */
export function buildApp(app: App, config: AppConfig): void {
  new TaskStatusStack(app, config);
  new SfnDynamodbStack(app, config);
  new SkipTheLineStack(app, config);
  new ParallelMapStack(app, config);
}
