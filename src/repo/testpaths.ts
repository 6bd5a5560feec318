/**
 * Which files are test code. A mock, a fake or a TODO in a test is ordinary;
 * the same in production code is what the rules exist to find.
 */
import picomatch from 'picomatch';

export const DEFAULT_TEST_GLOBS = [
  '**/test/**',
  '**/tests/**',
  '**/testing/**',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/testdata/**',
  '**/testutil/**',
  '**/testutils/**',
  '**/fixtures/**',
  '**/mocks/**',
  '**/mock/**',
  '**/e2e/**',
  '**/*_test.go',
  '**/test_*.py',
  '**/*_test.py',
  '**/tests.py',
  '**/conftest.py',
  '**/*.spec.*',
  '**/*.test.*',
  '**/*_mock.go',
  '**/mock_*.go',
];

export function testMatcher(extra: string[] = []): (path: string) => boolean {
  const m = picomatch([...DEFAULT_TEST_GLOBS, ...extra], { dot: true });
  // A bare `test_x.py` at the root must match `**/test_*.py` too.
  return (path) => m(path) || m(`./${path}`.slice(2)) || m(`_/${path}`);
}
