import { randomUUID } from 'node:crypto';
import type { Answer } from '../edge/forward';
import type { Denied } from '../iam';

/**
 * A denied call answered as the service answers it on AWS, with the message IAM gives (IAM User Guide,
 * "Troubleshoot access denied error messages"): `User: <session ARN> is not authorized to perform: <action> on
 * resource: <ARN> because no identity-based policy allows the <action> action` (or `with an explicit deny in …`).
 *
 * - DynamoDB: 400, `{"__type": "com.amazon.coral.service#AccessDeniedException", "Message": …}` (capital M, as
 *   DynamoDB writes it; seen in aws/aws-sdk-php#1292).
 * - Step Functions: 400 AccessDeniedException, `message` in lower case as Step Functions writes its errors
 *   (reported with statusCode 400 in FormidableLabs/aws-lambda-serverless-reference#31).
 * - SNS: 403 `<ErrorResponse>` with Code AuthorizationError; SNS names its actions with an upper-case prefix in the
 *   message (`SNS:Publish`, as in aws-ia/terraform-aws-control_tower_account_factory#151).
 * - S3: 403 `<Error><Code>AccessDenied</Code>`, the resource ARN in double quotes (S3 User Guide, "Troubleshoot
 *   access denied (403 Forbidden) errors": `… on resource: "arn:aws:s3:::bucket/key" because …`); a HEAD is
 *   answered without a body, as S3 does.
 */

export type DoorService = 'dynamodb' | 'states' | 'sns' | 's3';

export function deniedAnswer(service: DoorService, denied: Denied, method: string): Answer {
  const requestId = randomUUID();
  switch (service) {
    case 'dynamodb':
    case 'states': {
      const key = service === 'dynamodb' ? 'Message' : 'message';
      return json(400, 'AccessDeniedException', { __type: 'com.amazon.coral.service#AccessDeniedException', [key]: denied.message }, requestId);
    }
    case 'sns': {
      const action = `SNS:${denied.action.slice('sns:'.length)}`;
      const message = denied.message.split(denied.action).join(action);
      const body = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>${xml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
      return { status: 403, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: Buffer.from(body) };
    }
    case 's3': {
      const message = denied.message.replace(` on resource: ${denied.resourceArn} `, ` on resource: "${denied.resourceArn}" `);
      const id = requestId.replace(/-/g, '').slice(0, 16).toUpperCase();
      const body =
        method.toUpperCase() === 'HEAD'
          ? ''
          : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${xml(message)}</Message><RequestId>${id}</RequestId><HostId>local</HostId></Error>`;
      return { status: 403, headers: { 'content-type': 'application/xml', 'x-amz-request-id': id }, body: Buffer.from(body) };
    }
  }
}

function json(status: number, code: string, body: unknown, requestId: string): Answer {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId }, body: Buffer.from(JSON.stringify(body)) };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
