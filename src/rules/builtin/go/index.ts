/** Rules that need go-specific analysis (method resolution, timeouts, build errors). */
import type { Rule } from '../../types.js';
import { goBuildErrorFileRules } from './build-errors.js';
import { goImportPathRule } from './import-path.js';
import { goMissingFuncRule } from './missing-func.js';
import { goMissingMethodRule } from './missing-method.js';
import { goStdlibNameRule } from './stdlib-name.js';
import { goTimeoutRules } from './timeouts.js';

export const goRules: Rule[] = [...goBuildErrorFileRules, goImportPathRule, goMissingFuncRule, goMissingMethodRule, goStdlibNameRule, ...goTimeoutRules];
