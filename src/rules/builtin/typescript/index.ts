/** Rules that need typescript-specific analysis (method resolution, timeouts, build errors). */
import type { Rule } from '../../types.js';

export const typescriptRules: Rule[] = [];
