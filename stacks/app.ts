import type { App } from 'cdktf';
import type { AppConfig } from './config';
import { SfnDynamodbStack } from './sfn-dynamodb';

/** The stack ids, in the order `npm start` runs them. */
export const STACK_IDS = ['sfn-dynamodb'] as const;
export type StackId = (typeof STACK_IDS)[number];

/** Adds one stack per system to the app. */
export function buildApp(app: App, config: AppConfig): void {
  new SfnDynamodbStack(app, config);
}
