/** A verify context over a small repository written for a test: models parsed on demand, findings given by hand. */
import { RepoSnapshot } from '../../src/repo/snapshot.js';
import { parseSource } from '../../src/lang/parse.js';
import type { SourceModel } from '../../src/lang/model.js';
import type { Finding } from '../../src/rules/types.js';
import type { VerifyContext } from '../../src/claims/types.js';
import { RepoFacts } from '../../src/facts/repofacts.js';
import { makeTree } from './tmp.js';

export async function repoContext(files: Record<string, string>, findings: Finding[], dirs: string[]): Promise<VerifyContext> {
  const dir = makeTree(files);
  dirs.push(dir);
  const snapshot = await RepoSnapshot.open(dir, { noGit: true });
  const models = new Map<string, SourceModel | null>();
  return {
    snapshot,
    model(path) {
      if (!models.has(path)) {
        const f = snapshot.file(path);
        const r = snapshot.read(path);
        models.set(path, f?.language && r.ok ? parseSource(path, r.text, f.language).model : null);
      }
      return models.get(path)!;
    },
    findings,
    documents: [],
    facts: new Map(),
    repoFacts: RepoFacts.empty(),
  };
}
