import {
  checkToleratedFailureCount,
  checkToleratedFailurePercentage,
  exceedsTolerance,
  floatFromPath,
  integerFromPath,
  labelProblem,
  MapRunIdentity,
  uuidV3,
} from '../../../../local/engine/distributed-map/map-run';
import { statesError } from './support';

const SM = 'arn:aws:states:us-east-2:123456789012:stateMachine:csvProcess';
const EXEC = 'arn:aws:states:us-east-2:123456789012:execution:csvProcess:run-1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Map Run identity (ResultWriter example: mapRun:csvProcess/Map:<uuid>; recorded ListMapRuns)', () => {
  const identity = new MapRunIdentity({ stateMachineArn: SM, executionArn: EXEC, stateName: 'Map', label: 'Map' });

  it('MapRunArn is arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<uuid>', () => {
    expect(identity.mapRunArn).toBe(`arn:aws:states:us-east-2:123456789012:mapRun:csvProcess/Map:${identity.mapRunId}`);
    expect(identity.mapRunId).toMatch(UUID);
  });

  it('the children run under stateMachine:<machine>/<label>', () => {
    expect(identity.childStateMachineArn).toBe('arn:aws:states:us-east-2:123456789012:stateMachine:csvProcess/Map');
  });

  it('a STANDARD child is execution:<machine>/<label>:<name>, its name a UUID', () => {
    const name = identity.childName(0);
    expect(name).toMatch(UUID);
    expect(identity.childExecutionArn(name)).toBe(`arn:aws:states:us-east-2:123456789012:execution:csvProcess/Map:${name}`);
    expect(identity.childName(1)).not.toBe(name);
  });

  it('an EXPRESS child has an express: ARN with name and id (assumed form of an EXPRESS execution ARN)', () => {
    const express = new MapRunIdentity({ stateMachineArn: SM, executionArn: EXEC, stateName: 'Map', label: 'Map', executionType: 'EXPRESS' });
    expect(express.childExecutionArn('n')).toMatch(/^arn:aws:states:us-east-2:123456789012:express:csvProcess\/Map:n:[0-9a-f-]{36}$/);
  });

  it('without a Label a unique label is generated; ids are reproducible from execution, state and seed', () => {
    const a = new MapRunIdentity({ stateMachineArn: SM, executionArn: EXEC, stateName: 'Map' });
    const b = new MapRunIdentity({ stateMachineArn: SM, executionArn: EXEC, stateName: 'Map' });
    const c = new MapRunIdentity({ stateMachineArn: SM, executionArn: EXEC, stateName: 'Map', seed: 9 });
    expect(a.label).toMatch(UUID);
    expect(a.mapRunArn).toBe(b.mapRunArn);
    expect(c.mapRunArn).not.toBe(a.mapRunArn);
  });

  it('uuidV3 sets the version and variant bits', () => {
    expect(uuidV3('x')).toMatch(UUID);
  });
});

describe('Label (Distributed Map state fields → Label; recorded AWS: at most 40 characters, no special characters)', () => {
  it.each([
    ['ok-label_1', undefined],
    ['', 'Label must not be empty.'],
    ['x'.repeat(41), 'Label is 41 characters long; the limit is 40.'],
    ['label ', "Label contains invalid character: ' '."],
    ['a:b', "Label contains invalid character: ':'."],
    ['a\u0085', "Label contains invalid character: '\u0085'."],
  ])('%j → %j', (label, problem) => {
    expect(labelProblem(label)).toBe(problem);
  });
});

describe('…Path fields and tolerated-failure values (recorded AWS causes, States.Runtime)', () => {
  it.each([
    ['MaxItemsPath', 1.5, '$.MaxItems', 'The MaxItemsPath field refers to value "1.5" which is not a valid integer: $.MaxItems'],
    ['MaxConcurrencyPath', {}, '$.MaxConcurrencyValue', 'The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.MaxConcurrencyValue'],
    ['ToleratedFailureCountPath', 'NoNumber', '$.ToleratedFailureCount', 'The ToleratedFailureCountPath field refers to value "NoNumber" which is not a valid integer: $.ToleratedFailureCount'],
  ])('%s with %j', async (field, value, path, cause) => {
    const err = await statesError(() => integerFromPath(field, value, path));
    expect([err.error, err.cause]).toEqual(['States.Runtime', cause]);
  });

  it('ToleratedFailurePercentagePath must select a number ("not a valid float")', async () => {
    const err = await statesError(() => floatFromPath('ToleratedFailurePercentagePath', 'NoNumber', '$.ToleratedFailurePercentage'));
    expect(err.cause).toBe('The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: $.ToleratedFailurePercentage');
    expect(floatFromPath('ToleratedFailurePercentagePath', 1.1, '$.p')).toBe(1.1);
  });

  it('a negative count: "ToleratedFailureCount cannot be negative."', async () => {
    expect((await statesError(() => checkToleratedFailureCount(-1))).cause).toBe('ToleratedFailureCount cannot be negative.');
    expect(checkToleratedFailureCount(0)).toBe(0);
  });

  it.each([-1, -1.1, 100.1])('percentage %p: "ToleratedFailurePercentage must be between 0 and 100."', async (p) => {
    expect((await statesError(() => checkToleratedFailurePercentage(p))).cause).toBe('ToleratedFailurePercentage must be between 0 and 100.');
  });

  it.each([0, 1, 1.1, 100])('percentage %p is accepted', (p) => {
    expect(checkToleratedFailurePercentage(p)).toBe(p);
  });
});

describe('Tolerated failure threshold (Distributed Map, "Setting failure thresholds")', () => {
  it.each([
    [0, 10, {}, false],
    [1, 10, {}, true],
    [2, 10, { count: 2 }, false],
    [3, 10, { count: 2 }, true],
    [1, 10, { percentage: 10 }, false],
    [2, 10, { percentage: 10 }, true],
    [1, 3, { percentage: 33.4 }, false],
    [2, 10, { count: 5, percentage: 10 }, true],
    [6, 10, { count: 5, percentage: 100 }, true],
  ])('%p failed of %p items with %j → exceeded %p', (failed, total, tolerated, exceeded) => {
    expect(exceedsTolerance(failed, total, tolerated)).toBe(exceeded);
  });
});
