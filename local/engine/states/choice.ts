/**
 * Choice (ASL specification, "Choice State"; Developer Guide, "Choice workflow state"). The first rule that matches
 * names the next state; none matching goes to Default, or fails with States.NoChoiceMatched. JSONPath: the rules
 * read the input after InputPath (the JSONPath module evaluates each rule); output is that input through OutputPath.
 * JSONata: each rule's Condition must evaluate to a boolean. The state's Assign applies whichever rule matched (or
 * Default), together with the matched rule's own Assign ("Choice workflow state", Choice Rules: each rule may have
 * its own Assign; a state-level Assign applies regardless); where both name a variable the rule's value wins
 * (assumption). A matched rule's Output, else the state's, else the input, is the output.
 */
import { StatesError, STATES_ERRORS } from '../errors';
import { applyInputPath, applyOutputPath, evaluateAssign, jsonataOutput } from '../io';
import type { StateContext } from '../state-context';
import type { StateOutcome } from '../state-kind';

type Rule = Readonly<Record<string, unknown>>;

/** The cause AWS gives States.NoChoiceMatched. */
export const NO_CHOICE_MATCHED_CAUSE = 'No Matches!';

async function matches(ctx: StateContext, rule: Rule, input: unknown): Promise<boolean> {
  if (!ctx.isJsonata) {
    return ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluateChoiceRule(rule, ctx.pathScope(input)));
  }
  const value = await ctx.jsonata(rule.Condition, ctx.states(), 'Condition');
  if (typeof value !== 'boolean') throw ctx.jsonataTypeError(rule.Condition, 'Condition', 'boolean', value);
  return value;
}

export async function runChoice(ctx: StateContext): Promise<StateOutcome> {
  const input = ctx.isJsonata ? ctx.rawInput : await applyInputPath(ctx);
  const rules = ctx.state.Choices as readonly Rule[];
  let chosen: Rule | undefined;
  for (const rule of rules) {
    if (await matches(ctx, rule, input)) {
      chosen = rule;
      break;
    }
  }
  const next = chosen ? (chosen.Next as string) : (ctx.state.Default as string | undefined);
  if (next === undefined) throw new StatesError(STATES_ERRORS.NoChoiceMatched, NO_CHOICE_MATCHED_CAUSE);
  const stateAssigned = await evaluateAssign(ctx, ctx.state.Assign, { input });
  const ruleAssigned = chosen ? await evaluateAssign(ctx, chosen.Assign, { input }) : undefined;
  const assigned = stateAssigned || ruleAssigned ? { ...stateAssigned, ...ruleAssigned } : undefined;
  const output = ctx.isJsonata
    ? await jsonataOutput(ctx, ctx.states(), input, chosen?.Output ?? ctx.state.Output)
    : await applyOutputPath(ctx, input);
  return { output, next, assigned };
}
