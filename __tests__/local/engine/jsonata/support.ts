import { StatesError } from '../../../../local/engine/errors';
import type { StatesBinding } from '../../../../local/engine/query-languages';
import { createJsonataLanguage, JsonataEvaluationError } from '../../../../local/engine/jsonata';

/** Where the facts come from (cited by every case). */
export const DOCS = {
  writing: 'Developer Guide, "Transforming data with JSONata in Step Functions" > "Writing JSONata expressions in JSON strings"',
  states: 'Developer Guide, "Transforming data with JSONata in Step Functions" > "Reserved variable : $states"',
  errors: 'Developer Guide, "Transforming data with JSONata in Step Functions" > "Handling expression errors"',
  functions: 'Developer Guide, "Transforming data with JSONata in Step Functions" > "JSONata functions provided by Step Functions"',
  examples: 'Developer Guide, "Transforming data with JSONata in Step Functions" > "JSONata examples"',
  converting: 'Developer Guide, "Transforming data with JSONata in Step Functions" > "Converting from JSONPath to JSONata"',
  version: 'Developer Guide, "Transforming data with JSONata in Step Functions" > "Supported JSONata version" ($eval not available)',
  variables: 'Developer Guide, "Passing data between states with variables"',
  evaluationOrder: 'Developer Guide, "Passing data between states with variables" > "Evaluation order in an assign field"',
  eventDetails: 'API Reference, "EvaluationFailedEventDetails"',
  /** Executions recorded against real AWS (LocalStack's AWS-validated snapshot files under tests/aws/services/stepfunctions/v2/). */
  recorded: (file: string) => `recorded AWS execution (LocalStack AWS-validated snapshot ${file})`,
  /** Behaviour measured against real AWS with TestState and published in an issue. */
  measured: (issue: string) => `measured on AWS (${issue})`,
} as const;

export const FIXED_NOW = Date.UTC(2024, 10, 30, 12, 34, 56, 789);
export const FIXED_UUID = '0f5a4d9c-3b1e-4c7a-9e2f-1a2b3c4d5e6f';

export const language = createJsonataLanguage({ now: () => FIXED_NOW, random: () => 0.25, uuid: () => FIXED_UUID });

export const CONTEXT = {
  Execution: { Id: 'arn:aws:states:us-east-1:111111111111:execution:sm:exec', Name: 'exec', StartTime: '2024-11-30T12:00:00.000Z' },
  State: { Name: 'State0', EnteredTime: '2024-11-30T12:34:56.789Z' },
};

export function binding(input: unknown, extra: Partial<StatesBinding> = {}): StatesBinding {
  return { input, context: CONTEXT, ...extra };
}

export function render(
  template: unknown,
  states: StatesBinding = binding({}),
  variables: Record<string, unknown> = {},
  location = 'Output',
): Promise<unknown> {
  return language.render(template, states, variables, { location });
}

/** The JsonataEvaluationError a render raises (fails the test if it succeeds or raises anything else). */
export async function failure(
  template: unknown,
  states: StatesBinding = binding({}),
  variables: Record<string, unknown> = {},
  location = 'Output',
): Promise<JsonataEvaluationError> {
  let outcome: unknown;
  try {
    outcome = await language.render(template, states, variables, { location });
  } catch (error) {
    expect(error).toBeInstanceOf(JsonataEvaluationError);
    expect(error).toBeInstanceOf(StatesError);
    return error as JsonataEvaluationError;
  }
  throw new Error(`expected a States.QueryEvaluationError, got ${JSON.stringify(outcome)}`);
}
