/**
 * The import rules the folder layout stands for (README, "How the project is laid out"). `npm test` runs them
 * (__tests__/project/architecture.test.ts); a broken rule fails the suite with the file and the import named. By hand:
 * `npx depcruise main.ts contracts definitions stacks lambdas local scripts`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const layer = (name) => `^${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'contracts-import-nothing',
      comment: 'contracts/ holds the names both sides agree on and imports nothing, not even node: modules.',
      severity: 'error',
      from: { path: layer('contracts') },
      to: { pathNot: layer('contracts') },
    },
    {
      name: 'definitions-stay-pure',
      comment: 'definitions/ builds ASL: it knows nothing of Terraform, the handlers, the local runner or the CLIs.',
      severity: 'error',
      from: { path: layer('definitions') },
      to: { path: ['^stacks/', '^lambdas/', '^local/', '^scripts/', '^main\\.ts$', '^node_modules/(cdktf|@cdktf)/'] },
    },
    {
      name: 'lambdas-stay-apart',
      comment: 'lambdas/ knows the AWS SDK and nothing of CDKTF, the ASL builders, the local runner or the CLIs.',
      severity: 'error',
      from: { path: layer('lambdas') },
      to: { path: ['^stacks/', '^definitions/', '^local/', '^scripts/', '^main\\.ts$', '^node_modules/(cdktf|@cdktf|constructs)/'] },
    },
    {
      name: 'local-reads-synthesized-json',
      comment: 'local/ runs what was synthesized: it never imports the stacks, the CLIs or CDKTF.',
      severity: 'error',
      from: { path: layer('local') },
      to: { path: ['^stacks/', '^scripts/', '^main\\.ts$', '^node_modules/(cdktf|@cdktf)/'] },
    },
    {
      name: 'stacks-do-not-import-handlers',
      comment: 'stacks/ bundles handlers by their entry path; it shares names with them through contracts/ only.',
      severity: 'error',
      from: { path: layer('stacks') },
      to: { path: ['^lambdas/', '^local/', '^scripts/'] },
    },
    {
      name: 'only-main-and-scripts-import-stacks',
      comment: 'The stacks are built by main.ts (the CDKTF app) and by the CLIs that synthesize or inspect them.',
      severity: 'error',
      from: { pathNot: ['^stacks/', '^scripts/', '^main\\.ts$', '^__tests__/'] },
      to: { path: layer('stacks') },
    },
    {
      name: 'only-stacks-import-cdktf',
      comment: 'cdktf and the providers are imported by stacks/ (and main.ts, the app), never by the other layers.',
      severity: 'error',
      from: { path: ['^contracts/', '^definitions/', '^lambdas/', '^local/', '^scripts/'] },
      to: { path: '^node_modules/(cdktf|@cdktf)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { pathNot: '^node_modules/' },
      to: { circular: true },
    },
    {
      name: 'provider-classes-by-deep-path',
      comment: 'Import provider classes by deep path (@cdktf/provider-aws/lib/<resource>): the package root loads ~400 MB of bindings.',
      severity: 'error',
      from: {},
      to: { path: '^node_modules/@cdktf/provider-(aws|archive)/lib/index\\.js$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^cdktf\\.out/', '^\\.build/', '^coverage/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
