import { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Context } from 'aws-lambda';
import { BUCKET_NAME_VARIABLE, URL_EXPIRY_VARIABLE } from '../../contracts/env-vars';
import { requiredEnv } from '../orders/env';
import { answer, type ProxyEvent, type ProxyResult } from '../shared/http';
import { createLogger } from '../shared/logger';
import { invoiceUrl } from './invoice-url';

const logger = createLogger('get_object');
const s3 = new S3Client({});

/** The configured lifetime of a link (the stack sets 60-3600 s); 300 s when unset. */
function urlExpirySeconds(): number {
  const seconds = Number(process.env[URL_EXPIRY_VARIABLE] ?? 300);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 604_800) {
    throw new Error(`${URL_EXPIRY_VARIABLE} is '${process.env[URL_EXPIRY_VARIABLE]}'; set it to whole seconds (the stack sets skipTheLine.invoiceUrlExpirySeconds).`);
  }
  return seconds;
}

/** GET /invoice (Lambda proxy). */
export async function handler(event: ProxyEvent, context: Context): Promise<ProxyResult> {
  logger.addContext(context);
  return answer(logger, event, () =>
    invoiceUrl(
      {
        s3,
        bucketName: requiredEnv(BUCKET_NAME_VARIABLE),
        presign: (command, expiresIn) => getSignedUrl(s3, command, { expiresIn }),
        expiresInSeconds: urlExpirySeconds(),
      },
      event,
    ),
  );
}
