/**
 * Imports of repository modules or names that do not exist: the module is
 * missing (often a case slip such as `models.Fabric` for `models/fabric.py`),
 * the module lacks the name, or a relative import climbs above the top-level
 * package. Third-party and standard-library imports are never reported here,
 * nor imports inside `try: … except ImportError`.
 */
import type { RepoRule } from '../../types.js';
import { pythonFindings, RULE_IMPORT } from './analysis.js';

export const importError: RepoRule = {
  id: RULE_IMPORT,
  category: 'build-error',
  severity: 'error',
  languages: ['python'],
  scope: 'repo',
  docs: {
    summary: 'An import of a repository module or name that does not exist, or a relative import above the top-level package.',
    why: 'The module fails to import, and so does everything that imports it: on Linux a module name that differs only in case from the file is not found, even if it worked on a case-insensitive laptop.',
    fix: 'Import the module by its exact file name and the names it defines; keep relative imports inside the package.',
    bad: [
      {
        note: 'case mismatch between the import and the file',
        files: {
          'plugin/__init__.py': '',
          'plugin/models/__init__.py': '',
          'plugin/models/fabric.py': 'class Fabric:\n    pass\n',
          'plugin/jobs.py': 'from .models.Fabric import Fabric\n',
        },
      },
      {
        note: 'a name the module does not define',
        files: {
          'plugin/__init__.py': '',
          'plugin/models.py': 'class Fabric:\n    pass\n',
          'plugin/views.py': 'from plugin.models import Fabric, Switch\n',
        },
      },
      {
        note: 'relative import above the top-level package',
        files: {
          'plugin/__init__.py': '',
          'plugin/jobs.py': 'from ..settings import DEBUG\n',
        },
      },
    ],
    good: [
      {
        note: 'existing modules and names, submodule import, re-export, third-party and guarded imports',
        files: {
          'plugin/__init__.py': 'from .models import Fabric\n',
          'plugin/models/__init__.py': 'from .fabric import Fabric\n',
          'plugin/models/fabric.py': 'class Fabric:\n    pass\n',
          'plugin/jobs.py': 'from . import models\nfrom .models import fabric\nfrom plugin import Fabric\nimport requests\nfrom kubernetes import client\n\ntry:\n    from .fast import speedup\nexcept ImportError:\n    speedup = None\n',
        },
      },
      {
        note: 'src layout and namespace packages',
        files: {
          'src/tool/__init__.py': '',
          'src/tool/cli.py': 'def main():\n    pass\n',
          'tests/test_cli.py': 'from tool.cli import main\n',
          'ns/part/mod.py': 'X = 1\n',
          'use.py': 'from ns.part.mod import X\n',
        },
      },
    ],
  },
  check: (ctx) => pythonFindings(ctx, RULE_IMPORT),
};
