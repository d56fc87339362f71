import { readStateMachine, type StateScope } from '../asl/graph';
import { blocksOf, type TerraformJson } from '../../../local/synthesized';
import { isObject, parseEmbeddedJson, type Json } from '../asl/json';

/** One state machine of a synthesized stack, read as a graph. */
export interface StackStateMachine {
  /** `aws_sfn_state_machine.<name>` */
  readonly address: string;
  /** The deployed name (the resource's `name`), or the Terraform name when it has none. */
  readonly name: string;
  readonly graph: StateScope;
}

/** Every `aws_sfn_state_machine` of a synthesized stack (its `cdk.tf.json`), by address. */
export function stateMachinesOf(stackId: string, document: Json): StackStateMachine[] {
  const machines = isObject(document) ? blocksOf(document as TerraformJson, 'aws_sfn_state_machine') : [];
  return machines
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, body]) => {
      const address = `aws_sfn_state_machine.${key}`;
      const definition = parseEmbeddedJson(isObject(body) ? body.definition : undefined);
      if (definition === undefined) {
        throw new Error(`Stack ${stackId}: ${address} has no JSON definition to draw; synthesize again (npm run synth) and check its errors.`);
      }
      const name = isObject(body) && typeof body.name === 'string' ? body.name : key;
      return { address, name, graph: readStateMachine(definition, `Stack ${stackId}, state machine ${name}`) };
    });
}
