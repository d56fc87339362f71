/**
 * The stack ids live in one registry (contracts/stack-ids.ts); the compiler lists the code that must know a new
 * one (SYSTEM_STACKS, STACK_FACTS). What people read cannot be compiled, so this test lists it instead: the README's
 * table of systems, its "Differences" and diagram sections, and ./help name exactly the registry's ids, in its order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STACK_IDS } from '../../contracts/stack-ids';
import { PROJECT_ROOT } from '../support/cli';

const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const help = fs.readFileSync(path.join(PROJECT_ROOT, 'help'), 'utf8');

/** The lines of a README section (from its `## ` heading to the next one). */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`README.md has no section '## ${heading}'`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

test("the README's table of systems has one row per stack id, in the registry's order", () => {
  const rows = [...readme.slice(0, readme.indexOf('\n## ')).matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
  expect(rows).toEqual([...STACK_IDS]);
});

test.each(['Differences from the original examples', 'The state machines'])("the README's '%s' has a subsection per stack id", (heading) => {
  const subsections = [...section(heading).matchAll(/^### `([a-z0-9-]+)`/gm)].map((m) => m[1]);
  expect([...subsections].sort()).toEqual([...STACK_IDS].sort());
});

test('./help names the stack ids of the registry', () => {
  const line = /^Stack ids: (.+)$/m.exec(help);
  expect(line?.[1].split(', ')).toEqual([...STACK_IDS]);
});
