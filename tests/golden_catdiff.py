"""Print, per golden case, the lines whose removal categories differ from the case's notes.

    python -m tests.golden_catdiff [case ...]

Each row: input line, the notes' category, the cleaner's, its rule/layer, the text ('-' for
a line one side keeps). Text cases are compared line by line as tests/test_golden.py does;
for HTML cases it prints the noted categories no removal has and the text layers' extra ones.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from cleaner import Cleaner
from tests.golden_cases import Case, cases


def text_rows(cleaner: Cleaner, case: Case) -> list[str]:
    result = cleaner.clean_document(case.input.read_bytes(), kind=case.kind)
    lines = case.input.read_text(encoding="utf-8", errors="replace").splitlines()
    got = defaultdict(list)
    for r in result.removals:
        for line in range(r.line or 0, (r.end_line or r.line or 0) + 1) if r.start is None else (r.line or 0,):
            got[line].append(r)
    noted: dict[int, list[str]] = defaultdict(list)
    for (line, category), n in case.noted().items():
        noted[int(line)] += [category] * n
    rows = []
    for line in sorted(set(got) | set(noted)):
        mine = sorted(r.category for r in got.get(line, []))
        theirs = sorted(noted.get(line, []))
        if mine != theirs:
            why = ",".join(f"{r.rule}/{r.layer}" for r in got.get(line, [])) or "-"
            text = lines[line - 1][:90] if 0 < line <= len(lines) else ""
            theirs_, mine_ = ",".join(theirs) or "-", ",".join(mine) or "-"
            rows.append(f"  {line:4d} notes={theirs_:12s} got={mine_:12s} {why:40s} {text}")
    return rows


def html_rows(cleaner: Cleaner, case: Case) -> list[str]:
    result = cleaner.clean_document(case.input.read_bytes(), kind=case.kind)
    noted = {category for _, category in case.noted()}
    missing = noted - {r.category for r in result.removals}
    extra = {r.category for r in result.removals if r.layer != "html"} - noted
    return [f"  noted but never removed: {sorted(missing)}"] * bool(missing) + [
        f"  text layers' categories not in the notes: {sorted(extra)}"
    ] * bool(extra)


def main(names: list[str]) -> int:
    cleaner = Cleaner()
    total = 0
    for case in cases():
        if names and case.name not in names:
            continue
        rows = text_rows(cleaner, case) if case.kind == "text" else html_rows(cleaner, case)
        if rows:
            total += len(rows)
            print(f"{case.name}: {len(rows)}")
            print("\n".join(rows))
    print("differing:", total)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
