/** Rules that need python-specific analysis (method resolution, timeouts, build errors). */
import type { Rule } from '../../types.js';

export const pythonRules: Rule[] = [];
