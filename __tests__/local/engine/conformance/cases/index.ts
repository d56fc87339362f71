/** Every category of the conformance corpus, in the order the report lists them. */
import type { Category } from '../case';
import { choice } from './choice';
import { inputOutputProcessing } from './input-output-processing';
import { intrinsics } from './intrinsics';
import { passAndResult } from './pass-and-result';
import { payloadTemplates } from './payload-templates';

export const CATEGORIES: readonly Category[] = [
  { name: 'pass-and-result', cases: passAndResult },
  { name: 'input-output-processing', cases: inputOutputProcessing },
  { name: 'payload-templates', cases: payloadTemplates },
  { name: 'intrinsics', cases: intrinsics },
  { name: 'choice', cases: choice },
];
