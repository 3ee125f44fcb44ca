#!/usr/bin/env python3
"""Lists Swift functions (and initialisers) longer than a limit, by counting the lines from the
declaration to its closing brace. Usage: scripts/long-functions.py LIMIT DIR...; exits 1 when
any is found. Braces inside strings and comments are skipped."""
import re
import sys
from pathlib import Path

DECL = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|internal|fileprivate|package|static|final|override|mutating|nonisolated|convenience|required|@discardableResult)\s+)*(?:func\s+\S+|init[?!]?|deinit|subscript)\s*[(<]?")


def strip(line: str) -> str:
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    return line.split("//", 1)[0]


def long_functions(path: Path, limit: int):
    lines = path.read_text().splitlines()
    i = 0
    while i < len(lines):
        if DECL.match(lines[i]):
            depth, started, j = 0, False, i
            while j < len(lines):
                code = strip(lines[j])
                depth += code.count("{") - code.count("}")
                started = started or "{" in code
                if started and depth <= 0:
                    break
                if not started and j > i + 8:
                    break  # a protocol requirement: no body
                j += 1
            if started and j - i + 1 > limit:
                yield i + 1, j - i + 1, lines[i].strip()
        i += 1


def main() -> int:
    limit = int(sys.argv[1])
    found = 0
    for root in sys.argv[2:]:
        for path in sorted(Path(root).rglob("*.swift")):
            for line, length, decl in long_functions(path, limit):
                print(f"{path}:{line}: {length} lines: {decl}")
                found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
