/**
 * Marker tags line by line, and the placeholder rules on one Python file with
 * the exact lines expected. Written here; the peers' own fixtures are scored
 * by bench/peers-rules.mjs.
 */
import { describe, expect, it } from 'vitest';
import { commentTag, docTag } from '../../src/rules/builtin/todo-comment.js';
import { analyzeInMemory } from '../../src/rules/engine.js';
import { placeholderRules } from '../../src/rules/builtin/placeholder.js';

describe('marker tags in comment text (markers already stripped)', () => {
  const flagged: [string, string][] = [
    ['TODO handle retries', 'TODO'],
    ['FIXME(ana): the cache leaks', 'FIXME'],
    ['todo: read the limit from config', 'todo'],
    ['Hack: the parser drops BOMs', 'Hack'],
    ['seconds # XXX should be minutes', 'XXX'],
    ['falls back to UTC, TODO: use the user zone', 'TODO'],
    ['* FIXME: block comment line', 'FIXME'],
  ];
  const quiet = ['todo list of the user', 'TODOS are tracked in the issue tracker', 'see the XXL size table', 'the hack week demo', 'grep for "TODO:" in the tree', 'a TODO in tests is fine', 'issue #12 mentions todo items'];
  it.each(flagged)('flags %j', (text, tag) => expect(commentTag(text)).toBe(tag));
  it.each(quiet)('stays quiet on %j', (text) => expect(commentTag(text)).toBeNull());

  it('reads docstring lines: a tag opening the line, or upper-case with a colon; never after a hash inside the text', () => {
    expect(docTag('    TODO support gzip')).toBe('TODO');
    expect(docTag('Returns rows. XXX: paging is ignored')).toBe('XXX');
    expect(docTag('# TODO lines are collected by the tool')).toBeNull();
    expect(docTag('The TODO list view')).toBeNull();
  });
});

describe('placeholder rules on one file, line by line', () => {
  it('flags markers, string-statement tags, an empty loop and an unused empty public function; not the look-alikes', async () => {
    const src = `"""Export jobs.

TODO: move the writers to a plugin
"""
import json

LIMIT = 10  # units # FIXME pick a real limit


def write(rows, out):
    """Write the rows."""
    for row in rows:
        pass
    json.dump(rows, out)
    """XXX the stream is not flushed"""


def flush_all():
    pass


def ignore(*args):
    pass


def run(rows, out, pool):
    pool.submit(write, rows, out, on_error=ignore)
    for _ in pool.results():
        pass
    return "TODO: not a comment"
`;
    const { findings } = await analyzeInMemory({ 'jobs/export.py': src }, { rules: placeholderRules });
    expect(findings.map((f) => `${f.line} ${f.ruleId}`).sort()).toEqual(['12 placeholder/pass-loop', '15 placeholder/todo-comment', '18 placeholder/pass-body', '3 placeholder/todo-comment', '7 placeholder/todo-comment'].sort());
  });
});
