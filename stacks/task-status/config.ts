import { z } from 'zod';

/** Config section `taskStatus`: the starter Lambda and its put → wait → update workflow. Every key is optional. */
export const taskStatusSection = z
  .object({
    /**
     * Seconds the "long running task" waits between the put and the update. An execution may last one year;
     * two minutes of it are kept for the two writes and their retries.
     */
    waitSeconds: z
      .number()
      .int('must be a whole number of seconds')
      .min(0, 'must be 0 or more seconds')
      .max(31_535_880, 'must be at most 31535880 (one year, the longest execution, less two minutes for the writes)')
      .default(30),
  })
  .strict()
  .default({});

export type TaskStatusConfig = z.infer<typeof taskStatusSection>;
