// The public surface of the state-machine builders. Knows Amazon States Language only; nothing of Terraform.
export * from './json-path';
export * from './payload';
export * from './iam';
export * from './states/state';
export * from './states/error-handling';
export * from './states/task';
export * from './states/pass';
export * from './states/wait';
export * from './states/terminal';
export * from './states/condition';
export * from './states/choice';
export * from './states/map';
export * from './states/parallel';
export * from './state-machine';
export * from './integrations/dynamodb';
export * from './integrations/lambda';
export * from './integrations/sns';
