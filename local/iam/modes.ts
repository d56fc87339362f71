/**
 * `--iam off|warn|enforce`: whether a local run's calls are authorized against the stack's IAM, and what a denial
 * does. `enforce` fails the call as AWS would; `warn` reports it (one line) and lets the call through; `off` decides
 * nothing. Apart from the enforcement (enforcement.ts), which loads the IAM simulator: a command line is checked
 * without it.
 */
export const IAM_MODES = ['off', 'warn', 'enforce'] as const;
export type IamMode = (typeof IAM_MODES)[number];

export function isIamMode(value: string): value is IamMode {
  return (IAM_MODES as readonly string[]).includes(value);
}
