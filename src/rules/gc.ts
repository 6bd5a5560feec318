/**
 * A handle on V8's garbage collector without --expose-gc on the command line
 * (worker threads reject that flag). tree-sitter frees native trees only in
 * finalizers, so parse loops collect now and then to keep RSS flat.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let cached: (() => void) | null | undefined;

export function collector(): (() => void) | null {
  if (cached !== undefined) return cached;
  try {
    setFlagsFromString('--expose-gc');
    cached = runInNewContext('gc') as () => void;
  } catch {
    cached = null;
  }
  return cached;
}
