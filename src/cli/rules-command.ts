/** `claimcheck rules`: every rule's docs, from the same objects the tests execute. */
import { appliesIn, type Rule } from '../rules/types.js';

export function printRules(rules: readonly Rule[], json: boolean): string {
  if (json) {
    return (
      JSON.stringify(
        rules.map((r) => ({
          id: r.id,
          category: r.category,
          severity: r.severity,
          languages: r.languages,
          inTests: appliesIn(r.category, 'test'),
          inNonProduction: appliesIn(r.category, 'non-production'),
          docs: r.docs,
        })),
        null,
        2,
      ) + '\n'
    );
  }
  const out: string[] = [];
  for (const r of rules) {
    out.push(`${r.id}  [${r.category}, ${r.severity}; ${r.languages.join(', ')}${appliesIn(r.category, 'test') ? '' : '; not in test code'}${appliesIn(r.category, 'non-production') ? '' : '; not in non-production code'}]`);
    out.push(`  What it does: ${r.docs.summary}`);
    out.push(`  Why is this bad? ${r.docs.why}`);
    out.push(`  Use instead: ${r.docs.fix}`);
    const bad = r.docs.bad[0];
    if (bad) {
      const [path, code] = Object.entries(bad.files)[0]!;
      out.push(`  Example (${path}):`);
      for (const l of code.trimEnd().split('\n')) out.push(`      ${l}`);
    }
    const good = r.docs.good[0];
    if (good) {
      const [path, code] = Object.entries(good.files)[0]!;
      out.push(`  Not flagged (${path})${good.note ? `: ${good.note}` : ''}:`);
      for (const l of code.trimEnd().split('\n')) out.push(`      ${l}`);
    }
    if (r.docs.references?.length) out.push(`  References: ${r.docs.references.join(', ')}`);
    out.push('');
  }
  out.push(`${rules.length} rules`);
  return out.join('\n') + '\n';
}
