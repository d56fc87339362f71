import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { BUCKET_NAME_VARIABLE } from '../../contracts/env-vars';
import { requiredEnv } from '../orders/env';
import { createLogger, invocationFailed } from '../shared/logger';
import { writeInvoice, type WriteInvoiceResult } from './write-invoice';

const logger = createLogger('put_object');
const s3 = new S3Client({});

/** task_put_object: `{"order": <stored order>, "executionId": "..."}` → writes the invoice → its key. */
export async function handler(event: unknown, context: Context): Promise<WriteInvoiceResult> {
  logger.addContext(context);
  try {
    const result = await writeInvoice({ s3, bucketName: requiredEnv(BUCKET_NAME_VARIABLE) }, event);
    logger.info('Invoice stored', { objectKey: result.objectKey });
    return result;
  } catch (err) {
    throw invocationFailed(logger, 'Invoice not stored', err, context.awsRequestId);
  }
}
