import { escapeJavaScript, renderTemplate } from '../../../local/api-gateway/vtl';
import {
  CLIENT_ERROR_RESPONSE_TEMPLATE,
  SERVER_ERROR_RESPONSE_TEMPLATE,
  START_EXECUTION_REQUEST_TEMPLATE,
  STARTED_RESPONSE_TEMPLATE,
} from '../../../stacks/skip-the-line/templates';
import { ID_MAX_LENGTH, LONGEST_ORDER_DATE } from '../../../contracts/order-catalog';
import { notebookOrder } from '../../support/orders';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:step_function_orchestration';
const context = { requestId: 'req-1', httpMethod: 'POST', resourcePath: '/order', stage: 'prod' };

/** Renders the StartExecution request for a body and parses it as Step Functions would. */
function startExecutionRequest(body: string): { stateMachineArn: string; name: string; input: string } {
  const { output } = renderTemplate(START_EXECUTION_REQUEST_TEMPLATE, { body }, context, { stateMachineArn: STATE_MACHINE_ARN });
  return JSON.parse(output);
}

describe('$util.escapeJavaScript (the emulation of API Gateway’s)', () => {
  test.each([
    ["O'Connor", "O\\'Connor"],
    ['say "hi"', 'say \\"hi\\"'],
    ['a\\b/c', 'a\\\\b\\/c'],
    ['é', '\\u00E9'],
    ['😀', '\\uD83D\\uDE00'],
    ['tab\tnew\nline', 'tab\\tnew\\nline'],
    ['\u0001', '\\u0001'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeJavaScript(text)).toBe(escaped);
  });

  test("the original template's `$util.escapeJavaScript($input.json('$'))` is not valid JSON for O'Connor", () => {
    const original = `{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "x"}`;
    const { output } = renderTemplate(original, { body: JSON.stringify(notebookOrder({ city: "O'Connor" })) }, context);
    expect(() => JSON.parse(output)).toThrow();
  });
});

describe('POST /order request template (StartExecution)', () => {
  test('the notebook body becomes the execution input unchanged, with a name derived from the order', () => {
    const body = JSON.stringify(notebookOrder());
    const request = startExecutionRequest(body);
    expect(request.stateMachineArn).toBe(STATE_MACHINE_ARN);
    expect(request.name).toBe('20220408095558123456_02a0v0');
    expect(JSON.parse(request.input)).toStrictEqual(notebookOrder());
  });

  test("an apostrophe (O'Connor) stays intact", () => {
    const order = notebookOrder({ city: "O'Connor" });
    expect(JSON.parse(startExecutionRequest(JSON.stringify(order)).input)).toStrictEqual(order);
  });

  test('unicode, quotes, backslashes, slashes, control characters and "\\\'" sequences stay intact', () => {
    const order = notebookOrder({ city: 'Mañana "Café" \\ / 😀 \t O\\\'Brien </script>', eventtype: ["it's", '\\\\\'', '"\'"', '\u2028'] });
    expect(JSON.parse(startExecutionRequest(JSON.stringify(order)).input)).toStrictEqual(order);
  });

  test('a retried POST of the same order gets the same execution name (idempotent StartExecution)', () => {
    const body = JSON.stringify(notebookOrder());
    expect(startExecutionRequest(body).name).toBe(startExecutionRequest(body).name);
    expect(startExecutionRequest(JSON.stringify(notebookOrder({ orderdate: '2022-04-08 09:55:58.123457' }))).name).not.toBe(startExecutionRequest(body).name);
    expect(startExecutionRequest(JSON.stringify(notebookOrder({ vendorid: 'v1' }))).name).not.toBe(startExecutionRequest(body).name);
  });

  test('the longest order gets a name of the characters execution names allow with logging on, uncut, within 80', () => {
    const long = notebookOrder({ accountid: 'A'.repeat(ID_MAX_LENGTH), vendorid: 'V'.repeat(ID_MAX_LENGTH), orderdate: LONGEST_ORDER_DATE });
    const { name } = startExecutionRequest(JSON.stringify(long));
    expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    expect(name).toBe(`20220408T095558123456Z_${ID_MAX_LENGTH}${'A'.repeat(ID_MAX_LENGTH)}${'V'.repeat(ID_MAX_LENGTH)}`);
  });
});

describe('POST /order response templates', () => {
  const respond = (template: string, serviceBody: unknown) => renderTemplate(template, { body: JSON.stringify(serviceBody) }, context);

  test('202 carries the execution ARN', () => {
    const { output, responseOverride } = respond(STARTED_RESPONSE_TEMPLATE, { executionArn: 'arn:aws:states:us-east-1:1:execution:sm:n', startDate: 1.6e9 });
    expect(JSON.parse(output).executionArn).toBe('arn:aws:states:us-east-1:1:execution:sm:n');
    expect(responseOverride.status).toBeUndefined();
  });

  test.each([
    ['ExecutionAlreadyExists', 409],
    ['com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists', 409],
    ['InvalidExecutionInput', undefined],
    ['InvalidName', undefined],
    ['ThrottlingException', 429],
    ['ExecutionLimitExceeded', 429],
    ['AccessDeniedException', 500],
    ['StateMachineDoesNotExist', 500],
  ])('a Step Functions %s becomes %p (400 when not overridden), with a JSON message', (type, status) => {
    const { output, responseOverride } = respond(CLIENT_ERROR_RESPONSE_TEMPLATE, { __type: type, message: "Execution Already Exists: 'x'" });
    expect(responseOverride.status).toBe(status);
    const body = JSON.parse(output);
    expect(body.error).toBe(type.replace(/^.*#/, ''));
    expect(body.message).toMatch(/\.$/);
  });

  test('an error without a type is still a JSON 500', () => {
    const { output, responseOverride } = respond(CLIENT_ERROR_RESPONSE_TEMPLATE, {});
    expect(responseOverride.status).toBe(500);
    expect(JSON.parse(output).error).toBe('');
  });

  test('a 5xx from Step Functions is a JSON message to try again', () => {
    expect(JSON.parse(respond(SERVER_ERROR_RESPONSE_TEMPLATE, {}).output).message).toMatch(/send it again/);
  });
});
