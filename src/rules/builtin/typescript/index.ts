/**
 * Rules for TypeScript and JavaScript: build errors (the type checker's
 * diagnostics, unresolved relative imports), method mismatches (members and
 * exports that do not exist) and network calls without timeouts.
 */
import type { Rule } from '../../types.js';
import { axiosRule } from './axios.js';
import { fetchRule } from './fetch.js';
import { httpRequestRule } from './http-request.js';
import { missingExportRule } from './missing-export.js';
import { missingPropertyRule } from './missing-property.js';
import { tsDiagnosticRule } from './ts-diagnostic.js';
import { unresolvedImportRule } from './unresolved-import.js';

export { SHARED_UNCHECKED, type UncheckedFile } from './program.js';

export const typescriptRules: Rule[] = [
  tsDiagnosticRule,
  unresolvedImportRule,
  missingPropertyRule,
  missingExportRule,
  fetchRule,
  axiosRule,
  httpRequestRule,
];
