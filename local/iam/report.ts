import type { Permission } from './enforcement';
import type { StackIam } from './stack-iam';
import { roleStatements, type RoleStatement } from './statements';

/**
 * `--iam-report`: per role of the stack, each granted action on each granted resource (from its identity policies,
 * statements.ts) against the permissions its sessions were allowed in the run. A grant no call used is marked unused;
 * only the calls the runner authorizes count (the state machines', the functions' SDK calls and the API integrations').
 */
export interface GrantUse {
  readonly statement: string;
  readonly action: string;
  readonly resource: string;
  /** The allowed permissions this grant covers (action and resource matched, wildcards included). */
  readonly usedBy: readonly Permission[];
}

export interface RoleReport {
  readonly role: string;
  readonly roleArn: string;
  readonly grants: readonly GrantUse[];
  /** Allowed permissions no Allow statement's action and resource cover (a resource policy allowed them). */
  readonly elsewhere: readonly Permission[];
}

export function iamUsage(iam: StackIam, usedBy: (roleArn: string) => readonly Permission[]): RoleReport[] {
  return iam.roles.map((role) => {
    const used = usedBy(role.arn);
    const allows = roleStatements(role).filter((s) => s.effect === 'Allow');
    const grants = allows.flatMap((s) => grantsOf(s).map(([action, resource]) => ({ statement: label(s), action, resource, usedBy: used.filter((p) => covers(action, resource, p)) })));
    const elsewhere = used.filter((p) => !grants.some((g) => covers(g.action, g.resource, p)));
    return { role: role.name, roleArn: role.arn, grants, elsewhere };
  });
}

/** The report's lines: one block per role, `unused` on the grants no allowed call needed. */
export function formatIamReport(reports: readonly RoleReport[]): string[] {
  const lines = [
    "IAM report: grants of each role vs. the calls its sessions were allowed in this run (the state machines' calls, the functions' SDK calls",
    "  and the API integrations'; logs: and xray: grants serve AWS's log delivery and tracing, which do not run locally).",
  ];
  for (const r of reports) {
    const unused = r.grants.filter((g) => g.usedBy.length === 0).length;
    lines.push(`  role ${r.role}: ${r.grants.length} grant(s), ${r.grants.length - unused} used, ${unused} unused`);
    for (const g of r.grants) {
      const mark = g.usedBy.length === 0 ? 'unused' : `used ${g.usedBy.length}×: ${[...new Set(g.usedBy.map((p) => p.resourceArn))].join(', ')}`;
      lines.push(`    ${g.action} on ${g.resource}  [${g.statement}]  ${mark}`);
    }
    for (const p of r.elsewhere) lines.push(`    (allowed, no identity statement of the role grants it) ${p.action} on ${p.resourceArn}`);
  }
  return lines;
}

function grantsOf(s: RoleStatement): [string, string][] {
  return s.actions.flatMap((a) => s.resources.map((r): [string, string] => [a, r]));
}

function label(s: RoleStatement): string {
  return s.sid ? `${s.where} (${s.sid})` : s.where;
}

/** Whether a granted action and resource (IAM wildcards `*`, `?`; actions case-insensitive) cover a permission. */
export function covers(action: string, resource: string, p: Permission): boolean {
  if (action.startsWith('not ') || resource.startsWith('not ')) return false;
  return wildcard(action, 'i').test(p.action) && wildcard(resource, '').test(p.resourceArn);
}

function wildcard(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}
