/** Rules that need python-specific analysis (method resolution, timeouts, build errors, str.format templates). */
import type { Rule } from '../../types.js';
import { missingAttribute, missingMethod, missingModuleAttr, stdlibName } from './method-mismatch.js';
import { importError } from './import-errors.js';
import { syntaxError } from './syntax.js';
import { timeoutRules } from './timeouts.js';
import { formatString } from './format-string.js';

export const pythonRules: Rule[] = [missingMethod, missingAttribute, missingModuleAttr, stdlibName, ...timeoutRules, syntaxError, importError, formatString];
