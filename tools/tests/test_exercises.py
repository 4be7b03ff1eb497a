"""Tests of the exercise tooling: tools/student.py (nbgrader's ClearSolutions rules, metadata validation,
the ./d2l student command) and tools/gradetest.py (static checks, and the kernel session on fixture
notebooks: stubs fail with their message, planted wrong answers fail their check, solutions pass)."""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)
REPO = os.path.dirname(TOOLS)
FIXTURES = os.path.join(HERE, "fixtures")
FIXTURE = os.path.join(FIXTURES, "exercises.ipynb")
sys.path.insert(0, TOOLS)
import gradetest  # noqa: E402
import nbrun  # noqa: E402
import student  # noqa: E402

STUB = 'throw new RuntimeException("write your solution here");'


def meta(**kw):
    base = {"grade": False, "locked": False, "schema_version": 3, "solution": False, "task": False}
    base.update(kw)
    return {"nbgrader": base}


def code(src, metadata=None, outputs=None):
    return {"cell_type": "code", "source": src, "metadata": metadata or {}, "outputs": outputs or [],
            "execution_count": 1 if outputs else None}


def md(src, metadata=None):
    return {"cell_type": "markdown", "source": src, "metadata": metadata or {}}


def notebook(*cells, language="java"):
    return {"cells": list(cells), "metadata": {"kernelspec": {"name": "d2l-java", "language": language,
                                                              "display_name": "Java (d2l)"}},
            "nbformat": 4, "nbformat_minor": 5}


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


class ClearSolutionsRulesTest(unittest.TestCase):
    """The cases of nbgrader's own tests (nbgrader/tests/preprocessors/test_clearsolutions.py), for Java."""

    def test_code_region_becomes_the_stub_indented_like_its_begin_line(self):
        src = "double f(double x) {\n    // BEGIN SOLUTION\n    return x * x;\n    // END SOLUTION\n}\n"
        new, replaced = student.replace_regions(src, STUB)
        self.assertTrue(replaced)
        self.assertEqual(new, "double f(double x) {\n    " + STUB + "\n}\n")

    def test_text_region_and_no_region(self):
        new, replaced = student.replace_regions("hint\n<!-- BEGIN SOLUTION -->\nthe answer\n<!-- END SOLUTION -->",
                                                student.TEXT_STUB)
        self.assertEqual((new, replaced), ("hint\nYOUR ANSWER HERE", True))
        self.assertEqual(student.replace_regions("int a = 1;", STUB), ("int a = 1;", False))

    def test_broken_regions_are_errors(self):
        for src, words in (("// BEGIN SOLUTION\nint a;\n", "without a matching"),
                           ("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n", "cannot nest"),
                           ("int a;\n// END SOLUTION\n", "line 2: 'END SOLUTION' without")):
            with self.assertRaises(student.RegionError) as cm:
                student.replace_regions(src, STUB)
            self.assertIn(words, str(cm.exception))

    def test_edition_of_cells(self):
        nb = notebook(code("int a = 1;", outputs=[{"output_type": "stream", "name": "stdout", "text": "1\n"}]),
                      code("// BEGIN SOLUTION\nint b = 2;\n// END SOLUTION\nSystem.out.println(b);",
                           {**meta(solution=True, grade_id="x-ex1"), "d2l": {"wrong_solution": "int b = 3;"}},
                           outputs=[{"output_type": "stream", "name": "stdout", "text": "2\n"}]),
                      code("int c = 3;", meta(solution=True, grade_id="x-ex2")),     # no markers: whole cell
                      md("the answer", meta(solution=True, grade=True, points=1, grade_id="x-ex3")),
                      code("Check.that(b == 2, \"b should be 2.\");",
                           meta(grade=True, locked=True, points=1, grade_id="x-ex1-check"),
                           outputs=[{"output_type": "stream", "name": "stdout", "text": "ok\n"}]))
        nb["metadata"]["celltoolbar"] = "Create Assignment"
        before = copy.deepcopy(nb)
        out = student.student_edition(nb)
        self.assertEqual(nb, before, "the instructor notebook must not change")
        cells = out["cells"]
        self.assertEqual(cells[0], nb["cells"][0])
        self.assertEqual(cells[1]["source"], STUB + "\nSystem.out.println(b);")
        self.assertEqual((cells[1]["outputs"], cells[1]["execution_count"]), ([], None))
        self.assertNotIn("d2l", cells[1]["metadata"])
        self.assertEqual(cells[2]["source"], STUB)
        self.assertEqual(cells[3]["source"], "YOUR ANSWER HERE")
        self.assertEqual(cells[4], nb["cells"][4], "check cells stay, outputs included")
        self.assertNotIn("celltoolbar", out["metadata"])

    def test_plant_puts_the_wrong_code_where_the_solution_was(self):
        src = "double f(double x) {\n    // BEGIN SOLUTION\n    return x * x;\n    // END SOLUTION\n}"
        self.assertEqual(student.plant(src, "return 2 * x;\nint unused;"),
                         "double f(double x) {\n    return 2 * x;\n    int unused;\n}")


class ValidationTest(unittest.TestCase):
    def problems(self, *cells, language="java"):
        return student.validate(notebook(*cells, language=language))

    def test_a_valid_notebook(self):
        nb = student.read(FIXTURE)
        self.assertEqual(student.validate(nb), [])

    def test_each_problem_names_the_cell(self):
        sol = "// BEGIN SOLUTION\nint a;\n// END SOLUTION"
        cases = [
            ((code(sol, meta(solution=True, grade_id="x-ex1", schema_version=2)),), "cell 1", "schema_version is 2"),
            ((code(sol, meta(solution=True, grade_id="x-ex1")), code(sol, meta(solution=True, grade_id="x-ex1"))),
             "cell 2", "is used again (first in cell 1)"),
            ((code("Check.that(true, \"s\");", meta(grade=True, locked=True, grade_id="x-c")),), "cell 1",
             "needs points >= 0 (found None)"),
            ((md("text", meta(grade=True, points=1, grade_id="x-ex1")),), "cell 1", "grade and solution both true"),
            ((code(sol),), "cell 1", "has a solution region but no metadata.nbgrader"),
            ((code(sol, meta(grade_id="x-ex1", locked=True)),), "cell 1", "not a solution cell (enforce_metadata)"),
            ((code("int a;", meta(solution=True, grade_id="x-ex1")),), "cell 1", "without solution markers"),
            ((code(sol, meta(solution=True, grade_id="x ex1")),), "cell 1", "only letters, digits"),
            ((code(sol, meta(solution=True, grade_id="x-ex1", wrong="y")),), "cell 1", "unknown nbgrader key(s) wrong"),
            ((code("// BEGIN SOLUTION\nint a;", meta(solution=True, grade_id="x-ex1")),), "cell 1", "without a matching"),
        ]
        for cells, where, words in cases:
            found = self.problems(*cells)
            self.assertTrue(any(f"cell {c}" == where and words in p for c, p in found), (words, found))
        found = self.problems(code("int a;"), language="scala")
        self.assertIn("kernelspec.language is 'scala'", found[0][1])


class StudentCommandTest(unittest.TestCase):
    def test_writes_the_edition_and_stops_on_bad_metadata(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = run([sys.executable, os.path.join(TOOLS, "student.py"), FIXTURE, "--out", tmp])
            self.assertEqual(proc.returncode, 0, proc.stdout)
            self.assertIn("3 solution cell(s) replaced by stubs", proc.stdout)
            out = student.read(os.path.join(tmp, "exercises.ipynb"))
            self.assertEqual(gradetest.leaks(student.read(FIXTURE), out), [])
            import nbformat
            nbformat.validate(nbformat.reads(json.dumps(out), as_version=4))   # a valid notebook file

            bad = student.read(FIXTURE)
            bad["cells"][7]["metadata"]["nbgrader"]["grade_id"] = "exercises-ex1"   # duplicate
            path = os.path.join(tmp, "bad.ipynb")
            student.write(bad, path)
            proc = run([sys.executable, os.path.join(TOOLS, "student.py"), path, "--out", os.path.join(tmp, "o")])
            self.assertEqual(proc.returncode, 1, proc.stdout)
            self.assertIn("bad.ipynb: cell 8: grade_id 'exercises-ex1' is used again (first in cell 5)", proc.stdout)
            self.assertFalse(os.path.exists(os.path.join(tmp, "o")), "nothing is written when a notebook is bad")

    def test_default_is_every_language_of_the_manifest_offline(self):
        m = nbrun.MANIFEST
        with tempfile.TemporaryDirectory() as tmp:
            proc = run([os.path.join(REPO, "d2l"), "student", "--out", tmp])
            self.assertEqual(proc.returncode, 0, proc.stdout)
            for lang in m.languages:
                for s in m.sections:
                    if os.path.isfile(m.path_of(s["name"], lang)):
                        self.assertTrue(os.path.isfile(os.path.join(tmp, lang, m.chapter, s["name"] + ".ipynb")))
            self.assertTrue(os.path.isfile(os.path.join(tmp, "README.md")))
            proc = run([os.path.join(REPO, "d2l"), "student", "--lang", "fr", "--out", tmp])
            self.assertNotEqual(proc.returncode, 0)
            self.assertIn("the manifest's languages are", proc.stdout)


class NbgraderConfigTest(unittest.TestCase):
    """nbgrader_config.py (nbgrader itself is not installable here): its settings are student.py's, and
    with nbgrader's ClearSolutions rules (student.replace_regions, a port of them) plus the preprocessor it
    puts in place of ClearOutput, it gives the edition ./d2l student writes."""

    def load(self, fake_nbgrader=False):
        import types
        from traitlets import HasTraits, List
        from traitlets.config import Config
        saved = {k: sys.modules.get(k) for k in ("nbgrader", "nbgrader.converters", "nbgrader.preprocessors")}
        if fake_nbgrader:
            class ClearOutput: pass
            class Other: pass
            class GenerateAssignment(HasTraits):
                preprocessors = List([Other, ClearOutput, Other])
            sys.modules["nbgrader"] = types.ModuleType("nbgrader")
            sys.modules["nbgrader.converters"] = types.SimpleNamespace(GenerateAssignment=GenerateAssignment)
            sys.modules["nbgrader.preprocessors"] = types.SimpleNamespace(ClearOutput=ClearOutput)
        config = Config()
        ns = {"c": config, "get_config": lambda: config, "__file__": os.path.join(REPO, "nbgrader_config.py")}
        try:
            with open(os.path.join(REPO, "nbgrader_config.py"), encoding="utf-8") as f:
                exec(compile(f.read(), "nbgrader_config.py", "exec"), ns)
        finally:
            for k, v in saved.items():
                if v is None:
                    sys.modules.pop(k, None)
                else:
                    sys.modules[k] = v
        return config, ns

    def test_settings_match_the_tool(self):
        config, _ = self.load()
        cs = config.ClearSolutions
        self.assertEqual(cs.code_stub, student.CODE_STUB)
        self.assertEqual((cs.text_stub, cs.begin_solution_delimeter, cs.end_solution_delimeter, cs.enforce_metadata),
                         (student.TEXT_STUB, student.BEGIN, student.END, True))
        self.assertEqual(config.CourseDirectory.source_directory, os.path.join("notebooks", "en"))

    def test_the_output_preprocessor_replaces_clear_output(self):
        config, ns = self.load(fake_nbgrader=True)
        names = [p.__name__ for p in config.GenerateAssignment.preprocessors]
        self.assertEqual(names, ["Other", "D2lClearSolutionOutputs", "Other"])

    def test_same_edition_as_the_tool(self):
        import nbformat
        _, ns = self.load()
        nb = nbformat.read(FIXTURE, as_version=4)
        for cell in nb.cells:   # nbgrader's ClearSolutions, as ported in student.py
            stub = student.CODE_STUB["java"] if cell.cell_type == "code" else student.TEXT_STUB
            new, replaced = student.replace_regions(cell.source, stub)
            cell.source = new if replaced or not student.is_solution(cell) else stub
        pp = ns["D2lClearSolutionOutputs"]()
        self.assertTrue(pp.enabled)
        nb, _ = pp(nb, {})
        ours = nbformat.reads(json.dumps(student.student_edition(student.read(FIXTURE))), as_version=4)
        self.assertEqual(nb, ours)


class NbsyncMetadataTest(unittest.TestCase):
    def test_exercise_metadata_is_copied_to_every_language(self):
        import pathlib
        import nbformat
        import nbsync
        from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            for lang in ("en", "zh", "ja"):
                cells = [new_markdown_cell(f"answer in {lang}"), new_code_cell("int a;")]
                if lang == "en":
                    cells[0].metadata["nbgrader"] = meta(solution=True, grade=True, points=1, grade_id="x-ex1")["nbgrader"]
                    cells[1].metadata["d2l"] = {"wrong_solution": "int b;"}
                else:
                    cells[1].metadata["nbgrader"] = {"stale": True}
                (root / lang / "c").mkdir(parents=True)
                nbformat.write(new_notebook(cells=cells), root / lang / "c" / "x.ipynb")
            self.assertEqual(nbsync.sync_code(root), 0)
            for lang in ("zh", "ja"):
                nb = nbformat.read(root / lang / "c" / "x.ipynb", as_version=4)
                self.assertEqual(nb.cells[0].source, f"answer in {lang}", "translations stay")
                self.assertEqual(nb.cells[0].metadata["nbgrader"]["grade_id"], "x-ex1")
                self.assertEqual(dict(nb.cells[1].metadata), {"d2l": {"wrong_solution": "int b;"}})


class GradeStaticTest(unittest.TestCase):
    def test_surviving_solution_lines_are_found(self):
        nb = student.read(FIXTURE)
        edition = student.student_edition(nb)
        self.assertEqual(gradetest.leaks(nb, edition), [])
        self.assertIn("double mean = Arrays.stream(xs).average().orElseThrow();", gradetest.secret_lines(nb))
        self.assertNotIn("}", gradetest.secret_lines(nb))
        edition["cells"][11]["outputs"][0]["text"] = ["    return x * x;\n"]
        edition["cells"][6]["metadata"]["d2l"] = {"wrong_solution": "return 2 * x;"}
        self.assertEqual(gradetest.leaks(nb, edition), [(7, "metadata.d2l.wrong_solution"), (12, "return x * x;")])

    def test_conventions(self):
        nb = student.read(FIXTURE)
        self.assertEqual(gradetest.check_conventions(nb, "exercises", "en"), [])
        bad = copy.deepcopy(nb)
        bad["cells"][3]["source"] = "Compute the mean."                               # no prompt heading
        bad["cells"][5]["source"] = "assert mean == 2.5;"                             # no d2l.Check
        bad["cells"][8]["metadata"]["nbgrader"]["grade_id"] = "exercises-ex2-test"    # wrong check id
        found = gradetest.check_conventions(bad, "exercises", "en")
        self.assertEqual([c for c, _ in found], [5, 6, 9])
        self.assertIn("no prompt '### Exercise 1'", found[0][1])
        self.assertIn("should call Check.that", found[1][1])
        self.assertIn("should be 'exercises-ex2-check'", found[2][1])
        self.assertIn("no prompt '### 练习 1'", gradetest.check_conventions(bad, "exercises", "zh")[0][1])
        del bad["cells"][7]["metadata"]["d2l"]                                         # nothing to plant
        self.assertIn("exercises-ex2 has a check but no metadata.d2l.wrong_solution",
                      dict(gradetest.check_conventions(bad, "exercises", "en"))[8])


class GradeWithKernelTest(unittest.TestCase):
    """gradetest.py and the student edition on the real kernel (installed by ./d2l test first)."""

    def test_fixture_passes_with_stubs_wrong_answers_and_solutions(self):
        proc = run([sys.executable, os.path.join(TOOLS, "gradetest.py"), FIXTURE], timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout)
        self.assertIn('"The mean of xs should be 2.5 ± 1e-09, but it is 1."', proc.stdout)
        self.assertIn('"square(3) should be 9, but it is 6.0."', proc.stdout)
        self.assertIn("fails in cell 5", proc.stdout)     # the stub line itself
        self.assertIn("fails in cell 9", proc.stdout)     # the check that calls the stubbed method

    def test_student_edition_runs_until_the_first_stub(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "exercises.ipynb")
            student.write(student.student_edition(student.read(FIXTURE)), path)
            proc = run([sys.executable, os.path.join(TOOLS, "nbtest.py"), path, "--out-dir", os.path.join(tmp, "x"),
                        "--no-html"], timeout=300)
            self.assertEqual(proc.returncode, 1, proc.stdout)
            # The kernel names the learner's exception by its simple name, then the cell line.
            self.assertIn("cell 5 (In [3]): RuntimeException: write your solution here", proc.stdout)

    def test_bad_exercises_fail_with_reasons(self):
        nb = student.read(FIXTURE)
        nb["cells"][4]["metadata"]["d2l"] = {"wrong_solution": "double mean = xs[;"}          # incomplete source
        nb["cells"][8]["source"] = "Check.that(true, \"square is not called\");"              # stub never called,
        nb["cells"][7]["metadata"]["d2l"] = {"wrong_solution": "return 2 * x;"}                # so this passes
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "exercises.ipynb")
            student.write(nb, path)
            proc = run([sys.executable, os.path.join(TOOLS, "gradetest.py"), path, "--log-dir", tmp], timeout=300)
        self.assertEqual(proc.returncode, 1, proc.stdout)
        self.assertIn("exercises-ex1: the planted wrong solution should fail a check with d2l.Check's AssertionError, "
                      "but cell 5 failed with IncompleteCode: the cell ends inside an unfinished statement", proc.stdout)
        self.assertIn("exercises-ex2: the student edition should fail with 'write your solution here', but the cell "
                      "and its checks ran without error", proc.stdout)
        self.assertIn("exercises-ex2: the planted wrong solution 'return 2 * x;' passes every check", proc.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
