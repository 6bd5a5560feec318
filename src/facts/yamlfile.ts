/**
 * YAML documents with positions, through the `yaml` package: every fact
 * taken from YAML needs the line of its key, which plain `parse()` loses.
 */
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';

export interface YamlFile {
  docs: Document.Parsed[];
  lineOf(node: Node | Pair | null | undefined): number;
}

/** Parses every document of a YAML stream; throws with the first error's message. */
export function readYaml(text: string): YamlFile {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    if (d.errors.length) {
      const e = d.errors[0]!;
      const line = e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line;
      throw new Error(`YAML error at line ${line}: ${e.message.split('\n')[0]}`);
    }
  }
  const lineOf = (node: Node | Pair | null | undefined): number => {
    if (!node) return 1;
    const n = (isScalar(node) || isMap(node) || isSeq(node) ? node : ((node as Pair).key as Node | null)) as Node | null;
    const start = n?.range?.[0];
    return start === undefined ? 1 : counter.linePos(start).line;
  };
  return { docs: list, lineOf };
}

/** The pairs of a mapping node (empty for anything else). */
export function pairsOf(node: unknown): Pair<Node, Node>[] {
  return isMap(node) ? (node.items as Pair<Node, Node>[]) : [];
}

/** A mapping's value node by key. */
export function child(node: unknown, key: string): Node | null {
  for (const p of pairsOf(node)) if (scalarText(p.key) === key) return p.value ?? null;
  return null;
}

/** The pair of a key (for its line). */
export function pairOf(node: unknown, key: string): Pair<Node, Node> | null {
  for (const p of pairsOf(node)) if (scalarText(p.key) === key) return p;
  return null;
}

/** A scalar's text, or null for maps, sequences and nulls. */
export function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  return v === null || v === undefined ? null : String(v);
}

/** A sequence's items (empty for anything else). */
export function itemsOf(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

export { isMap, isSeq, isScalar };
