/** Rules that need go-specific analysis (method resolution, timeouts, build errors). */
import type { Rule } from '../../types.js';

export const goRules: Rule[] = [];
