import type { DescribedExecution, DescribedStateMachine, ExecutionService, StartExecutionRequest } from './sfn-service';
import { SfnApiError } from './sfn-errors';
import { pageOf } from './sfn-pagination';

/**
 * The operations of the local Step Functions API, each reading AWS's request shape and answering AWS's response
 * shape (AWS Step Functions API Reference, one page per operation). Timestamps go out as epoch seconds, as AWS JSON
 * 1.0 writes them.
 */
type Operation = (service: ExecutionService, body: Record<string, unknown>) => unknown;

const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
const REDRIVE_FILTERS = ['REDRIVEN', 'NOT_REDRIVEN'];

export const OPERATIONS: Record<string, Operation> = {
  StartExecution(service, body) {
    const { executionArn, startDate } = service.start(startRequest(body));
    return { executionArn, startDate: epochSeconds(startDate) };
  },
  async StartSyncExecution(service, body) {
    const e = await service.startSync(startRequest(body));
    const metadataOnly = body.includedData === 'METADATA_ONLY';
    return {
      ...executionBody(e),
      ...(metadataOnly ? { input: undefined, output: undefined } : {}),
      inputDetails: { included: !metadataOnly },
      ...(e.output !== undefined && { outputDetails: { included: !metadataOnly } }),
      billingDetails: e.billingDetails,
    };
  },
  DescribeExecution(service, body) {
    const e = service.describe(requiredString(body, 'executionArn'));
    // API_DescribeExecution: input and output are always included in an API answer (inputDetails/outputDetails
    // `included: true`); the service answers the redrive fields for Standard executions only (an Express one is
    // redriven only in a Map Run). In the order of the API Reference's response syntax, the order the AWS CLI prints
    // them in; fields the service adds beyond these come after them.
    const { executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause, redriveCount, redriveDate, redriveStatus, redriveStatusReason, ...rest } = e;
    return {
      executionArn,
      stateMachineArn,
      name,
      status,
      startDate: epochSeconds(startDate),
      ...(stopDate && { stopDate: epochSeconds(stopDate) }),
      input,
      inputDetails: { included: true },
      ...(output !== undefined && { output, outputDetails: { included: true } }),
      ...(error !== undefined && { error }),
      ...(cause !== undefined && { cause }),
      ...rest,
      ...(redriveCount !== undefined && { redriveCount }),
      ...(redriveDate && { redriveDate: epochSeconds(redriveDate) }),
      ...(redriveStatus !== undefined && { redriveStatus }),
      ...(redriveStatusReason !== undefined && { redriveStatusReason }),
    };
  },
  ListExecutions(service, body) {
    const stateMachineArn = optionalString(body, 'stateMachineArn');
    const mapRunArn = optionalString(body, 'mapRunArn');
    if (stateMachineArn !== undefined && mapRunArn !== undefined) {
      throw new SfnApiError('ValidationException', 'Specify either a stateMachineArn or a mapRunArn, not both.');
    }
    if (stateMachineArn === undefined && mapRunArn === undefined) throw new SfnApiError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
    const status = optionalString(body, 'statusFilter');
    if (status !== undefined && !EXECUTION_STATUSES.includes(status)) {
      throw new SfnApiError(
        'ValidationException',
        `1 validation error detected: Value '${status}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${EXECUTION_STATUSES.join(', ')}]`,
      );
    }
    const redrive = optionalString(body, 'redriveFilter');
    if (redrive !== undefined && !REDRIVE_FILTERS.includes(redrive)) {
      throw new SfnApiError(
        'ValidationException',
        `1 validation error detected: Value '${redrive}' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum value set: [${REDRIVE_FILTERS.join(', ')}]`,
      );
    }
    const all = mapRunArn !== undefined ? service.listMapRunExecutions(mapRunArn) : service.listExecutions(stateMachineArn!);
    const executions = all
      .filter((e) => status === undefined || e.status === status)
      .filter((e) => redrive === undefined || (redrive === 'REDRIVEN') === (e.redriveCount ?? 0) > 0);
    const page = pageOf(executions, body, `ListExecutions ${stateMachineArn ?? mapRunArn} ${status ?? ''} ${redrive ?? ''}`, (e) => e.executionArn);
    return {
      executions: page.items.map((e) => ({
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: epochSeconds(e.startDate),
        ...(e.stopDate && { stopDate: epochSeconds(e.stopDate) }),
        ...(e.redriveCount !== undefined && { redriveCount: e.redriveCount }),
        ...(e.redriveDate && { redriveDate: epochSeconds(e.redriveDate) }),
        // Only for a Map Run's children (ExecutionListItem: returned when mapRunArn was given).
        ...(e.mapRunArn !== undefined && { mapRunArn: e.mapRunArn, itemCount: e.itemCount }),
      })),
      ...(page.nextToken && { nextToken: page.nextToken }),
    };
  },
  DescribeMapRun(service, body) {
    const { startDate, stopDate, ...rest } = service.describeMapRun(requiredString(body, 'mapRunArn'));
    return { ...rest, startDate: epochSeconds(startDate), ...(stopDate && { stopDate: epochSeconds(stopDate) }) };
  },
  ListMapRuns(service, body) {
    const executionArn = requiredString(body, 'executionArn');
    const page = pageOf(service.listMapRuns(executionArn), body, `ListMapRuns ${executionArn}`, (run) => run.mapRunArn);
    return {
      mapRuns: page.items.map((run) => ({ ...run, startDate: epochSeconds(run.startDate), ...(run.stopDate && { stopDate: epochSeconds(run.stopDate) }) })),
      ...(page.nextToken && { nextToken: page.nextToken }),
    };
  },
  StopExecution(service, body) {
    const stopDate = service.stop(requiredString(body, 'executionArn'), optionalString(body, 'error'), optionalString(body, 'cause'));
    return { stopDate: epochSeconds(stopDate) };
  },
  RedriveExecution(service, body) {
    const redriveDate = service.redrive(requiredString(body, 'executionArn'), optionalString(body, 'clientToken'));
    return { redriveDate: epochSeconds(redriveDate) };
  },
  GetExecutionHistory(service, body) {
    const executionArn = requiredString(body, 'executionArn');
    const events = service.history(executionArn).map((e) => ({ ...e, timestamp: epochSeconds(e.timestamp) }));
    const reverse = body.reverseOrder === true;
    if (reverse) events.reverse();
    const page = pageOf(events, body, `GetExecutionHistory ${executionArn} ${reverse}`, (e) => String(e.id));
    return { events: page.items, ...(page.nextToken && { nextToken: page.nextToken }) };
  },
  DescribeStateMachine(service, body) {
    return stateMachineBody(service.describeStateMachine(requiredString(body, 'stateMachineArn')));
  },
  DescribeStateMachineForExecution(service, body) {
    const { creationDate, status: _status, type: _type, ...rest } = service.describeStateMachineForExecution(requiredString(body, 'executionArn'));
    // For a state machine never updated, updateDate is its creation date (API Reference).
    return { ...rest, updateDate: epochSeconds(creationDate) };
  },
  ListStateMachines(service, body) {
    const page = pageOf(service.listStateMachines(), body, 'ListStateMachines', (m) => m.stateMachineArn);
    return {
      stateMachines: page.items.map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: epochSeconds(m.creationDate) })),
      ...(page.nextToken && { nextToken: page.nextToken }),
    };
  },
  SendTaskSuccess(service, body) {
    service.sendTaskSuccess(requiredString(body, 'taskToken'), requiredString(body, 'output'));
    return {};
  },
  SendTaskFailure(service, body) {
    service.sendTaskFailure(requiredString(body, 'taskToken'), optionalString(body, 'error'), optionalString(body, 'cause'));
    return {};
  },
  SendTaskHeartbeat(service, body) {
    service.sendTaskHeartbeat(requiredString(body, 'taskToken'));
    return {};
  },
};

function startRequest(body: Record<string, unknown>): StartExecutionRequest {
  return {
    stateMachineArn: requiredString(body, 'stateMachineArn'),
    ...(body.name !== undefined && body.name !== null && { name: String(body.name) }),
    ...(body.input !== undefined && body.input !== null && { input: String(body.input) }),
  };
}

function executionBody({ itemCount: _itemCount, ...e }: DescribedExecution): Record<string, unknown> {
  return {
    ...e,
    startDate: epochSeconds(e.startDate),
    ...(e.stopDate && { stopDate: epochSeconds(e.stopDate) }),
    ...(e.redriveDate && { redriveDate: epochSeconds(e.redriveDate) }),
  };
}

function stateMachineBody(m: DescribedStateMachine): Record<string, unknown> {
  return { ...m, creationDate: epochSeconds(m.creationDate) };
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  return body[key] === undefined || body[key] === null ? undefined : String(body[key]);
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') {
    throw new SfnApiError('ValidationException', `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
