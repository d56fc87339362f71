import type { LocalStackOptions } from '../../../local';
import type { LocalCliArgs } from './args';

/** What `npm run local`'s flags say about every stack it starts (a single run and --serve alike). */
export function stackOptionsFrom(args: LocalCliArgs, dataDir: string | undefined): LocalStackOptions {
  return {
    ...(dataDir && { dataDir }),
    realWaits: args.realWaits,
    faults: args.faults,
    iam: args.iam,
    ...(args.mockConfig !== undefined && { mockConfig: args.mockConfig }),
    ...(args.testCase !== undefined && { testCase: args.testCase }),
    onWarning: (message) => console.error(`warning: ${message}`),
  };
}
