export { DynamoDbEmulator, type DynamoDbItem, type PlainItem } from './dynamodb';
export { S3Emulator } from './s3';
export { SnsEmulator, type PublishedMessage } from './sns';
export { SfnApiEmulator, SfnApiError, type DescribedExecution, type ExecutionService, type StartExecutionRequest } from './sfn-api';
