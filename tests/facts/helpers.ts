/** Builds the facts index of a tree written from a file map. */
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import { buildRepoFacts, type RepoFacts } from '../../src/facts/index.js';
import { makeTree } from '../helpers/tmp.js';

export async function factsOf(files: Record<string, string>): Promise<RepoFacts> {
  const snapshot = await RepoSnapshot.open(makeTree(files), { noGit: true });
  return buildRepoFacts(snapshot);
}
