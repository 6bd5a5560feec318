/**
 * Name resolution for one Go file, computed once per syntax tree and shared
 * by the Go tree rules: which imports are used, which local variables are
 * never used (as the Go compiler decides: a bare identifier on the left of
 * `=` is not a use, anything else is, closures included), and every
 * package-qualified reference (`http.Get`, `strings.Contain`) with the import
 * it resolves to, shadowing by local declarations taken into account.
 */
import type { TSTree } from '../../../lang/treesitter.js';
import { fieldChild, fieldChildren, goMirror, hasToken, namedChildren, stringValue, textOf, unparen, type GNode, type GoMirror } from './mirror.js';
import { looksStd, stdIndex } from './stdlib.js';

export interface GoImport {
  path: string;
  /** `import f "fmt"` → `f`; null when not aliased. */
  alias: string | null;
  /** The name the file refers to the package by, when it is certain (aliased, or standard library). */
  name: string | null;
  /** Names the package may have when the name is not certain (`go-yaml` → yaml, go-yaml, goyaml…). */
  guesses: string[];
  kind: 'named' | 'dot' | 'blank' | 'cgo';
  /** The import_spec node. */
  node: GNode;
  line: number;
  used: boolean;
}

/** A `pkg.Member` reference that resolves to an import. */
export interface QualifiedRef {
  imp: GoImport;
  member: string;
  /** The selector_expression or qualified_type node. */
  node: GNode;
  line: number;
}

/** A local variable of a function body, or a parameter/receiver/result (kind 'param'). */
export interface LocalVar {
  name: string;
  node: GNode;
  line: number;
  used: boolean;
  kind: 'var' | 'param';
  /** The declared type expression, when written (`var x T`, `p *T`). */
  type: GNode | null;
  /** The single initializer expression (`x := T{}`), when there is one per name. */
  init: GNode | null;
  /** Type parameter names in scope where the variable is declared (they shadow package types). */
  typeParams: string[];
}

/** `x.member` where `x` is a local variable or parameter. */
export interface MemberRef {
  decl: LocalVar;
  member: string;
  /** The selector_expression. */
  node: GNode;
  line: number;
}

export interface GoFileFacts {
  packageName: string | null;
  imports: GoImport[];
  refs: QualifiedRef[];
  /** Local variables (kind 'var'), in source order. */
  locals: LocalVar[];
  /** Selections on local variables and parameters. */
  memberRefs: MemberRef[];
  /** Names of types declared inside function bodies (they may shadow package-level types). */
  localTypes: Set<string>;
  /** Qualifiers (`x` in `x.Y`) that resolve to nothing in this file: package-level names of other files, or imports whose name is not certain. */
  unresolved: Set<string>;
  /** False when the file was too deeply nested to analyse: rules then say nothing. */
  complete: boolean;
}

type Decl = LocalVar | null;

const cache = new WeakMap<TSTree, GoFileFacts>();

export function goFileFacts(tree: TSTree, text: string): GoFileFacts {
  let f = cache.get(tree);
  if (!f) {
    f = analyse(goMirror(tree, text));
    cache.set(tree, f);
  }
  return f;
}

/** Candidate package names for an import path whose package clause we cannot see. */
export function guessPackageNames(path: string): string[] {
  const parts = path.split('/');
  let last = parts[parts.length - 1]!;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  const out = new Set<string>();
  const add = (s: string) => {
    if (s) out.add(s);
  };
  const base = last.replace(/\.v\d+$/, '').replace(/\.go$/, '');
  for (const s of [last, base]) {
    add(s);
    add(s.replace(/^go-?/, ''));
    add(s.replace(/[-_.]?go$/, ''));
    add(s.replace(/^go-?/, '').replace(/[-_.]?go$/, ''));
    add(s.replace(/[-.]/g, ''));
    add(s.replace(/[-.]/g, '_'));
    add(s.toLowerCase());
  }
  return [...out];
}

function readImports(m: GoMirror): GoImport[] {
  const out: GoImport[] = [];
  const std = stdIndex().packages;
  for (const decl of namedChildren(m.root)) {
    if (decl.type !== 'import_declaration') continue;
    const specs = namedChildren(decl).flatMap((c) => (c.type === 'import_spec_list' ? namedChildren(c) : [c]));
    for (const spec of specs) {
      if (spec.type !== 'import_spec') continue;
      const pathNode = fieldChild(spec, 'path');
      const path = pathNode ? stringValue(m, pathNode) : null;
      if (path === null) continue;
      const nameNode = fieldChild(spec, 'name');
      const base = { path, node: spec, line: m.lineAt(spec.start), used: false, guesses: [] as string[] };
      if (nameNode?.type === 'dot') out.push({ ...base, alias: '.', name: null, kind: 'dot' });
      else if (nameNode?.type === 'blank_identifier') out.push({ ...base, alias: '_', name: null, kind: 'blank' });
      else if (nameNode) out.push({ ...base, alias: textOf(m, nameNode), name: textOf(m, nameNode), kind: 'named' });
      else if (path === 'C') out.push({ ...base, alias: null, name: null, kind: 'cgo' });
      else {
        const sp = looksStd(path) ? std.get(path) : undefined;
        if (sp) out.push({ ...base, alias: null, name: sp.name, kind: 'named' });
        else out.push({ ...base, alias: null, name: null, guesses: guessPackageNames(path), kind: 'named' });
      }
    }
  }
  return out;
}

function analyse(m: GoMirror): GoFileFacts {
  const imports = readImports(m);
  const text = (n: GNode) => textOf(m, n);
  const byName = new Map<string, GoImport[]>();
  for (const imp of imports) {
    for (const n of imp.name !== null ? [imp.name] : imp.guesses) {
      const list = byName.get(n) ?? [];
      list.push(imp);
      byName.set(n, list);
    }
  }
  const refs: QualifiedRef[] = [];
  const locals: LocalVar[] = [];
  const memberRefs: MemberRef[] = [];
  const localTypes = new Set<string>();
  const typeParamStack: string[] = [];
  const unresolved = new Set<string>();
  const scopes: Map<string, Decl>[] = [];
  let packageName: string | null = null;

  const lookup = (name: string): Decl | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i]!;
      if (s.has(name)) return s.get(name)!;
    }
    return undefined;
  };
  const declareVar = (id: GNode, type: GNode | null = null, init: GNode | null = null): void => {
    const name = text(id);
    if (id.type !== 'identifier' || name === '_' || scopes.length === 0) return;
    const v: LocalVar = { name, node: id, line: m.lineAt(id.start), used: false, kind: 'var', type, init, typeParams: [...typeParamStack] };
    locals.push(v);
    scopes[scopes.length - 1]!.set(name, v);
  };
  const declareOther = (id: GNode | null): void => {
    if (!id || scopes.length === 0) return;
    const name = text(id);
    if (name !== '_') scopes[scopes.length - 1]!.set(name, null);
  };
  const declareParam = (id: GNode, type: GNode | null): void => {
    if (scopes.length === 0) return;
    const name = text(id);
    if (name === '_') return;
    const v: LocalVar = { name, node: id, line: m.lineAt(id.start), used: false, kind: 'param', type, init: null, typeParams: [...typeParamStack] };
    scopes[scopes.length - 1]!.set(name, v);
  };

  /** An identifier in expression position; `sel` is the enclosing `x.member` when it is the qualifier. */
  const use = (id: GNode, sel?: GNode, member?: string): void => {
    const name = text(id);
    if (name === '_') return;
    const d = lookup(name);
    if (d !== undefined) {
      if (d) {
        d.used = true;
        if (sel && member !== undefined) memberRefs.push({ decl: d, member, node: sel, line: m.lineAt(sel.start) });
      }
      return;
    }
    const imps = byName.get(name);
    if (imps) {
      for (const imp of imps) imp.used = true;
      const certain = imps.find((i) => i.name === name);
      // A guessed name still gives a reference (`grpc.Dial`); rules match on the import path.
      if (sel && member !== undefined) refs.push({ imp: certain ?? imps[0]!, member, node: sel, line: m.lineAt(sel.start) });
      if (!certain && member !== undefined) unresolved.add(name);
      return;
    }
    if (member !== undefined) unresolved.add(name);
  };

  const visitChildren = (n: GNode): void => {
    for (const c of n.children) if (c.named) visit(c);
  };
  const visitField = (n: GNode, f: string): void => {
    for (const c of fieldChildren(n, f)) visit(c);
  };
  const withScope = (fn: () => void): void => {
    scopes.push(new Map());
    try {
      fn();
    } finally {
      scopes.pop();
    }
  };
  /** Left side of a plain `=`: a bare identifier is assigned, not used. */
  const assignTargets = (list: GNode | null): void => {
    if (!list) return;
    const items = list.type === 'expression_list' ? namedChildren(list) : [list];
    for (const item of items) {
      const u = unparen(item);
      if (u.type === 'identifier') continue;
      visit(u);
    }
  };
  const declareList = (list: GNode | null): void => {
    if (!list) return;
    for (const id of list.type === 'expression_list' ? namedChildren(list) : [list]) declareVar(id);
  };
  /** The i-th initializer when there is one expression per name. */
  const initAt = (values: GNode[], count: number, i: number): GNode | null => {
    if (values.length === count) return values[i] ?? null;
    // `x, err := NewX()`: the first name takes the call's first result.
    if (values.length === 1 && i === 0 && values[0]!.type === 'call_expression') return values[0]!;
    return null;
  };
  const params = (list: GNode | null): void => {
    if (!list) return;
    const ps = namedChildren(list);
    for (const p of ps) {
      if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
      visitField(p, 'type');
    }
    for (const p of ps) for (const name of fieldChildren(p, 'name')) declareParam(name, p.type === 'parameter_declaration' ? fieldChild(p, 'type') : null);
  };
  const typeParams = (list: GNode | null): void => {
    if (!list) return;
    for (const p of namedChildren(list)) {
      visitField(p, 'type');
      for (const name of fieldChildren(p, 'name')) {
        declareOther(name);
        typeParamStack.push(text(name));
      }
    }
  };
  const funcLike = (n: GNode): void => {
    const depth = typeParamStack.length;
    const receiver = fieldChild(n, 'receiver');
    // `func (s *Set[T]) m()` declares T in the receiver.
    if (receiver) for (const id of receiverTypeParams(m, receiver)) typeParamStack.push(id);
    withScope(() => {
      params(fieldChild(n, 'receiver'));
      typeParams(fieldChild(n, 'type_parameters'));
      params(fieldChild(n, 'parameters'));
      const result = fieldChild(n, 'result');
      if (result) {
        if (result.type === 'parameter_list') params(result);
        else visit(result);
      }
      // Parameters and the body's top-level declarations share one block.
      const body = fieldChild(n, 'body');
      if (body) visitChildren(body);
    });
    typeParamStack.length = depth;
  };
  const specs = (n: GNode, kind: 'var' | 'const'): void => {
    for (const spec of namedChildren(n).flatMap((c) => (c.type.endsWith('_spec_list') ? namedChildren(c) : [c]))) {
      if (spec.type !== 'var_spec' && spec.type !== 'const_spec') {
        if (spec.type !== 'comment') visit(spec);
        continue;
      }
      visitField(spec, 'type');
      visitField(spec, 'value');
      const names = fieldChildren(spec, 'name');
      const valueList = fieldChild(spec, 'value');
      const values = valueList ? namedChildren(valueList) : [];
      const type = fieldChild(spec, 'type');
      names.forEach((name, i) => {
        if (kind === 'var') declareVar(name, type, initAt(values, names.length, i));
        else declareOther(name);
      });
    }
  };

  const visit = (n: GNode): void => {
    switch (n.type) {
      case 'comment':
      case 'import_declaration':
      case 'field_identifier':
      case 'label_name':
      case 'package_identifier':
        return;
      case 'package_clause':
        const id = namedChildren(n)[0];
        packageName = id ? text(id) : null;
        return;
      case 'identifier':
        use(n);
        return;
      case 'type_identifier': {
        // A generic call `f[int](x)` parses as a conversion to type `f`: a local function value counts as used.
        const d = lookup(text(n));
        if (d) d.used = true;
        return;
      }
      case 'selector_expression': {
        const op = fieldChild(n, 'operand');
        const field = fieldChild(n, 'field');
        if (op?.type === 'identifier') use(op, n, field ? text(field) : '');
        else if (op) visit(op);
        return;
      }
      case 'qualified_type': {
        const pkg = fieldChild(n, 'package');
        const name = fieldChild(n, 'name');
        if (pkg) use(pkg, n, name ? text(name) : '');
        return;
      }
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal':
        funcLike(n);
        return;
      case 'block':
        withScope(() => visitChildren(n));
        return;
      case 'short_var_declaration': {
        visitField(n, 'right');
        const left = fieldChild(n, 'left');
        const right = fieldChild(n, 'right');
        const values = right ? namedChildren(right) : [];
        const ids = left ? namedChildren(left) : [];
        const cur = scopes[scopes.length - 1];
        ids.forEach((id, i) => {
          // Redeclaration in the same scope only assigns.
          if (cur?.has(text(id))) return;
          declareVar(id, null, initAt(values, ids.length, i));
        });
        return;
      }
      case 'var_declaration':
        specs(n, 'var');
        return;
      case 'const_declaration':
        specs(n, 'const');
        return;
      case 'type_declaration':
        for (const spec of namedChildren(n)) {
          if (spec.type !== 'type_spec' && spec.type !== 'type_alias') continue;
          const tn = fieldChild(spec, 'name');
          declareOther(tn);
          if (tn && scopes.length > 0) localTypes.add(text(tn));
          withScope(() => {
            typeParams(fieldChild(spec, 'type_parameters'));
            visitField(spec, 'type');
          });
        }
        return;
      case 'assignment_statement': {
        const opNode = n.children.find((c) => c.field === 'operator');
        const op = opNode ? opNode.type : '=';
        if (op === '=') assignTargets(fieldChild(n, 'left'));
        else visitField(n, 'left');
        visitField(n, 'right');
        return;
      }
      case 'range_clause': {
        visitField(n, 'right');
        const left = fieldChild(n, 'left');
        if (hasToken(n, ':=')) declareList(left);
        else assignTargets(left);
        return;
      }
      case 'receive_statement': {
        visitField(n, 'right');
        const left = fieldChild(n, 'left');
        if (hasToken(n, ':=')) declareList(left);
        else assignTargets(left);
        return;
      }
      case 'for_statement':
      case 'if_statement':
      case 'expression_switch_statement':
      case 'select_statement':
      case 'expression_case':
      case 'default_case':
      case 'type_case':
      case 'communication_case':
        withScope(() => visitChildren(n));
        return;
      case 'type_switch_statement': {
        withScope(() => {
          visitField(n, 'initializer');
          visitField(n, 'value');
          const aliasList = fieldChild(n, 'alias');
          const alias = aliasList ? (namedChildren(aliasList)[0] ?? null) : null;
          let shared: LocalVar | null = null;
          if (alias && alias.type === 'identifier' && text(alias) !== '_') {
            shared = { name: text(alias), node: alias, line: m.lineAt(alias.start), used: false, kind: 'var', type: null, init: null, typeParams: [] };
            locals.push(shared);
          }
          for (const c of namedChildren(n)) {
            if (c.type !== 'type_case' && c.type !== 'default_case') continue;
            withScope(() => {
              // Each clause has its own implicit variable; using any of them uses the declaration.
              if (shared) scopes[scopes.length - 1]!.set(shared.name, shared);
              visitChildren(c);
            });
          }
        });
        return;
      }
      case 'type_parameter_declaration':
        visitField(n, 'type');
        return;
      case 'parameter_declaration':
      case 'variadic_parameter_declaration':
      case 'field_declaration':
        visitField(n, 'type');
        return;
      case 'method_elem':
        visitField(n, 'parameters');
        visitField(n, 'result');
        return;
      default:
        visitChildren(n);
    }
  };

  let complete = true;
  try {
    visitChildren(m.root);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    complete = false;
  }
  return { packageName, imports, refs, locals, memberRefs, localTypes, unresolved, complete };
}

/** Type parameter names a method receiver declares: `*Set[K, V]` → K, V. */
function receiverTypeParams(m: GoMirror, receiver: GNode): string[] {
  const out: string[] = [];
  for (const p of namedChildren(receiver)) {
    let t = fieldChild(p, 'type');
    if (t?.type === 'pointer_type') t = namedChildren(t)[0] ?? null;
    if (t?.type !== 'generic_type') continue;
    const argsNode = fieldChild(t, 'type_arguments');
    for (const a of argsNode ? namedChildren(argsNode) : []) out.push(textOf(m, a).trim());
  }
  return out;
}
