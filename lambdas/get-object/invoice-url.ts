import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsErrorName } from '../orders/errors';
import { HttpError, jsonResponse, requiredQueryParameter, type ProxyEvent, type ProxyResult } from '../shared/http';
import { INVOICE_KEY_PATTERN } from '../orders/invoice';

export interface InvoiceUrlDeps {
  readonly s3: Pick<S3Client, 'send'>;
  readonly bucketName: string;
  /** Signs a GetObject request (getSignedUrl in the handler; a fake in tests). */
  readonly presign: (command: GetObjectCommand, expiresInSeconds: number) => Promise<string>;
  readonly expiresInSeconds: number;
}

const EXAMPLE = "'?objectKey=invoices/2022/04/a0/v0/20220408T095558.123456.json'";

/** GET /invoice?objectKey= → 200 `{objectKey, url, expiresInSeconds}` (a short-lived download link), or 404. */
export async function invoiceUrl(deps: InvoiceUrlDeps, event: ProxyEvent): Promise<ProxyResult> {
  const objectKey = requiredQueryParameter(event, 'objectKey', INVOICE_KEY_PATTERN, EXAMPLE);
  try {
    await deps.s3.send(new HeadObjectCommand({ Bucket: deps.bucketName, Key: objectKey }));
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (awsErrorName(err) === 'NotFound' || awsErrorName(err) === 'NoSuchKey' || status === 404) {
      throw new HttpError(404, `There is no invoice ${objectKey}. It is written a few seconds after the order is stored; try again, or check the key.`);
    }
    throw err;
  }
  const url = await deps.presign(new GetObjectCommand({ Bucket: deps.bucketName, Key: objectKey }), deps.expiresInSeconds);
  return jsonResponse(200, { objectKey, url, expiresInSeconds: deps.expiresInSeconds });
}
