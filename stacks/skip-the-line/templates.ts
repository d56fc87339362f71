/**
 * The API Gateway mapping templates (VTL) of POST /order, the direct Step Functions StartExecution integration.
 * Plain text with no Terraform references: the state machine ARN comes from the stage variable
 * `stateMachineArn`, so the templates are byte-stable and can be rendered as they are in tests and locally.
 * They contain no '${' (Terraform would read it as an interpolation); `Stack` tests check that.
 */

/** The stage variable that holds the state machine's ARN. */
export const STATE_MACHINE_ARN_STAGE_VARIABLE = 'stateMachineArn';

/** Step Functions limits an execution name to 80 characters. */
export const MAX_EXECUTION_NAME_LENGTH = 80;

/**
 * The StartExecution request.
 *
 * `input` must be the body as a JSON string. `$util.escapeJavaScript` makes a JSON string of almost anything:
 * it escapes `"`, `\` and `/`, control characters and every non-ASCII character as `\uXXXX`, all valid in JSON,
 * but it also turns `'` into `\'`, which JSON does not allow, so "O'Connor" broke the original. Here every `\'`
 * it produced is turned back into `'` (Java's String.replaceAll; the VTL literal "\\'" is the regular
 * expression for a backslash followed by a quote). That is exact: escapeJavaScript doubles every backslash of
 * the body, so a backslash directly before a quote can only be the one it added.
 *
 * `name` makes a retried POST idempotent: the same order (account, vendor, order date to the microsecond) gets
 * the same execution name, and Step Functions answers a second StartExecution with the same name and input with
 * the first execution, and refuses one with another input (ExecutionAlreadyExists → 409). It is the order date's
 * digits, the account id and the vendor id joined by '_', restricted to the characters execution names allow
 * with logging on, cut to 80 characters (the date comes first, so it is never cut).
 */
export const START_EXECUTION_REQUEST_TEMPLATE = [
  '## Skip the Line: POST /order -> states:StartExecution. The body was validated against the Order model.',
  "#set($orderdate = $input.path('$.order.orderdate'))",
  "#set($name = $orderdate.replaceAll('[^0-9]', '').concat('_').concat($input.path('$.order.accountid')).concat('_').concat($input.path('$.order.vendorid')))",
  "#set($name = $name.replaceAll('[^A-Za-z0-9_-]', '-'))",
  `#if($name.length() > ${MAX_EXECUTION_NAME_LENGTH})#set($name = $name.substring(0, ${MAX_EXECUTION_NAME_LENGTH}))#end`,
  '{',
  `  "stateMachineArn": "$stageVariables.${STATE_MACHINE_ARN_STAGE_VARIABLE}",`,
  '  "name": "$name",',
  `  "input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'", "'")"`,
  '}',
].join('\n');

/** 202: the execution started (or, for a retried POST, is the one already running for this order). */
export const STARTED_RESPONSE_TEMPLATE = [
  '{',
  `  "executionArn": "$input.path('$.executionArn')",`,
  '  "message": "Order accepted. It is stored, invoiced and announced in a few seconds; read it back with GET /order."',
  '}',
].join('\n');

/**
 * A 4xx from Step Functions. The status becomes 409 for a conflicting repeat, 429 for throttling, 400 for an
 * input Step Functions refused, and 500 for anything else (the API's own configuration is wrong). `__type` may
 * carry a namespace (`com.amazonaws...#ExecutionAlreadyExists`), which is cut off.
 */
export const CLIENT_ERROR_RESPONSE_TEMPLATE = [
  "#set($type = $input.path('$.__type'))",
  "#if($type)#set($type = $type.replaceAll('^.*#', ''))#end",
  "#if($type == 'ExecutionAlreadyExists')",
  '#set($context.responseOverride.status = 409)',
  '{"error": "ExecutionAlreadyExists", "message": "This order was already submitted with a different body, or its execution has finished. Read it with GET /order; to order again, collect it (DELETE /order) and send a new orderdate."}',
  "#elseif($type == 'InvalidExecutionInput' || $type == 'InvalidName')",
  '{"error": "$type", "message": "Step Functions refused the order. Check the body against the order format and send it again."}',
  "#elseif($type == 'ThrottlingException' || $type == 'ExecutionLimitExceeded')",
  '#set($context.responseOverride.status = 429)',
  '{"error": "$type", "message": "Too many orders right now. Wait a few seconds and send it again."}',
  '#else',
  '#set($context.responseOverride.status = 500)',
  '{"error": "$!type", "message": "The order service could not start the order because of its configuration. Nothing was stored; tell the operator."}',
  '#end',
].join('\n');

/** A 5xx from Step Functions: nothing started, try again. */
export const SERVER_ERROR_RESPONSE_TEMPLATE =
  '{"error": "ServiceUnavailable", "message": "Step Functions could not start the order right now. Nothing was stored; send it again in a few seconds."}';
