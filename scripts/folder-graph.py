#!/usr/bin/env python3
"""Prints the library's folder dependency graph, its cycles and the house measures.

usage: scripts/folder-graph.py [--root Sources/HITLPolicy] [--dot] [--why FROM TO] [--check]

A folder depends on another when one of its files names a type (class, struct, enum,
protocol, actor, typealias) declared in the other. A name declared in two folders (nested
types such as `Kind` or `Entry`) is ambiguous and not counted; the report lists them. Comments and string literals are
stripped first, so a name in a doc comment or a message is not a dependency. Extensions
do not declare: `extension Foo` in folder B makes B depend on Foo's folder.

Prints, in order:
  - every folder with its line count and the folders it uses;
  - the strongly connected components with more than one folder (the cycles), largest first;
  - the measures the house keeps: the largest cycle, the largest folder, public types
    outside API/;
  - with --why FROM TO, the names that make FROM use TO (what to move to break an edge);
  - with --dot, the graph in Graphviz form instead.

Exit status 0, except with --check: 1 when a house target is missed (the largest cycle is
more than 2 folders, a folder has more than 2,000 lines, more than 8 public types live
outside API/), after the report; 2 for a usage error.
"""

import argparse
import os
import re
import sys
from collections import defaultdict

DECL = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private|open|final|indirect|nonisolated|"
    r"@frozen|@usableFromInline)\s+)*"
    r"(class|struct|enum|protocol|actor|typealias)\s+([A-Za-z_][A-Za-z0-9_]*)",
    re.M,
)
PUBLIC_DECL = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:final|indirect|@frozen)\s+)*public\s+"
    r"(?:(?:final|indirect)\s+)*(class|struct|enum|protocol|actor|typealias)\s+([A-Za-z_][A-Za-z0-9_]*)",
    re.M,
)
MAX_CYCLE, MAX_LINES, MAX_PUBLIC = 2, 2000, 8  # the house targets (issue 23)
IDENT = re.compile(r"\b[A-Z][A-Za-z0-9_]*\b")
# Generic parameter lists (`struct VarMap<Value>`, `func f<T: P>`): their names are local to
# the file, not uses of a type of that name declared elsewhere.
GENERIC = re.compile(r"\b(?:struct|class|enum|actor|func|typealias|init|subscript)\b[ \t]*[A-Za-z0-9_]*[ \t]*<([^<>{}()]*(?:<[^<>]*>[^<>{}()]*)*)>")
ASSOCIATED = re.compile(r"\bassociatedtype\s+([A-Za-z_][A-Za-z0-9_]*)")


def generic_names(text: str) -> set:
    """The generic parameter and associated type names a file declares."""
    names = set(ASSOCIATED.findall(text))
    for m in GENERIC.finditer(text):
        depth, part = 0, ""
        for c in m.group(1) + ",":
            if c == "<":
                depth += 1
            elif c == ">":
                depth -= 1
            if c == "," and depth == 0:
                head = re.match(r"\s*(?:each\s+)?([A-Za-z_][A-Za-z0-9_]*)", part)
                if head:
                    names.add(head.group(1))
                part = ""
            else:
                part += c
    return names


def strip(source: str) -> str:
    """Removes comments and string literals (single-line, multi-line and raw), keeping newlines."""
    out = []
    i, n = 0, len(source)
    depth = 0  # nesting of /* */ comments
    while i < n:
        c = source[i]
        if depth:
            if source.startswith("/*", i):
                depth += 1
                i += 2
            elif source.startswith("*/", i):
                depth -= 1
                i += 2
            else:
                out.append("\n" if c == "\n" else " ")
                i += 1
            continue
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
            continue
        if source.startswith("/*", i):
            depth = 1
            i += 2
            continue
        m = re.match(r'(#*)("""|")', source[i:])
        if m:
            hashes, quote = m.group(1), m.group(2)
            close = quote + hashes
            j = i + len(m.group(0))
            while j < n:
                if source[j] == "\\" and not hashes:
                    j += 2
                    continue
                if source.startswith(close, j):
                    j += len(close)
                    break
                if quote == '"' and source[j] == "\n":
                    break
                j += 1
            out.append('""' + "\n" * source.count("\n", i, j))
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def folder_of(root: str, path: str) -> str:
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    return parts[0] if len(parts) > 1 else "."


def scan(root: str):
    files = []
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".swift"):
                files.append(os.path.join(dirpath, name))
    files.sort()
    declared = {}  # type name -> folder (first declaration wins; duplicates reported)
    duplicates = defaultdict(set)
    lines = defaultdict(int)
    texts = {}
    public_outside_api = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        folder = folder_of(root, path)
        lines[folder] += raw.count("\n")
        text = strip(raw)
        texts[path] = text
        for m in DECL.finditer(text):
            name = m.group(2)
            if name in declared and declared[name] != folder:
                duplicates[name].update({declared[name], folder})
            declared.setdefault(name, folder)
        if folder != "API":
            for m in PUBLIC_DECL.finditer(text):
                public_outside_api.append((m.group(2), os.path.relpath(path, root)))
    uses = defaultdict(lambda: defaultdict(set))  # folder -> folder -> names
    for path, text in texts.items():
        folder = folder_of(root, path)
        for name in set(IDENT.findall(text)) - generic_names(text):
            owner = declared.get(name)
            if owner is not None and owner != folder and name not in duplicates:
                uses[folder][owner].add(name)
    folders = sorted(lines)
    return folders, lines, uses, public_outside_api, duplicates


def components(folders, uses):
    """Tarjan's strongly connected components."""
    index, low, on, stack, result = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(uses[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            result.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in folders:
        if v not in index:
            visit(v)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", "Sources", "HITLPolicy"))
    parser.add_argument("--dot", action="store_true")
    parser.add_argument("--why", nargs=2, metavar=("FROM", "TO"))
    parser.add_argument("--check", action="store_true", help="exit 1 when a house target is missed")
    args = parser.parse_args()
    root = os.path.normpath(args.root)
    folders, lines, uses, public_outside_api, duplicates = scan(root)

    if args.dot:
        print("digraph house {")
        for f in folders:
            for g in sorted(uses[f]):
                print(f'  "{f}" -> "{g}" [label="{len(uses[f][g])}"];')
        print("}")
        return 0
    if args.why:
        a, b = args.why
        names = sorted(uses[a][b])
        print(f"{a} uses {b} through {len(names)} name(s): {', '.join(names) or '(none)'}")
        return 0

    print("folder graph of", os.path.relpath(root))
    for f in folders:
        deps = ", ".join(f"{g} ({len(uses[f][g])})" for g in sorted(uses[f]))
        print(f"  {f:<14} {lines[f]:>5} lines  uses: {deps or '-'}")
    cycles = sorted((c for c in components(folders, uses) if len(c) > 1), key=len, reverse=True)
    print()
    if cycles:
        for c in cycles:
            print(f"cycle of {len(c)} folders: {' '.join(c)}")
    else:
        print("no cycles")
    largest = max(folders, key=lambda f: lines[f]) if folders else "-"
    largest_cycle = max((len(c) for c in cycles), default=1)
    print()
    print(f"largest cycle: {largest_cycle} folder(s) (house target: at most {MAX_CYCLE})")
    print(f"largest folder: {largest}, {lines.get(largest, 0)} lines (house target: at most {MAX_LINES})")
    print(f"public types outside API/: {len(public_outside_api)} (house target: at most {MAX_PUBLIC})")
    for name, path in sorted(public_outside_api, key=lambda p: p[1]):
        print(f"  {name}  {path}")
    if duplicates:
        print()
        print("type names declared in more than one folder (nested types mostly; not counted as edges):")
        for name in sorted(duplicates):
            print(f"  {name}: {', '.join(sorted(duplicates[name]))}")
    if args.check:
        missed = [what for what, bad in [
            (f"a cycle of {largest_cycle} folders", largest_cycle > MAX_CYCLE),
            (f"{largest} has {lines.get(largest, 0)} lines", lines.get(largest, 0) > MAX_LINES),
            (f"{len(public_outside_api)} public types outside API/", len(public_outside_api) > MAX_PUBLIC),
        ] if bad]
        print()
        if missed:
            print("house targets missed: " + "; ".join(missed))
            return 1
        print("house targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
