import { describe, expect, it } from 'vitest';
import { factsOf } from './helpers.js';

describe('test inventory', () => {
  it('Go tests and t.Run subtests; helpers, benchmarks and production files are not tests', async () => {
    const facts = await factsOf({
      'pkg/cache/cache_test.go': [
        'package cache',
        '',
        'import "testing"',
        '',
        'func TestEviction(t *testing.T) {',
        '\tt.Run("oldest entry goes first", func(t *testing.T) {})',
        '\tfor _, tc := range cases {',
        '\t\tt.Run(tc.name, func(t *testing.T) {})',
        '\t}',
        '}',
        '',
        'func BenchmarkGet(b *testing.B) {}',
        'func testHelper(t *testing.T) {}',
        'func TestMain(m *testing.M) {}',
      ].join('\n'),
      'pkg/cache/cache.go': 'package cache\n\nfunc TestLooksLikeATest() {}\n',
    });
    expect(facts.tests.map((t) => `${t.role} ${t.name} (${t.parent ?? '-'}) @${t.line}`)).toEqual(['test TestEviction (-) @5', 'subtest oldest entry goes first (TestEviction) @6', 'subtest tc.name (TestEviction) @8']);
  });

  it('pytest functions and classes, unittest TestCase methods; helpers are not tests', async () => {
    const facts = await factsOf({
      'tests/test_orders.py': [
        'import unittest',
        '',
        'def test_total_includes_tax():',
        '    assert True',
        '',
        'def make_order():',
        '    return {}',
        '',
        'class TestRefunds:',
        '    def test_partial_refund(self):',
        '        pass',
        '    def helper(self):',
        '        pass',
        '',
        'class OrderCase(unittest.TestCase):',
        '    def test_cancel(self):',
        '        pass',
      ].join('\n'),
    });
    expect(facts.testsIn('tests/test_orders.py').map((t) => `${t.framework} ${t.role} ${t.name} (${t.parent ?? '-'})`)).toEqual([
      'pytest suite TestRefunds (-)',
      'unittest suite OrderCase (-)',
      'pytest test test_total_includes_tax (-)',
      'pytest test test_partial_refund (TestRefunds)',
      'unittest test test_cancel (OrderCase)',
    ]);
  });

  it('Jest/Vitest/Mocha describe, it and test with nesting; a describe in production code is not inventoried', async () => {
    const facts = await factsOf({
      'src/__tests__/cart.test.ts': [
        "import { describe, it, expect } from 'vitest';",
        "describe('cart', () => {",
        "  it('adds an item', () => {});",
        "  describe('discounts', () => {",
        "    it.skip('applies a coupon', () => {});",
        '  });',
        '});',
        "test('empty cart totals zero', () => {});",
        "const name = 'not a test';",
        'it(name, () => {});',
      ].join('\n'),
      'src/cli.ts': "program.describe('a command');\n",
    });
    expect(facts.tests.map((t) => `${t.role} ${t.name} (${t.parent ?? '-'}) @${t.line}`)).toEqual([
      'suite cart (-) @2',
      'test adds an item (cart) @3',
      'suite discounts (cart) @4',
      'test applies a coupon (discounts) @5',
      'test empty cart totals zero (-) @8',
    ]);
  });
});
