/**
 * Small builders for writing cases: each returns a complete ASL definition (plain data), so a case reads as the
 * state machine it runs.
 */
type State = Record<string, unknown>;
type Def = Record<string, unknown>;

/** A machine of these states, in order: each state without Next/End (and not Choice/Succeed/Fail) goes to the next one, the last one ends. */
export function chain(states: Record<string, State>, top: Def = {}): Def {
  const names = Object.keys(states);
  const linked: Record<string, State> = {};
  names.forEach((name, i) => {
    const s = states[name] as State;
    const terminal = ['Choice', 'Succeed', 'Fail'].includes(s.Type as string) || 'Next' in s || 'End' in s;
    linked[name] = terminal ? s : i < names.length - 1 ? { ...s, Next: names[i + 1] } : { ...s, End: true };
  });
  return { ...top, StartAt: names[0], States: linked };
}

/** A machine of one state (named `S` unless given). */
export function one(state: State, name = 'S', top: Def = {}): Def {
  return chain({ [name]: state }, top);
}

/** The same, with `QueryLanguage: JSONata` at the top. */
export function jsonataOne(state: State, name = 'S'): Def {
  return one(state, name, { QueryLanguage: 'JSONata' });
}

export function jsonataChain(states: Record<string, State>, top: Def = {}): Def {
  return chain(states, { QueryLanguage: 'JSONata', ...top });
}

/** A Pass state whose Parameters is this template (JSONPath). */
export const passParams = (Parameters: unknown, extra: State = {}): Def => one({ Type: 'Pass', Parameters, ...extra });

/** A Task state on a placeholder Resource (the harness answers it by state name). */
export const task = (extra: State = {}): State => ({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn', ...extra });

/** A failure step / a success step of a Task script. */
export const fails = (error: string, cause = `${error} cause`) => ({ throw: { error, cause } }) as const;
export const returns = (value: unknown) => ({ return: value }) as const;
export const echo = { echo: true } as const;
export const hang = { hang: true } as const;

/** The prefix AWS puts on a run-time error's cause (Developer Guide, "States.Runtime"; recorded causes). */
export const runtimePrefix = (state: string, eventId = 2): string => `An error occurred while executing the state '${state}' (entered at the event id #${eventId}). `;

/** Escapes a literal for use inside a `causeMatches` regular expression. */
export const lit = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
