/** Languages claimcheck parses; everything else is read as text only. */
export type Language = 'python' | 'go' | 'typescript' | 'javascript';

const BY_EXTENSION: Record<string, Language> = {
  '.py': 'python',
  '.pyi': 'python',
  '.go': 'go',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

/** Language of a repo-relative path by its extension, or null. `.d.ts` files are declarations, not code. */
export function languageOf(path: string): Language | null {
  if (path.endsWith('.d.ts') || path.endsWith('.d.mts') || path.endsWith('.d.cts')) return null;
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return null;
  return BY_EXTENSION[path.slice(dot).toLowerCase()] ?? null;
}
