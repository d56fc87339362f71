/** One endpoint on 127.0.0.1 for the AWS CLI and SDKs, in front of started local stacks (server.ts). */
export { startLocalEdge, type EdgeOptions, type LocalEdge } from './server';
export type { ServedResources } from './catalog';
export type { RestApiUrls } from './rest-apis';
export { SERVED_SERVICES } from './protocol';
