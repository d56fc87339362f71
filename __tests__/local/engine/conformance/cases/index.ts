/** Every category of the conformance corpus, in the order the report lists them. */
import type { Category } from '../case';
import { choice } from './choice';
import { contextObject } from './context-object';
import { failSucceed } from './fail-succeed';
import { history } from './history';
import { inputOutputProcessing } from './input-output-processing';
import { intrinsics } from './intrinsics';
import { jsonata } from './jsonata';
import { limits } from './limits';
import { mapInline } from './map-inline';
import { parallel } from './parallel';
import { passAndResult } from './pass-and-result';
import { payloadTemplates } from './payload-templates';
import { taskRetryCatch } from './task-retry-catch';
import { timeouts } from './timeouts';
import { variables } from './variables';
import { wait } from './wait';

export const CATEGORIES: readonly Category[] = [
  { name: 'pass-and-result', cases: passAndResult },
  { name: 'input-output-processing', cases: inputOutputProcessing },
  { name: 'payload-templates', cases: payloadTemplates },
  { name: 'intrinsics', cases: intrinsics },
  { name: 'choice', cases: choice },
  { name: 'wait', cases: wait },
  { name: 'task-retry-catch', cases: taskRetryCatch },
  { name: 'timeouts', cases: timeouts },
  { name: 'parallel', cases: parallel },
  { name: 'map-inline', cases: mapInline },
  { name: 'context-object', cases: contextObject },
  { name: 'limits', cases: limits },
  { name: 'jsonata', cases: jsonata },
  { name: 'variables', cases: variables },
  { name: 'fail-succeed', cases: failSucceed },
  { name: 'history', cases: history },
];
