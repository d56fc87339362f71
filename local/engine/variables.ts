/**
 * Workflow variables (Developer Guide, "Passing data between states with variables"). The top-level states share one
 * scope; each Parallel branch and each Map iteration runs in a scope of its own that reads the variables of the
 * scopes around it. A state's Assign is evaluated entirely against the values the state saw when it was entered, and
 * takes effect when the state leaves: the same state's Output / OutputPath still see the old values.
 *
 * Assumption (the guide says inner workflows cannot assign outer variables, not what happens when they try): an
 * assignment inside a branch or iteration creates or changes a variable of that inner scope only; the outer value is
 * never changed. A Distributed Map's iterations start from an empty scope (they are child executions).
 */
export class VariableScope {
  private readonly own = new Map<string, unknown>();

  constructor(private readonly parent?: VariableScope) {}

  /** A scope nested in this one (a Parallel branch, an inline Map iteration). */
  child(): VariableScope {
    return new VariableScope(this);
  }

  /** Every visible variable, inner names hiding outer ones. */
  snapshot(): Record<string, unknown> {
    const values: Record<string, unknown> = this.parent ? this.parent.snapshot() : {};
    for (const [name, value] of this.own) values[name] = value;
    return values;
  }

  assign(values: Readonly<Record<string, unknown>>): void {
    for (const [name, value] of Object.entries(values)) this.own.set(name, value);
  }
}
