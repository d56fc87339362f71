/**
 * The API Gateway mapping templates (VTL) of POST /order, the direct Step Functions StartExecution integration.
 * Plain text with no Terraform references: the state machine ARN comes from the stage variable
 * `stateMachineArn`, so the templates are byte-stable and can be rendered as they are in tests and locally.
 * They contain no '${' (Terraform would read it as an interpolation); `Stack` tests check that.
 */

import { ID_LENGTH_DIGITS, ID_MAX_LENGTH, ORDER_DATE_DROPPED_IN_NAME } from '../../contracts/order-catalog';

// The template writes the account id's length with two digits ("0" before a single digit).
if (ID_LENGTH_DIGITS !== 2 || String(ID_MAX_LENGTH).length > 2) {
  throw new Error(`START_EXECUTION_REQUEST_TEMPLATE pads the account id length to 2 digits; ID_LENGTH_DIGITS is ${ID_LENGTH_DIGITS}, ID_MAX_LENGTH ${ID_MAX_LENGTH}.`);
}

/** The stage variable that holds the state machine's ARN. */
export const STATE_MACHINE_ARN_STAGE_VARIABLE = 'stateMachineArn';

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
 * `name` is `orderExecutionName` of the catalog, built in VTL: the order date with only [0-9TZ] kept, '_', the
 * account id's length in two digits, the account id, the vendor id. It is injective, so two different orders
 * never share a name, and the same order always gets the same one: Step Functions answers a second
 * StartExecution with the same name and input with the first execution (a retried POST is idempotent) and
 * refuses one with another input (ExecutionAlreadyExists → 409). The model admits only ids and dates whose name
 * fits in 80 characters of the kinds execution names allow, so nothing is cut or replaced here.
 */
export const START_EXECUTION_REQUEST_TEMPLATE = [
  '## Skip the Line: POST /order -> states:StartExecution. The body was validated against the Order model.',
  "#set($accountid = $input.path('$.order.accountid'))",
  '#set($accountLength = $accountid.length())',
  `#if($accountLength < 10)#set($accountLength = "0$accountLength")#end`,
  `#set($date = $input.path('$.order.orderdate').replaceAll('${ORDER_DATE_DROPPED_IN_NAME}', ''))`,
  `#set($name = $date.concat('_').concat("$accountLength").concat($accountid).concat($input.path('$.order.vendorid')))`,
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
