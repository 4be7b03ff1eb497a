#!/usr/bin/env python3
"""Write the student edition of the chapter's notebooks (./d2l student).

The notebooks in notebooks/ are the instructor edition: every exercise carries its worked solution,
marked with nbgrader's metadata (schema 3; the format is in PLAN.md and the README's Instructor notes).
This tool applies nbgrader's ClearSolutions rules (nbgrader/preprocessors/clearsolutions.py), so the
result is what ``nbgrader generate_assignment`` gives with the repository's nbgrader_config.py:

  * in every cell, the lines from one containing "BEGIN SOLUTION" to one containing "END SOLUTION"
    are replaced by the stub, indented like the BEGIN line: in code cells
        throw new RuntimeException("write your solution here");
    (the code stub for the kernel's language, notebooks' kernelspec.language = java), in markdown
    cells ``YOUR ANSWER HERE``. Code outside the markers stays;
  * a solution cell (metadata.nbgrader.solution) without markers is replaced whole by the stub;
  * nested BEGIN lines, a BEGIN without END, and (enforce_metadata) a region in a cell that is not a
    solution cell are errors;
  * the outputs (and execution counts) of solution cells are removed; every other cell, the graded
    check cells included, is kept with its outputs, so the committed plots still show;
  * instructor-only metadata goes: metadata.d2l.wrong_solution / wrong_message of cells (the planted
    wrong answers of the tests) and the notebook's celltoolbar (nbgrader drops it too).

Before writing anything it validates the nbgrader metadata of every notebook (what nbgrader's
CheckCellMetadata checks, plus the project's rule that solution cells carry markers) and stops with
the notebook, the cell and the problem.

Default: every language and section of notebooks/manifest.json that exists, written to
build/student/<lang>/<chapter>/<name>.ipynb. Binder's postBuild writes to student/ instead.
Needs only the Python standard library (works offline, no nbformat).
"""
import argparse
import copy
import json
import os
import re
import sys
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest as chapter_manifest  # noqa: E402

# nbgrader's ClearSolutions settings; nbgrader_config.py at the repository root sets the same values.
CODE_STUB = {"java": 'throw new RuntimeException("write your solution here");'}
TEXT_STUB = "YOUR ANSWER HERE"
BEGIN = "BEGIN SOLUTION"
END = "END SOLUTION"
STUB_MESSAGE = "write your solution here"
# nbgrader's cell metadata schema v3 (nbgrader/nbgraderformat/v3.json).
SCHEMA_VERSION = 3
SCHEMA_KEYS = {"schema_version", "grade", "locked", "solution", "task", "grade_id", "points", "checksum", "cell_type"}
GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]*$")
INSTRUCTOR_ONLY = ("wrong_solution", "wrong_message")


class RegionError(ValueError):
    pass


# --- cells ---------------------------------------------------------------------------------------------

def source(cell: Dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def set_source(cell: Dict, text: str) -> None:
    cell["source"] = text


def nbgrader(cell: Dict) -> Dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_solution(cell: Dict) -> bool:
    return bool(nbgrader(cell).get("solution", False))


def is_grade(cell: Dict) -> bool:
    return bool(nbgrader(cell).get("grade", False))


def grade_id(cell: Dict) -> Optional[str]:
    return nbgrader(cell).get("grade_id")


def replace_regions(text: str, stub: str, begin: str = BEGIN, end: str = END) -> Tuple[str, bool]:
    """nbgrader's _replace_solution_region: (new text, whether a region was replaced). Lines are split
    on "\\n" and joined back the same way. Unlike nbgrader, an END line outside a region is an error
    (nbgrader drops that line silently)."""
    out, inside, replaced = [], False, False
    for n, line in enumerate(text.split("\n"), start=1):
        if begin in line:
            if inside:
                raise RegionError(f"line {n}: a second '{begin}' before '{end}' (regions cannot nest)")
            inside = replaced = True
            indent = re.match(r"\s*", line).group(0)
            out += [indent + s for s in stub.split("\n")]
        elif end in line:
            if not inside:
                raise RegionError(f"line {n}: '{end}' without a '{begin}' before it")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise RegionError(f"'{begin}' without a matching '{end}'")
    return "\n".join(out), replaced


def solution_lines(text: str) -> List[str]:
    """The lines inside the solution regions (markers excluded)."""
    lines, inside = [], False
    for line in text.split("\n"):
        if BEGIN in line:
            inside = True
        elif END in line:
            inside = False
        elif inside:
            lines.append(line)
    return lines


def plant(text: str, replacement: str) -> str:
    """The cell with its solution region(s) replaced by ``replacement`` (the first region gets it, indented
    like its BEGIN line; later regions become empty): how the tests plant a wrong solution."""
    out, inside, used = [], False, False
    for line in text.split("\n"):
        if BEGIN in line:
            inside = True
            if not used:
                indent = re.match(r"\s*", line).group(0)
                out += [indent + r if r else r for r in replacement.rstrip("\n").split("\n")]
                used = True
        elif END in line:
            inside = False
        elif not inside:
            out.append(line)
    if not used:
        raise RegionError("no solution region to plant into")
    return "\n".join(out)


# --- validation ----------------------------------------------------------------------------------------

def language_of(nb: Dict) -> str:
    return nb.get("metadata", {}).get("kernelspec", {}).get("language", "python")


def validate(nb: Dict, stubs: Dict[str, str] = CODE_STUB) -> List[Tuple[int, str]]:
    """[(cell number from 1, problem)] for the nbgrader metadata and solution regions of one notebook."""
    problems: List[Tuple[int, str]] = []
    lang = language_of(nb)
    if lang not in stubs:
        problems.append((0, f"kernelspec.language is {lang!r}, which has no code stub (ClearSolutions.code_stub "
                            f"knows {', '.join(sorted(stubs))})"))
    seen: Dict[str, int] = {}
    for i, cell in enumerate(nb.get("cells", []), start=1):
        text = source(cell)
        meta = cell.get("metadata", {}).get("nbgrader")
        try:
            _, has_region = replace_regions(text, "")
        except RegionError as e:
            problems.append((i, f"solution markers: {e}"))
            has_region = True
        if meta is None:
            if has_region:
                problems.append((i, "has a solution region but no metadata.nbgrader; mark it as a solution cell "
                                    "(solution: true, a grade_id, schema_version 3)"))
            continue
        if not isinstance(meta, dict):
            problems.append((i, f"metadata.nbgrader is {meta!r}, not an object"))
            continue
        gid = meta.get("grade_id")
        name = f"grade_id {gid!r}: " if gid else ""
        if meta.get("schema_version") != SCHEMA_VERSION:
            problems.append((i, f"{name}schema_version is {meta.get('schema_version')!r}; nbgrader's current schema is "
                                f"{SCHEMA_VERSION}"))
        for key in ("grade", "locked", "solution"):
            if not isinstance(meta.get(key), bool):
                problems.append((i, f"{name}'{key}' must be true or false (found {meta.get(key)!r})"))
        if "task" in meta and not isinstance(meta["task"], bool):
            problems.append((i, f"{name}'task' must be true or false (found {meta['task']!r})"))
        extra = sorted(set(meta) - SCHEMA_KEYS)
        if extra:
            problems.append((i, f"{name}unknown nbgrader key(s) {', '.join(extra)}; nbgrader would drop them "
                                f"(put project data under metadata.d2l)"))
        grade, solution, locked, task = (meta.get("grade") is True, meta.get("solution") is True,
                                         meta.get("locked") is True, meta.get("task") is True)
        if grade or solution or locked:
            if not isinstance(gid, str) or not gid:
                problems.append((i, "a grade, solution or locked cell needs a non-empty grade_id"))
            elif not GRADE_ID.match(gid):
                problems.append((i, f"grade_id {gid!r} may hold only letters, digits, '_' and '-'"))
            elif gid in seen:
                problems.append((i, f"grade_id {gid!r} is used again (first in cell {seen[gid]}); ids are unique"))
            else:
                seen[gid] = i
        if grade:
            pts = meta.get("points")
            if isinstance(pts, bool) or not isinstance(pts, (int, float)) or pts < 0:
                problems.append((i, f"{name}a grade cell needs points >= 0 (found {pts!r})"))
        elif "points" in meta:
            problems.append((i, f"{name}has points but grade is false"))
        ctype = cell.get("cell_type")
        if task:
            if ctype != "markdown":
                problems.append((i, f"{name}task cells must be markdown"))
        elif ctype == "markdown" and grade != solution:
            problems.append((i, f"{name}a markdown answer cell must have grade and solution both true "
                                f"(grade {grade}, solution {solution})"))
        if solution and not has_region:
            marker = "// BEGIN SOLUTION" if ctype == "code" else "<!-- BEGIN SOLUTION -->"
            problems.append((i, f"{name}solution cell without solution markers: put the worked answer between "
                                f"'{marker}' and its END line (else the whole cell becomes the stub)"))
        if has_region and not solution:
            problems.append((i, f"{name}has a solution region but is not a solution cell (enforce_metadata)"))
    return problems


# --- the edition ---------------------------------------------------------------------------------------

def student_edition(nb: Dict, stubs: Dict[str, str] = CODE_STUB, text_stub: str = TEXT_STUB) -> Dict:
    """The student edition of a validated notebook (a new object; ``nb`` is not changed)."""
    out = copy.deepcopy(nb)
    stub = stubs[language_of(nb)]
    for cell in out.get("cells", []):
        text = source(cell)
        cell_stub = stub if cell.get("cell_type") == "code" else text_stub
        new, replaced = replace_regions(text, cell_stub)
        if is_solution(cell) and not replaced:
            new = cell_stub
        if new != text:
            set_source(cell, new)
        if is_solution(cell) and cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        d2l = cell.get("metadata", {}).get("d2l")
        if isinstance(d2l, dict):
            for key in INSTRUCTOR_ONLY:
                d2l.pop(key, None)
            if not d2l:
                del cell["metadata"]["d2l"]
    out.get("metadata", {}).pop("celltoolbar", None)
    return out


def has_exercises(nb: Dict) -> bool:
    return any("nbgrader" in c.get("metadata", {}) for c in nb.get("cells", []))


def read(path: str) -> Dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(nb: Dict, path: str) -> None:
    """As nbformat writes: sources as lists of lines, indent 1, sorted keys, UTF-8, final newline."""
    nb = copy.deepcopy(nb)
    for cell in nb.get("cells", []):
        text = source(cell)
        cell["source"] = text.splitlines(True)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


STUDENT_README = """# Student edition

These notebooks are the exercises' student edition, written from the instructor edition in
`notebooks/` by `./d2l student` (Binder's `binder/postBuild` runs it). Where an exercise asks you to
write code, a line `throw new RuntimeException("write your solution here");` stands in for your
answer: replace it, run the cell, then run the check cell below it. A failed check says in one sentence
what it expected. Written answers go where it says `YOUR ANSWER HERE`.

中文：练习的学生版。把 `throw new RuntimeException("write your solution here");` 换成你的代码，运行该单元格，
再运行其下方的检查单元格；书面回答写在 `YOUR ANSWER HERE` 处。

日本語：練習問題の学生版です。`throw new RuntimeException("write your solution here");` をあなたのコードに
置き換えて実行し、その下のチェック用セルを実行してください。記述式の解答は `YOUR ANSWER HERE` に書きます。
"""


def shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="./d2l student", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", help="instructor notebooks (default: the manifest's, every language)")
    ap.add_argument("--lang", action="append", help="only this language (repeatable; default: all of the manifest)")
    ap.add_argument("--out", default=None, help="output folder (default: build/student); notebooks go to "
                                                "OUT/<lang>/<chapter>/<name>.ipynb")
    ap.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = ap.parse_args(argv)
    try:
        m = chapter_manifest.load()
    except chapter_manifest.ManifestError as e:
        print(f"student: {e}", file=sys.stderr)
        return 1
    out_root = os.path.abspath(args.out or os.path.join(m.repo, "build", "student"))
    langs = args.lang or m.languages
    for lang in langs:
        if lang not in m.languages:
            print(f"student: --lang {lang}: the manifest's languages are {', '.join(m.languages)}", file=sys.stderr)
            return 2

    jobs: List[Tuple[str, str]] = []   # (instructor path, student path)
    if args.notebooks:
        for p in args.notebooks:
            if not os.path.isfile(p):
                print(f"student: no such notebook: {p}", file=sys.stderr)
                return 2
            section, lang = m.lookup(p)
            rel = (os.path.join(lang, m.chapter, os.path.basename(p)) if section
                   else os.path.basename(p))
            jobs.append((p, os.path.join(out_root, rel)))
    else:
        for lang in langs:
            for s in m.sections:
                p = m.path_of(s["name"], lang)
                if os.path.isfile(p):
                    jobs.append((p, os.path.join(out_root, lang, m.chapter, s["name"] + ".ipynb")))
    if not jobs:
        print("student: no notebooks to convert")
        return 1

    failures, books = [], []
    for src, dst in jobs:
        try:
            nb = read(src)
        except (OSError, json.JSONDecodeError) as e:
            failures.append(f"{shown(src)}: cannot read: {e}")
            continue
        for cell, problem in validate(nb):
            failures.append(f"{shown(src)}: " + (f"cell {cell}: " if cell else "") + problem)
        books.append((src, dst, nb))
    if failures:
        print("student: the nbgrader metadata has problems; nothing written:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        return 1
    for src, dst, nb in books:
        n = sum(1 for c in nb.get("cells", []) if is_solution(c))
        if not args.check:
            write(student_edition(nb), dst)
        print(f"{shown(src)} -> {shown(dst) if not args.check else '(checked)'}: "
              f"{n} solution cell(s) {'replaced by stubs' if n else '(no exercises in the nbgrader format yet)'}")
    if not args.check and not args.notebooks:
        with open(os.path.join(out_root, "README.md"), "w", encoding="utf-8") as f:
            f.write(STUDENT_README)
    return 0


if __name__ == "__main__":
    sys.exit(main())
