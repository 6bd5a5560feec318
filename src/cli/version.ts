/** The tool's version from package.json, without loading the pipeline. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (same depth from src/cli and dist/cli). */
export const PACKAGE_ROOT_FROM_CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT_FROM_CLI, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
