/**
 * The facts stage: `buildRepoFacts(snapshot)` once per audit, and the
 * RepoFacts queries the claim verifiers use.
 */
export * from './types.js';
export { RepoFacts, goModuleNames } from './repofacts.js';
export { buildRepoFacts, type BuildOptions } from './build.js';
export { pep503, dependencyKey, parseRequirement } from './dependencies.js';
