import { describeMutation } from '../../../local';
import type { Outcome, StackMutationReport } from './run';

/** The least-privilege table of one stack: per role its statements and actions, what each mutation proved. */
export function formatMutationTable(report: StackMutationReport): string[] {
  // The runs are named when the stack has path runs besides its sample.
  const lines = [report.runs.length > 1 ? `${report.stackId} (runs: ${report.runs.join('; ')})` : report.stackId];
  for (const role of report.roles) {
    lines.push(`  role ${role.role}: ${role.statements} statement(s), ${role.actions} action(s)`);
    if (role.notYet) {
      lines.push(`    not yet enforceable: ${role.notYet}`);
      continue;
    }
    const mine = report.outcomes.filter((o) => o.mutation.role === role.role);
    const of = (kind: Outcome['kind']) => mine.filter((o) => o.kind === kind);
    lines.push(`    proven necessary (${of('necessary').length}):`);
    for (const o of of('necessary')) if (o.kind === 'necessary') lines.push(`      - ${describeMutation(o.mutation)}: denied ${[...new Set(o.denials.map((d) => `${d.action} at ${d.where}${d.run === 'sample' ? '' : ` (run: ${d.run})`}`))].join('; ')}`);
    lines.push(`    over-grants (${of('over-grant').length}):`);
    for (const o of of('over-grant')) if (o.kind === 'over-grant') lines.push(`      - ${describeMutation(o.mutation)}: removed, the sample still ran (${o.status})${o.runs.length > 1 ? ' and so did the path runs' : ''} with no denial of it`);
    for (const o of of('classified')) lines.push(`    not provable locally: ${describeMutation(o.mutation)} (${o.mutation.expects.length} action(s)): ${o.mutation.classified}`);
    for (const o of of('refused')) if (o.kind === 'refused') lines.push(`    refused: ${describeMutation(o.mutation)}: ${o.message}`);
  }
  return lines;
}
