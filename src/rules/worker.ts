/**
 * Worker thread: receives batches of files, parses and runs per-file rules,
 * answers with plain data. Rules are rebuilt here from the same config, since
 * check functions cannot cross threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ClaimcheckConfig } from '../repo/config.js';
import { configuredRules } from './registry.js';
import { analyzeFile, type FileJob } from './analyze-file.js';
import { collector } from './gc.js';

const data = workerData as { config: ClaimcheckConfig; budgetMs: number; parseOnly: boolean };
const rules = data.parseOnly ? [] : configuredRules(data.config);
const gc = collector();
let sinceGc = 0;

parentPort!.on('message', (batch: FileJob[]) => {
  const results = batch.map((job) => analyzeFile(job, rules, data.budgetMs));
  sinceGc += batch.length;
  // Native trees are freed by finalizers only: collect now and then so RSS stays flat.
  if (gc && sinceGc >= 50) {
    gc();
    sinceGc = 0;
  }
  parentPort!.postMessage(results);
});
