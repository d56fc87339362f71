import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { parseEvent } from '../shared/errors';
import { describeError, InvoiceNotStored } from '../orders/errors';
import { buildInvoice, invoiceKey } from '../orders/invoice';
import { storedOrderSchema } from '../orders/order';

export interface WriteInvoiceDeps {
  readonly s3: Pick<S3Client, 'send'>;
  readonly bucketName: string;
}

/** What task_put_object passes on. */
export interface WriteInvoiceResult {
  readonly bucket: string;
  readonly objectKey: string;
  readonly billingperiod: string;
  readonly total: string;
}

/** task_put_object's payload: the stored order and the execution that placed it. */
export const writeInvoiceEventSchema = z
  .object({
    order: storedOrderSchema,
    executionId: z.string().min(1).max(2048),
  })
  .strict();

/** Writes the order's invoice (JSON, metadata `accountid` and `billingperiod`) at the order's own key. */
export async function writeInvoice(deps: WriteInvoiceDeps, event: unknown): Promise<WriteInvoiceResult> {
  const { order, executionId } = parseEvent(writeInvoiceEventSchema, event, 'put_object event');
  const invoice = buildInvoice(order, executionId);
  const objectKey = invoiceKey(order);
  try {
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucketName,
        Key: objectKey,
        Body: JSON.stringify(invoice),
        ContentType: 'application/json',
        Metadata: { accountid: order.accountid, billingperiod: invoice.billingperiod },
      }),
    );
  } catch (err) {
    throw new InvoiceNotStored(`S3 did not store the invoice ${objectKey} in bucket ${deps.bucketName} (${describeError(err)}).`);
  }
  return { bucket: deps.bucketName, objectKey, billingperiod: invoice.billingperiod, total: invoice.total };
}
