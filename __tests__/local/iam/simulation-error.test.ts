import * as path from 'node:path';
import { IamSimulationError, loadStackIam, StackAuthorizer, type IamMode, type StackIam } from '../../../local/iam';
import { loadStackModel } from '../../../local/stack-model';
import { DENIED, requireAccess } from '../../../local/tasks/access';
import { synthApp } from '../../support/synth';

// When the IAM simulator cannot decide a call (an action the Service Authorization Reference does not have), inside a
// Task's handler: --iam warn says so in one line and the call goes on; --iam enforce fails it with a named error.

const ROLE = 'arn:aws:iam::000000000000:role/StateMachinetoDDB-role';
const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/sfn-dynamodb-items';
let iam: StackIam;
beforeAll(() => {
  iam = loadStackIam(loadStackModel(path.join(synthApp().outdir, 'stacks', 'sfn-dynamodb')));
}, 120_000);

function accessFor(mode: IamMode, lines: string[] = []) {
  const authorizer = new StackAuthorizer(iam, { mode, region: 'us-east-1', onDenial: (line) => lines.push(line) });
  return { authorizer, access: authorizer.forRole(ROLE, 'state machine StateMachinetoDDB') };
}
const unknown = [{ action: 'dynamodb:GetItemz', resourceArn: TABLE }];

test('--iam warn: one line naming the state machine, the state, the action the simulator does not know and what to check; the call goes on', async () => {
  const lines: string[] = [];
  const { authorizer, access } = accessFor('warn', lines);
  await expect(requireAccess(access, [...unknown, { action: 'dynamodb:GetItem', resourceArn: TABLE }], 'ReadFromDDb', DENIED.dynamodb)).resolves.toBeUndefined();
  expect(lines).toEqual([
    expect.stringMatching(
      /^IAM \(warn\): state machine StateMachinetoDDB, state 'ReadFromDDb': The IAM simulator could not decide dynamodb:GetItemz on arn:aws:dynamodb:\S+ for arn:aws:sts::000000000000:assumed-role\/StateMachinetoDDB-role\/[A-Za-z]{32}: invalid\.action .*Check the action name against the Service Authorization Reference.* The call goes through undecided\.$/,
    ),
  ]);
  // Both were decided (the second allowed), and the allowed one is recorded for --iam-report.
  expect(authorizer.stats.decisions).toBe(2);
  expect(authorizer.usedBy(ROLE)).toEqual([{ action: 'dynamodb:GetItem', resourceArn: TABLE }]);
});

test('--iam enforce: the call fails with IamSimulationError, placed at the state machine and state (the Task fails with that error name)', async () => {
  const { access } = accessFor('enforce');
  const failure = requireAccess(access, unknown, 'ReadFromDDb', DENIED.dynamodb);
  await expect(failure).rejects.toBeInstanceOf(IamSimulationError);
  await expect(failure).rejects.toMatchObject({
    name: 'IamSimulationError',
    message: expect.stringMatching(/^state machine StateMachinetoDDB, state 'ReadFromDDb': The IAM simulator could not decide dynamodb:GetItemz on /),
  });
});
