#!/usr/bin/env python3
"""Regenerates data/python-stdlib.json, the index of standard-library names
that the Python method-mismatch rules read at audit time (no Python needed
then).

    python3 bench/gen-python-stdlib.py [--typeshed DIR] [--out data/python-stdlib.json]

What goes in, per module (every importable stdlib module and submodule, such
as os.path, urllib.request, collections.abc):
  - the names `dir()` shows on the running interpreter, private ones too;
  - the module-level names of typeshed's stub for it, taken from every
    `sys.version_info` / `sys.platform` branch, so a name that exists only on
    Windows, macOS or another Python version (3.8-3.14) is known and never
    reported as missing;
  - `dynamic: true` when the module defines a module-level `__getattr__`
    (PEP 562): any name may exist, the rules say nothing about it;
  - `newer`: names typeshed guards with `sys.version_info >= (3, N)` for N
    above this interpreter's minor version, `removed`: names guarded with
    `sys.version_info < (3, N)`. Messages mention them.
Modules that fail to import here (platform-specific ones such as winreg) are
taken from typeshed alone when it has a stub, else left out (unknown modules
are never checked).

typeshed: by default the copy bundled with jedi when it is installed
(site-packages/jedi/third_party/typeshed); pass --typeshed with the `stdlib`
directory of any typeshed checkout (pyright's npm package bundles one in
dist/typeshed-fallback/stdlib) to use another.

`classes` holds the attribute names of builtin classes (object, Exception,
dict...) and of abc.ABC / typing.Generic / typing.Protocol, so a repository
class whose only bases are these has a fully known set of attributes.
"""
import argparse
import ast
import builtins
import contextlib
import importlib
import importlib.util
import io
import json
import os
import pkgutil
import sys
import warnings

# Importing these has effects beyond defining names (opens a browser, prints,
# starts a GUI) or they are the interpreter's own test suites and tools.
SKIP_TOP = {"antigravity", "this", "__main__", "idlelib", "turtledemo", "test", "__phello__", "_testcapi",
            "_testinternalcapi", "_testbuffer", "_testimportmultiple", "_testmultiphase", "_xxtestfuzz",
            "_ctypes_test", "xxlimited", "xxlimited_35", "xxsubtype", "_xxsubinterpreters"}


def skip_submodule(name: str) -> bool:
    parts = name.split(".")
    return parts[0] in SKIP_TOP or "__main__" in parts or any(p in ("test", "tests", "idle_test") for p in parts[1:])


def runtime_modules() -> list[str]:
    names = set()
    for top in sorted(sys.stdlib_module_names):
        if top in SKIP_TOP:
            continue
        names.add(top)
        spec = None
        with contextlib.suppress(Exception):
            spec = importlib.util.find_spec(top)
        if spec is None or not spec.submodule_search_locations:
            continue
        for info in pkgutil.walk_packages(spec.submodule_search_locations, prefix=top + ".", onerror=lambda _n: None):
            if not skip_submodule(info.name):
                names.add(info.name)
    return sorted(names)


def import_quietly(name: str):
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        return importlib.import_module(name)


def find_typeshed(arg: str | None) -> str | None:
    if arg:
        return arg
    spec = importlib.util.find_spec("jedi")
    if spec and spec.origin:
        cand = os.path.join(os.path.dirname(spec.origin), "third_party", "typeshed", "stdlib")
        if os.path.isdir(cand):
            return cand
    return None


def version_of(test: ast.expr):
    """(op, minor) for `sys.version_info >= (3, N)` style tests, else None."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.comparators[0], ast.Tuple):
        left = test.left
        if isinstance(left, ast.Attribute) and left.attr == "version_info":
            elts = test.comparators[0].elts
            if len(elts) >= 2 and all(isinstance(e, ast.Constant) for e in elts[:2]) and elts[0].value == 3:
                return type(test.ops[0]).__name__, elts[1].value
    return None


def stub_names(path: str):
    """All module-level names a stub binds, with the version guards around each."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    out: dict[str, list] = {}
    stars: list = []

    def bind(name, guards):
        out.setdefault(name, []).append(tuple(guards))

    def targets(t, guards):
        if isinstance(t, ast.Name):
            bind(t.id, guards)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                targets(e, guards)

    def walk(body, guards):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bind(node.name, guards)
            elif isinstance(node, ast.Assign):
                for t in node.targets:
                    targets(t, guards)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
                targets(node.target, guards)
            elif isinstance(node, ast.Import):
                # Stub convention: only `import x as x` re-exports.
                for a in node.names:
                    if a.asname and a.asname == a.name:
                        bind(a.asname, guards)
            elif isinstance(node, ast.ImportFrom):
                for a in node.names:
                    if a.name == "*":
                        if node.level == 0 and node.module:
                            stars.append((node.module, tuple(guards)))
                    elif a.asname and a.asname == a.name or node.module == "__future__":
                        bind(a.asname, guards)
            elif isinstance(node, ast.If):
                v = version_of(node.test)
                walk(node.body, guards + [v] if v else guards)
                neg = None
                if v:
                    neg = ({"GtE": "Lt", "Lt": "GtE", "Gt": "LtE", "LtE": "Gt"}.get(v[0], v[0]), v[1])
                walk(node.orelse, guards + [neg] if neg else guards)
            elif isinstance(node, ast.Try):
                walk(node.body, guards)
                for h in node.handlers:
                    walk(h.body, guards)
                walk(node.orelse, guards)
                walk(node.finalbody, guards)
            elif hasattr(ast, "TypeAlias") and isinstance(node, getattr(ast, "TypeAlias")):
                targets(node.name, guards)

    walk(tree.body, [])
    return out, stars


def stub_names_with_stars(stdlib_dir: str, module: str, seen: set):
    """stub_names plus the public names of modules the stub star-imports."""
    path = stub_path(stdlib_dir, module)
    if not path or module in seen:
        return None
    seen.add(module)
    try:
        names, stars = stub_names(path)
    except (SyntaxError, UnicodeDecodeError):
        return None
    for other, guards in stars:
        sub = stub_names_with_stars(stdlib_dir, other, seen)
        for n, gl in (sub or {}).items():
            if not n.startswith("_"):
                for g in gl:
                    names.setdefault(n, []).append(tuple(guards) + g)
    return names


def stub_path(stdlib_dir: str, module: str) -> str | None:
    base = os.path.join(stdlib_dir, *module.split("."))
    for cand in (base + ".pyi", os.path.join(base, "__init__.pyi")):
        if os.path.isfile(cand):
            return cand
    return None


def stub_modules(stdlib_dir: str) -> list[str]:
    mods = []
    for root, dirs, files in os.walk(stdlib_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("@"))
        rel = os.path.relpath(root, stdlib_dir)
        prefix = "" if rel == "." else rel.replace(os.sep, ".") + "."
        for f in sorted(files):
            if not f.endswith(".pyi"):
                continue
            name = prefix[:-1] if f == "__init__.pyi" else prefix + f[:-4]
            if name and not skip_submodule(name):
                mods.append(name)
    return mods


def classify(guards_list, minor: int):
    """'always' when some binding holds on this minor version, else 'newer'/'removed'."""
    kinds = set()
    for guards in guards_list:
        ok = True
        for op, m in guards:
            if op == "GtE" and not minor >= m or op == "Gt" and not minor > m:
                ok = False
                kinds.add(("newer", m))
            elif op == "Lt" and not minor < m or op == "LtE" and not minor <= m:
                ok = False
                kinds.add(("removed", m))
        if ok:
            return None
    return sorted(kinds)[0] if kinds else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--typeshed", help="typeshed's stdlib directory")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "python-stdlib.json"))
    args = ap.parse_args()
    minor = sys.version_info.minor
    ts = find_typeshed(args.typeshed)
    if not sys.flags.no_site:
        # Installed packages must not leak in: setuptools' distutils hack replaces the stdlib distutils.
        cmd = [sys.executable, "-S", "-E", os.path.abspath(__file__), "--out", args.out]
        if ts:
            cmd += ["--typeshed", ts]
        os.execv(sys.executable, cmd)

    modules: dict[str, dict] = {}
    # Alias modules such as os.path are found by their stub, not by walking packages.
    runtime = set(runtime_modules())
    for name in sorted(runtime | set(stub_modules(ts) if ts else ())):
        try:
            mod = import_quietly(name)
        except BaseException:  # noqa: BLE001 - some modules raise SystemExit or platform errors on import
            # It exists (msvc9compiler on Linux) but its names are unknown here.
            if name in runtime:
                modules[name] = {"names": set(), "dynamic": True}
            continue
        entry = {"names": set(dir(mod)), "runtime": set(dir(mod))}
        if "__getattr__" in vars(mod):
            entry["dynamic"] = True
        modules[name] = entry

    if ts:
        for name in stub_modules(ts):
            path = stub_path(ts, name)
            if not path:
                continue
            names = stub_names_with_stars(ts, name, set())
            if names is None:
                continue
            entry = modules.setdefault(name, {"names": set(), "stubOnly": True})
            for n, guards in names.items():
                if n == "__getattr__":
                    entry["dynamic"] = True
                entry["names"].add(n)
                k = classify(guards, minor)
                if k and n not in entry.get("runtime", ()):
                    entry.setdefault(k[0], {})[n] = f"3.{k[1]}"

    # A package's submodules are attributes once imported.
    for name in list(modules):
        if "." in name:
            parent, _, leaf = name.rpartition(".")
            if parent in modules:
                modules[parent].setdefault("submodules", set()).add(leaf)

    classes = {}
    for n in dir(builtins):
        obj = getattr(builtins, n)
        if isinstance(obj, type):
            classes[n] = sorted(dir(obj))
    import abc
    import typing
    classes["abc.ABC"] = sorted(dir(abc.ABC))
    classes["abc.ABCMeta"] = sorted(dir(abc.ABCMeta))
    classes["typing.Generic"] = sorted(dir(typing.Generic))

    out_modules = {}
    for name in sorted(modules):
        e = modules[name]
        o = {"names": sorted(e["names"])}
        for k in ("dynamic", "stubOnly"):
            if e.get(k):
                o[k] = True
        if e.get("submodules"):
            o["submodules"] = sorted(e["submodules"])
        for k in ("newer", "removed"):
            if e.get(k):
                o[k] = dict(sorted(e[k].items()))
        out_modules[name] = o

    data = {
        "about": "Standard-library names for claimcheck's Python rules; regenerate with bench/gen-python-stdlib.py",
        "python": "%d.%d.%d" % sys.version_info[:3],
        "typeshed": ("<site-packages>/" + ts.split("site-packages/", 1)[1]) if ts and "site-packages/" in ts else (ts or None),
        "modules": out_modules,
        "classes": dict(sorted(classes.items())),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(data)
        for i, k in enumerate(keys):
            sep = "," if i < len(keys) - 1 else ""
            if k in ("modules", "classes"):
                f.write(f"  {json.dumps(k)}: {{\n")
                items = list(data[k].items())
                for j, (mk, mv) in enumerate(items):
                    f.write(f"    {json.dumps(mk)}: {json.dumps(mv, separators=(',', ':'))}{',' if j < len(items) - 1 else ''}\n")
                f.write(f"  }}{sep}\n")
            else:
                f.write(f"  {json.dumps(k)}: {json.dumps(data[k])}{sep}\n")
        f.write("}\n")
    print(f"{len(out_modules)} modules, {sum(len(m['names']) for m in out_modules.values())} names -> {args.out}")


if __name__ == "__main__":
    main()
