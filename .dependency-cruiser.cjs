/**
 * The layering, checked (npm run lint → depcruise). Violations that predate a rule are listed in
 * .dependency-cruiser-known-violations.json and ignored (`--ignore-known`); every new one fails.
 * Remove a violation → regenerate the baseline with `npm run lint:deps:baseline` (it only shrinks).
 */
const NOT_TESTS = '(\\.test\\.tsx?$|/test/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'routes-no-queries',
      comment: 'Routes are contracts: queries live in server/src/domain/<domain>/queries.ts, not in a route file.',
      severity: 'error',
      from: { path: '^server/src/routes/', pathNot: NOT_TESTS },
      to: { path: ['^node_modules/drizzle-orm/', '^server/src/db/schema(/|\\.ts$)'] },
    },
    {
      name: 'domain-no-http',
      comment: 'The domain never imports Koa, http/ or routes/: it takes AuthUser/RequestFacts from domain/access/actor.ts.',
      severity: 'error',
      from: { path: '^server/src/domain/' },
      to: { path: ['^server/src/(http|routes|middleware)/', '^server/src/app\\.ts$', '^node_modules/(koa|koa-[^/]+|@koa/[^/]+|@types/koa[^/]*)/'] },
    },
    {
      name: 'domain-no-seed',
      comment: 'Seeds call the domain (db/seed → domain), never the other way round.',
      severity: 'error',
      from: { path: '^server/src/domain/' },
      to: { path: '^server/src/db/seed/' },
    },
    {
      name: 'cli-no-server',
      comment: 'db/cli.ts prepares and seeds the database only: no bootstrap, app, routes, tokens, sessions or WeChat.',
      severity: 'error',
      from: { path: '^server/src/db/cli\\.ts$' },
      to: { path: ['^server/src/(bootstrap|app|main|deps)\\.ts$', '^server/src/(http|routes|middleware|integrations)/', '^server/src/domain/auth/'] },
    },
    {
      name: 'shared-is-pure',
      comment: 'shared/ is zod and constants only: nothing from server/, miniapp/, Node, Taro or drizzle.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: ['^server/', '^miniapp/', '^node_modules/(@tarojs|drizzle-orm|mysql2|koa|@koa)/'] },
    },
    {
      name: 'shared-no-node',
      comment: 'shared/ runs in the mini-program too: no Node built-ins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-cross-subpackage',
      comment: 'A mini-program subpackage never imports another (WeChat loads them separately); share through miniapp/components, miniapp/styles or miniapp/api.',
      severity: 'error',
      from: { path: '^miniapp/packages/([^/]+)/' },
      to: { path: '^miniapp/packages/', pathNot: '^miniapp/packages/$1/' },
    },
    {
      name: 'no-circular',
      comment: 'No import loops.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is a symlink to the main checkout in worktrees: keep its paths as node_modules/…
    preserveSymlinks: true,
    exclude: { path: ['^dist/', '^server/drizzle/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.scss'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
