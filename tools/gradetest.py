#!/usr/bin/env python3
"""Exercise tests: the instructor edition, the student edition and planted wrong answers.

For every notebook (default: the manifest's, every language) that has exercise cells in the nbgrader
format (PLAN.md, "Exercise format"):

Static, every language:
  * the nbgrader metadata is valid (tools/student.py's validation: schema 3, unique grade_ids, points on
    grade cells, solution cells with BEGIN/END SOLUTION markers);
  * the project's conventions: a solution cell's grade_id is <notebook>-ex<N>, its check cells follow
    it as <notebook>-ex<N>-check[K] (code, grade, locked, with points) and call d2l.Check; a markdown
    cell "### Exercise N" (练习 N, 練習問題 N: the manifest's exercise_heading) comes before it; a
    checked code exercise has metadata.d2l.wrong_solution, the wrong answer planted below;
  * the student edition (tools/student.py) contains no line of any solution region (lines that also
    stand outside the regions, such as a lone "}", are not secrets) and no planted wrong answer, and
    its cells before the first solution cell are the instructor's, unchanged;
  * the grade_ids are the same, in the same order, in every language.

With the kernel, one language (the code cells are the same in all; tools/nbtest.py checks that):
one session runs the notebook top to bottom, and at each code solution cell runs
  1. the student edition of the cell, then its check cells: it must fail with "write your solution
     here" (in the cell or in a check that calls the stubbed code). At the first exercise this is
     "the student edition runs top to bottom up to the first stub, which fails";
  2. if the cell's metadata.d2l.wrong_solution is set, the cell with that code in place of the solution
     region, then its check cells: a check must fail with an AssertionError (the sentence of d2l.Check),
     containing metadata.d2l.wrong_message if that is set;
  3. the instructor's cell, then its check cells: all must pass (the instructor edition passes every check).
Every other code cell must run without an error.

Prints a table of the exercises with their graded checks; exit code 1 if anything failed.
"""
import argparse
import atexit
import copy
import dataclasses
import os
import re
import sys
import time
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbrun  # noqa: E402
import student  # noqa: E402

MANIFEST = nbrun.MANIFEST
CHECK_CALL = re.compile(r"\bCheck\s*\.\s*(that|near|between)\s*\(")


@dataclasses.dataclass
class Exercise:
    grade_id: str
    cell: int                      # 1-based index of the solution cell
    kind: str                      # "code" or "written"
    points: float = 0.0            # the solution cell's own points (written answers) + its checks'
    checks: List[Tuple[int, str, float]] = dataclasses.field(default_factory=list)  # (cell, grade_id, points)
    wrong: Optional[str] = None
    wrong_message: Optional[str] = None
    stub: str = "-"                # outcome of step 1
    planted: str = "-"             # outcome of step 2
    solved: str = "-"              # outcome of step 3


def exercises_of(nb: Dict) -> List[Exercise]:
    cells, out = nb.get("cells", []), []
    for i, cell in enumerate(cells, start=1):
        meta = student.nbgrader(cell)
        if meta.get("solution"):
            d2l = cell.get("metadata", {}).get("d2l", {}) or {}
            kind = "code" if cell.get("cell_type") == "code" else "written"
            out.append(Exercise(str(meta.get("grade_id")), i, kind,
                                float(meta.get("points", 0) or 0) if meta.get("grade") else 0.0,
                                wrong=d2l.get("wrong_solution"), wrong_message=d2l.get("wrong_message")))
        elif meta.get("grade") and out:
            pts = float(meta.get("points", 0) or 0)
            out[-1].checks.append((i, str(meta.get("grade_id")), pts))
    return out


def heading_word(lang: str) -> str:
    return MANIFEST.data.get("exercise_heading", {}).get(lang) or MANIFEST.data.get("exercise_heading", {}).get(
        MANIFEST.languages[0], "Exercise")


def check_conventions(nb: Dict, stem: str, lang: str) -> List[Tuple[int, str]]:
    """The project's exercise format (PLAN.md) on top of nbgrader's rules."""
    problems, cells = [], nb.get("cells", [])
    word = heading_word(lang)
    previous_end = 0
    for ex in exercises_of(nb):
        m = re.fullmatch(re.escape(stem) + r"-ex(\d+)", ex.grade_id)
        if not m:
            problems.append((ex.cell, f"solution grade_id {ex.grade_id!r} should be '{stem}-ex<N>' (N the exercise number)"))
        else:
            n = m.group(1)
            pattern = re.compile(r"^###\s+" + re.escape(word) + r"\s*" + n + r"\b", re.M)
            if not any(c.get("cell_type") == "markdown" and pattern.search(student.source(c))
                       for c in cells[previous_end:ex.cell - 1]):
                problems.append((ex.cell, f"no prompt '### {word} {n}' in a markdown cell before this solution cell"))
        for cell_no, gid, _ in ex.checks:
            cell = cells[cell_no - 1]
            meta = student.nbgrader(cell)
            if not re.fullmatch(re.escape(ex.grade_id) + r"-check\d*", gid):
                problems.append((cell_no, f"check grade_id {gid!r} should be '{ex.grade_id}-check' (after solution "
                                          f"cell {ex.cell})"))
            if cell.get("cell_type") != "code" or meta.get("solution") or not meta.get("locked"):
                problems.append((cell_no, f"check {gid!r} must be a locked code cell with solution false"))
            if not CHECK_CALL.search(student.source(cell)):
                problems.append((cell_no, f"check {gid!r} should call Check.that / Check.near / Check.between, so a "
                                          f"failure reads as one sentence"))
        if ex.kind == "code" and ex.wrong is not None and not isinstance(ex.wrong, str):
            problems.append((ex.cell, "metadata.d2l.wrong_solution must be a string of code"))
        if ex.kind == "code" and ex.checks and ex.wrong is None:
            problems.append((ex.cell, f"{ex.grade_id} has a check but no metadata.d2l.wrong_solution: give a "
                                      f"plausible wrong answer (code for the solution region) so the tests "
                                      f"can see the check fail with its sentence"))
        if ex.wrong is not None and not ex.checks:
            problems.append((ex.cell, "metadata.d2l.wrong_solution is set but no check cell follows to catch it"))
        previous_end = (ex.checks[-1][0] if ex.checks else ex.cell)
    return problems


def secret_lines(nb: Dict) -> List[str]:
    """Stripped lines inside solution regions that occur nowhere outside them in the notebook."""
    inside, outside = [], set()
    for cell in nb.get("cells", []):
        text = student.source(cell)
        region = [l.strip() for l in student.solution_lines(text)]
        inside += [l for l in region if l]
        kept, _ = student.replace_regions(text, "")
        outside |= {l.strip() for l in kept.split("\n")}
    return [l for l in dict.fromkeys(inside) if l not in outside]


def output_text(out: Dict) -> str:
    """The text an output shows (stream text, text/plain, text/markdown, text/html), as one string."""
    parts = [out.get("text", "")] + [out.get("data", {}).get(k, "") for k in ("text/plain", "text/markdown", "text/html")]
    return "\n".join("".join(p) if isinstance(p, list) else str(p) for p in parts)


def leaks(instructor: Dict, edition: Dict) -> List[Tuple[int, str]]:
    """(cell, line) of solution text that survived into the student edition, and planted answers."""
    secrets = set(secret_lines(instructor))
    found = []
    for i, cell in enumerate(edition.get("cells", []), start=1):
        texts = [student.source(cell)] + [output_text(o) for o in cell.get("outputs", [])]
        for text in texts:
            for line in text.split("\n"):
                if line.strip() in secrets:
                    found.append((i, line.strip()))
        d2l = cell.get("metadata", {}).get("d2l", {}) or {}
        for key in student.INSTRUCTOR_ONLY:
            if key in d2l:
                found.append((i, f"metadata.d2l.{key}"))
    return found


def static_checks(path: str, lang: str) -> Tuple[Dict, List[str]]:
    nb = student.read(path)
    stem = os.path.basename(path)[:-len(".ipynb")]
    problems = [f"cell {c}: {p}" if c else p for c, p in student.validate(nb)]
    if problems:
        return nb, problems
    problems += [f"cell {c}: {p}" for c, p in check_conventions(nb, stem, lang)]
    edition = student.student_edition(nb)
    problems += [f"student edition, cell {c}: solution text survived: {line!r}" for c, line in leaks(nb, edition)]
    first = next((i for i, c in enumerate(nb.get("cells", [])) if student.is_solution(c)), None)
    if first is not None and nb["cells"][:first] != edition["cells"][:first]:
        problems.append("student edition: cells before the first solution cell differ from the instructor's")
    return nb, problems


# --- the kernel session --------------------------------------------------------------------------------

def error_of(cell: Dict) -> Optional[Tuple[str, str]]:
    """(exception class, message) of the cell's error output, or None."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            tb = nbrun.strip_ansi("\n".join(out.get("traceback", []))).strip()
            first = tb.splitlines()[0].strip() if tb else ""
            m = re.match(r"^([\w.$]+(?:Exception|Error|Throwable)):\s?(.*)$", first)
            if m:
                return m.group(1), m.group(2)
            ev = nbrun.strip_ansi(out.get("evalue", ""))
            return out.get("ename", "?"), (ev or first)
    return None


class Session:
    """One kernel; cells executed one at a time (copies, so the notebook is not changed)."""

    def __init__(self, nb: Dict, path: str, deadline: float, log):
        import nbformat
        from nbclient import NotebookClient
        self.nb = nbformat.from_dict(copy.deepcopy(nb))
        self.deadline = deadline
        self.client = NotebookClient(
            self.nb, kernel_name=nb.get("metadata", {}).get("kernelspec", {}).get("name") or nbrun.DEFAULT_KERNEL,
            timeout_func=lambda cell: max(1, int(self.deadline - time.monotonic() + 0.999)),
            startup_timeout=nbrun.STARTUP_TIMEOUT, allow_errors=True, shutdown_kernel="immediate",
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        self.log = log
        self.count = 0

    def run(self, text: str, index: int) -> Tuple[Dict, Optional[Tuple[str, str]]]:
        import nbformat
        cell = nbformat.v4.new_code_cell(text)
        # nbclient applies update_display_data to self.nb.cells[index - 1]: the running cell must be there.
        self.nb.cells[index - 1] = cell
        self.count += 1
        self.client.execute_cell(cell, index - 1, execution_count=self.count)
        return cell, error_of(cell)


def run_exercises(path: str, nb: Dict, timeout: float, log=None) -> Tuple[List[Exercise], List[str]]:
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    exercises = exercises_of(nb)
    by_cell = {e.cell: e for e in exercises if e.kind == "code"}
    check_cells = {c for e in exercises for c, _, _ in e.checks}
    edition = student.student_edition(nb)
    cells = nb["cells"]
    problems: List[str] = []
    logf = open(log, "w", encoding="utf-8") if log else open(os.devnull, "w")

    for attempt in range(1, nbrun.START_ATTEMPTS + 1):
        session = Session(nb, path, time.monotonic() + timeout, logf)
        started = False
        try:
            with session.client.setup_kernel(stdout=logf, stderr=logf):
                started = True
                for i, cell in enumerate(cells, start=1):
                    if cell.get("cell_type") != "code" or i in check_cells:
                        continue
                    ex = by_cell.get(i)
                    if ex is None:
                        _, err = session.run(student.source(cell), i)
                        if err:
                            problems.append(f"cell {i}: {err[0]}: {err[1]} (the instructor edition must run)")
                            return exercises, problems
                        continue
                    checks = [(c, student.source(cells[c - 1])) for c, _, _ in ex.checks]

                    def run_group(text):
                        """Run the cell then its checks up to the first error: (cell, error) or None."""
                        _, err = session.run(text, i)
                        if err:
                            return i, err
                        for c, src in checks:
                            _, err = session.run(src, c)
                            if err:
                                return c, err
                        return None

                    # 1. the student's stub
                    got = run_group(student.source(edition["cells"][i - 1]))
                    if got and student.STUB_MESSAGE in got[1][1]:
                        ex.stub = f"fails in cell {got[0]}"
                    else:
                        ex.stub = "FAIL"
                        problems.append(f"{ex.grade_id}: the student edition should fail with "
                                        f"'{student.STUB_MESSAGE}', but " +
                                        (f"cell {got[0]} failed with {got[1][0]}: {got[1][1]}" if got else
                                         "the cell and its checks ran without error (does any code call the stub?)"))
                    # 2. the planted wrong solution
                    if isinstance(ex.wrong, str) and ex.checks:
                        got = run_group(student.plant(student.source(cell), ex.wrong))
                        if got is None:
                            ex.planted = "FAIL"
                            problems.append(f"{ex.grade_id}: the planted wrong solution {ex.wrong!r} passes every check")
                        elif got[0] == i or not got[1][0].endswith("AssertionError"):
                            ex.planted = "FAIL"
                            problems.append(f"{ex.grade_id}: the planted wrong solution should fail a check with "
                                            f"d2l.Check's AssertionError, but cell {got[0]} failed with "
                                            f"{got[1][0]}: {got[1][1]}")
                        elif ex.wrong_message and ex.wrong_message not in got[1][1]:
                            ex.planted = "FAIL"
                            problems.append(f"{ex.grade_id}: the check's sentence {got[1][1]!r} does not contain "
                                            f"metadata.d2l.wrong_message {ex.wrong_message!r}")
                        else:
                            ex.planted = f'"{got[1][1]}"'
                    # 3. the worked solution
                    got = run_group(student.source(cell))
                    if got:
                        ex.solved = "FAIL"
                        problems.append(f"{ex.grade_id}: the worked solution fails in cell {got[0]}: "
                                        f"{got[1][0]}: {got[1][1]}")
                    else:
                        ex.solved = "passes" if ex.checks else "runs (no check)"
            break
        except CellTimeoutError:
            problems.append(f"timeout: the exercise session exceeded {timeout:g} s")
            break
        except DeadKernelError:
            problems.append("the kernel died during the exercise session")
            break
        except Exception as e:  # kernel did not start (rapaio 3.0.1 sometimes hangs at start): retry
            if started or attempt == nbrun.START_ATTEMPTS:
                problems.append(f"kernel session failed: {type(e).__name__}: {e}")
                break
            logf.write(f"\n*** gradetest: kernel not ready ({e}); starting a new one (attempt {attempt + 1})\n")
        finally:
            atexit.unregister(session.client._cleanup_kernel)
    logf.close()
    return exercises, problems


# --- main ----------------------------------------------------------------------------------------------

def plan(args) -> List[Tuple[str, str]]:
    """[(path, lang)] to check statically."""
    if args.notebooks:
        out = []
        for p in nbrun.expand(args.notebooks):
            section, lang = MANIFEST.lookup(p)
            out.append((p, lang or MANIFEST.languages[0]))
        return out
    return [(p, MANIFEST.lookup(p)[1]) for p in nbrun.chapter_notebooks()]


def print_table(rows, stream=sys.stdout):
    header = ("notebook", "exercise", "kind", "points", "graded checks", "student stub", "planted wrong answer",
              "worked solution")
    widths = [len(h) for h in header]
    for r in rows:
        widths = [max(w, len(str(x))) for w, x in zip(widths, r)]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    stream.write(fmt.format(*header).rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        stream.write(fmt.format(*map(str, r)).rstrip() + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="gradetest.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", help="notebooks or folders (default: the manifest's, every language)")
    ap.add_argument("--timeout", type=float, default=None,
                    help="limit for one notebook's exercise session in seconds (default: twice the notebook's "
                         "test limit, as the exercise cells run up to three times)")
    ap.add_argument("--static", action="store_true", help="only the checks without the kernel")
    ap.add_argument("--log-dir", default=os.path.join(nbrun.BUILD, "gradetest"), help="kernel logs (default: %(default)s)")
    args = ap.parse_args(argv)

    failures: List[Tuple[str, List[str]]] = []
    rows, without = [], []
    ids_by_rel: Dict[str, Dict[str, List[str]]] = {}
    to_run: Dict[str, Tuple[str, Dict]] = {}       # rel -> (path, nb): one language per notebook
    for path, lang in plan(args):
        name, _ = nbrun.relative_name(path)
        try:
            nb, problems = static_checks(path, lang)
        except (OSError, ValueError) as e:
            failures.append((name, [f"cannot read: {e}"]))
            continue
        if problems:
            failures.append((name, problems))
        exercises = exercises_of(nb)
        if not exercises:
            without.append(name)
            continue
        section, _ = MANIFEST.lookup(path)
        rel = f"{MANIFEST.chapter}/{section['name']}" if section else name
        ids_by_rel.setdefault(rel, {})[lang] = [e.grade_id for e in exercises] + \
            [gid for e in exercises for _, gid, _ in e.checks]
        if rel not in to_run and not problems:
            to_run[rel] = (path, nb)
    for rel, by_lang in ids_by_rel.items():
        langs = sorted(by_lang)
        ref = by_lang[langs[0]]
        for lang in langs[1:]:
            if by_lang[lang] != ref:
                failures.append((rel, [f"grade_ids in {lang} ({', '.join(by_lang[lang])}) differ from {langs[0]} "
                                       f"({', '.join(ref)}); they must be the same in every language"]))

    for rel, (path, nb) in to_run.items():
        name, _ = nbrun.relative_name(path)
        exercises = exercises_of(nb)
        problems: List[str] = []
        if not args.static and any(e.kind == "code" for e in exercises):
            section, _ = MANIFEST.lookup(path)
            base = float(MANIFEST.settings(section["name"]).get("timeout", nbrun.DEFAULT_TIMEOUT)) if section \
                else float(nb.get("metadata", {}).get("d2l", {}).get("timeout", nbrun.DEFAULT_TIMEOUT))
            os.makedirs(args.log_dir, exist_ok=True)
            log = os.path.join(args.log_dir, name.replace(os.sep, "_")[:-len(".ipynb")] + ".kernel.log")
            sys.stdout.write(f"{name}: exercise session ")
            sys.stdout.flush()
            t0 = time.monotonic()
            exercises, problems = run_exercises(path, nb, args.timeout or 2 * base, log)
            sys.stdout.write(f"{'PASS' if not problems else 'FAIL'} ({time.monotonic() - t0:.1f} s)\n")
            if problems:
                failures.append((name, problems + [f"kernel log: {nbrun.shown(log)}"]))
        for e in exercises:
            checks = ", ".join(f"{gid} ({pts:g} pt)" for _, gid, pts in e.checks) or "-"
            pts = e.points + sum(p for _, _, p in e.checks)
            rows.append((name, e.grade_id, e.kind, f"{pts:g}", checks, e.stub, e.planted, e.solved))

    if rows:
        print()
        print_table(rows)
    if without:
        print(f"\nNo exercise cells in the nbgrader format yet: {', '.join(without)}")
    for name, problems in failures:
        print(f"\nFAIL {name}")
        for p in problems:
            print(f"  - {p}")
    checked = len(to_run)
    print(f"\n{checked} notebook(s) with exercises checked, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
