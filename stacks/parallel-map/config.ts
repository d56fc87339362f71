import { z } from 'zod';

/** Text Terraform would read as template syntax, or that a payload key would read as a path. */
const noTemplateSyntax = (value: string) => !/\$\{|%\{/.test(value);
const TEMPLATE_MESSAGE = "must not contain '${' or '%{' (Terraform would read them as template syntax)";

/** An S3 key or prefix the state machine role can be scoped to: no IAM wildcards, no leading or trailing '/'. */
const s3Key = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9!_.'()-][A-Za-z0-9!_.'()/-]{0,1022}$/, `must be a ${what} of letters, digits and ! _ . ' ( ) - /, not starting with '/'`)
    .refine((key) => !key.endsWith('/'), { message: `must not end with '/'` });

/** Config section `ddb` (the original's keys): where the inline mode's list item lives. */
export const ddbSection = z
  .object({
    /** The table name (before namePrefix). */
    tableName: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be 3-255 letters, digits, _ . or -').default('StepFunctionsProjectDDBTable'),
    /** The partition key attribute (type S) of the table. */
    partitionKeyName: z
      .string()
      .min(1)
      .max(255)
      .refine((name) => name !== 'values', { message: "must not be 'values': that attribute holds the list" })
      .refine((name) => !name.endsWith('.$'), { message: "must not end in '.$' (Step Functions would read the key as a path)" })
      .refine(noTemplateSyntax, { message: TEMPLATE_MESSAGE })
      .default('mapstatelist'),
    /** The partition key value of the one item that holds the list (the original calls it a "field"). */
    partitionKeyValueField: z.string().min(1).max(2048).refine(noTemplateSyntax, { message: TEMPLATE_MESSAGE }).default('mapitems'),
  })
  .strict()
  .default({});

/** Settings of the Distributed Map mode (`stepfunc.mode` = DISTRIBUTED). */
const distributedSection = z
  .object({
    /** The object in the stack's items bucket that holds the list. */
    itemsKey: s3Key('key').default('mapitems.json'),
    /** JSON: the object is one JSON array. CSV: the first row names the columns, each further row is an item. */
    inputType: z.enum(['JSON', 'CSV']).default('JSON'),
    /** Where the Map Run writes its result files, in the same bucket. */
    resultsPrefix: s3Key('prefix').default('results'),
    /** The share of items (0-100 %) that may fail before the whole Map fails. */
    toleratedFailurePercentage: z.number().min(0, 'must be 0 to 100 (percent)').max(100, 'must be 0 to 100 (percent)').default(0),
    /** STANDARD child executions may run a year; EXPRESS ones are cheaper for many short items but end after 5 minutes. */
    childExecutionType: z.enum(['STANDARD', 'EXPRESS']).default('STANDARD'),
  })
  .strict()
  .default({});

/** Express executions end after five minutes. */
const EXPRESS_LIMIT_SECONDS = 300;
/** An inline Map runs at most 40 iterations at once, whatever MaxConcurrency says. */
export const INLINE_CONCURRENCY_LIMIT = 40;

/** Config section `stepfunc` (the original's keys, plus the Map mode). */
export const stepfuncSection = z
  .object({
    /** INLINE: the list is one DynamoDB item (≤ 400 KB), processed inside the execution. DISTRIBUTED: an S3 object, processed by child executions. */
    mode: z.enum(['INLINE', 'DISTRIBUTED']).default('INLINE'),
    /** Items processed at once; 0 means as many as the mode allows (40 inline, 10000 distributed). */
    maxConcurrency: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 (no limit) or more')
      .max(10_000, 'must be at most 10000 (the Distributed Map limit)')
      .default(1),
    /** Seconds each item waits (`WaitInMap`) before its function runs. */
    waitDurationSeconds: z.number().int('must be a whole number of seconds').min(0, 'must be 0 or more').max(31_536_000, 'must be at most one year').default(2),
    /** Seconds before the execution fails with States.Timeout. */
    timeoutDurationSeconds: z.number().int('must be a whole number of seconds').min(1, 'must be at least 1').max(31_536_000, 'must be at most one year').default(20),
    distributed: distributedSection,
  })
  .strict()
  .superRefine((s, ctx) => {
    const { itemsKey, inputType, childExecutionType } = s.distributed;
    const extension = inputType === 'CSV' ? '.csv' : '.json';
    if (s.mode === 'DISTRIBUTED' && !itemsKey.toLowerCase().endsWith(extension)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['distributed', 'itemsKey'],
        message: `'${itemsKey}' does not end in ${extension} but inputType is ${inputType}; make the key and inputType agree`,
      });
    }
    if (s.mode === 'DISTRIBUTED' && childExecutionType === 'EXPRESS' && s.waitDurationSeconds >= EXPRESS_LIMIT_SECONDS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['distributed', 'childExecutionType'],
        message: `EXPRESS child executions end after ${EXPRESS_LIMIT_SECONDS} s but each item waits ${s.waitDurationSeconds} s; use STANDARD or a shorter waitDurationSeconds`,
      });
    }
  });

export type StepfuncSettings = z.infer<typeof stepfuncSection>;
export type DdbSettings = z.infer<typeof ddbSection>;

/**
 * Settings that are allowed but probably not meant: synth shows each as a warning. A wait as long as the
 * timeout is the original's own experiment (it must end in States.Timeout), so it is not refused.
 */
export function stepfuncWarnings(s: StepfuncSettings): string[] {
  const warnings: string[] = [];
  if (s.waitDurationSeconds >= s.timeoutDurationSeconds) {
    warnings.push(
      `stepfunc.waitDurationSeconds (${s.waitDurationSeconds}) is not shorter than stepfunc.timeoutDurationSeconds (${s.timeoutDurationSeconds}): ` +
        'every execution of parallel-map will fail with States.Timeout. That is the original\'s timeout experiment; otherwise lower the wait or raise the timeout.',
    );
  }
  if (s.mode === 'INLINE' && s.maxConcurrency > INLINE_CONCURRENCY_LIMIT) {
    warnings.push(
      `stepfunc.maxConcurrency (${s.maxConcurrency}) is above ${INLINE_CONCURRENCY_LIMIT}, the most an inline Map runs at once; ` +
        'it acts as 40. Set stepfunc.mode to DISTRIBUTED for more.',
    );
  }
  return warnings;
}
