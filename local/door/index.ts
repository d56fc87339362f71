/**
 * The functions' front door (server.ts): each function's own credentials (credentials.ts), its SDK calls verified
 * and authorized with its execution role before they reach the stack's emulators.
 */
export { FunctionCredentials, type FunctionIdentity } from './credentials';
export { FunctionDoor, type DoorEndpoints, type FunctionDoorOptions } from './server';
export { deniedAnswer, type DoorService } from './denials';
export { dynamoDbPermissions, snsPermissions, statesPermissions } from './json-permissions';
export { s3Permissions, type S3Request } from './s3-permissions';
