"""Tests of the notebook tooling: the checks on synthetic results, the translation check on
temporary folders, the chapter manifest and the README's links, the kernelspec installer, and the
checker run on fixture notebooks with the real d2l-java kernel (installed by ./d2l test before these
run). Running this file also runs test_exercises.py (student edition and exercise tests)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)
REPO = os.path.dirname(TOOLS)
FIXTURES = os.path.join(HERE, "fixtures")
sys.path.insert(0, TOOLS)
import manifest  # noqa: E402
import nbrun  # noqa: E402
import nbtest  # noqa: E402
import readme_links  # noqa: E402


def result(**kw):
    r = nbrun.Result(path="x.ipynb", name="x.ipynb", lang="en", status="ok")
    for k, v in kw.items():
        setattr(r, k, v)
    return r


class LossBandTest(unittest.TestCase):
    def test_default_band_is_the_airfoil_one(self):
        self.assertEqual(nbtest.check_result(result(loss_lines=[(3, "loss: 0.243, 0.051 sec/epoch")])), [])
        problems = nbtest.check_result(result(loss_lines=[(3, "loss: 0.251, 0.051 sec/epoch")]))
        self.assertEqual(len(problems), 1)
        self.assertIn("cell 3: loss 0.251 outside the band [0.238, 0.25]", problems[0])

    def test_declared_band_and_band_per_line(self):
        ok = result(metadata={"loss_band": [0.3, 0.4]}, loss_lines=[(2, "loss: 0.35, 1.0 sec/epoch")])
        self.assertEqual(nbtest.check_result(ok), [])
        per_line = result(metadata={"loss_band": [[0.2, 0.3], [0.4, 0.5]]},
                          loss_lines=[(2, "loss: 0.25, 1 sec/epoch"), (5, "loss: 0.25, 1 sec/epoch")])
        problems = nbtest.check_result(per_line)
        self.assertEqual(len(problems), 1)
        self.assertIn("cell 5: loss 0.25 outside the band [0.4, 0.5]", problems[0])

    def test_bad_declarations_and_missing_or_unreadable_losses(self):
        self.assertIn("no 'loss: X, Y sec/epoch' line",
                      nbtest.check_result(result(metadata={"loss_band": [0.2, 0.3]}))[0])
        self.assertIn("is not [low, high]",
                      nbtest.check_result(result(metadata={"loss_band": [0.3, 0.2]},
                                                 loss_lines=[(1, "loss: 0.25, 1 sec/epoch")]))[0])
        self.assertIn("lists 2 bands but the notebook printed 1",
                      nbtest.check_result(result(metadata={"loss_band": [[0, 1], [0, 1]]},
                                                 loss_lines=[(1, "loss: 0.25, 1 sec/epoch")]))[0])
        self.assertIn("cannot read", nbtest.check_result(result(loss_lines=[(4, "loss: nan, 0.1 sec/epoch")]))[0])


class OutputChecksTest(unittest.TestCase):
    def test_accuracy_bands_of_trainch6_lines(self):
        printed = ("loss 0.512, train acc 0.810, test acc 0.795\n1.0 examples/sec\n"
                   "loss 0.401, train acc 0.850, test acc 0.832\n")
        self.assertEqual([], nbtest.check_result(result(metadata={"acc_band": [0.7, 0.9]}, printed=printed)))
        self.assertEqual([], nbtest.check_result(result(metadata={"acc_band": [[0.79, 0.8], [0.83, 0.84]]},
                                                        printed=printed)))
        self.assertIn("accuracy line 2: test acc 0.832 outside the band [0.7, 0.8]",
                      nbtest.check_result(result(metadata={"acc_band": [0.7, 0.8]}, printed=printed))[0])
        self.assertIn("lists 1 bands but the notebook printed 2",
                      nbtest.check_result(result(metadata={"acc_band": [[0.7, 0.8]]}, printed=printed))[0])
        self.assertIn("no 'train acc X, test acc Y' line was printed",
                      nbtest.check_result(result(metadata={"acc_band": [0.7, 0.8]}, printed="nothing"))[0])
        self.assertEqual([], nbtest.check_result(result(printed=printed)), "no band declared: no check")

    def test_every_display_needs_a_static_image(self):
        displays = [(2, "display_data", ["image/svg+xml", "text/html"]),
                    (2, "update_display_data", ["image/png"]),
                    (3, "update_display_data", ["text/html"])]
        problems = nbtest.check_result(result(displays=displays))
        self.assertEqual(len(problems), 1)
        self.assertIn("cell 3: update_display_data without a static image (has text/html)", problems[0])

    def test_img_in_html_counts_as_static_and_a_figure_is_stored_once(self):
        self.assertEqual(nbrun.mime_kinds({"text/html": '<img src="data:image/svg+xml;base64,PHN2Zz4=" width="350">',
                                           "text/plain": "Figure[...]"}),
                         ["text/html", "text/plain", "text/html+img"])
        self.assertEqual(nbtest.check_result(result(displays=[(2, "display_data", ["text/html", "text/html+img"])])), [])
        twice = nbtest.check_result(result(displays=[(4, "display_data", ["image/svg+xml", "text/html", "text/html+svg"])]))
        self.assertEqual(len(twice), 1, twice)
        self.assertIn("cell 4: display_data stores its figure twice", twice[0])

    def test_stderr_fails_unless_allowed(self):
        self.assertIn("cell 2 wrote to stderr: SLF4J warning",
                      nbtest.check_result(result(stderr=[(2, "SLF4J warning\nmore")]))[0])
        self.assertEqual(nbtest.check_result(result(stderr=[(2, "x")], metadata={"allow_stderr": True})), [])

    def test_quoted_numbers_must_be_printed(self):
        r = result(quoted=[(3, "0.242"), (5, "0.250"), (7, "0.24")], printed="loss: 0.242, 0.001 sec/epoch\n")
        problems = nbtest.check_result(r)
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("cell 5: the text quotes 0.250, which no cell printed", problems[0])
        self.assertIn("cell 7: the text quotes 0.24,", problems[1])  # a prefix of 0.242 does not count
        r.metadata = {"unprinted_numbers": ["0.250", "0.24"]}
        self.assertEqual(nbtest.check_result(r), [])

    def test_quoted_numbers_skip_math(self):
        nb = new_notebook(cells=[new_markdown_cell("beta $0.999$ and $$x = 0.123$$ but 0.25 here and 1.5 not; ends 0.249.")])
        r = nbrun.Result(path="x.ipynb", name="x", lang="en")
        nbrun.collect_outputs(nb, r)
        self.assertEqual(r.quoted, [(1, "0.25"), (1, "0.249")])

    def test_wrong_kernel_and_errors(self):
        self.assertIn("kernelspec is 'java'", nbtest.check_result(result(kernel_name="java"))[0])
        err = nbrun.CellError(4, 3, "EvalException", "boom", "java.lang.IllegalStateException: boom\n   at .(#5:1)")
        problems = nbtest.check_result(result(status="error", error=err))
        self.assertTrue(problems[0].startswith("cell 4 (In [3]): java.lang.IllegalStateException: boom"), problems)


class TranslationTest(unittest.TestCase):
    def write(self, root, lang, cells):
        nb = new_notebook(cells=[new_markdown_cell(f"text in {lang}")] + [new_code_cell(c) for c in cells])
        path = os.path.join(root, lang, "chapter_optimization", "adam.ipynb")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        nbformat.write(nb, path)

    def test_code_cells_must_match_and_every_language_must_exist(self):
        with tempfile.TemporaryDirectory() as root:
            for lang in ("en", "zh", "ja"):
                self.write(root, lang, ["int a = 1;", "a + 1"])
            self.assertEqual(nbtest.check_translations(root), [("chapter_optimization/adam.ipynb", [])])
            self.write(root, "zh", ["int a = 1;", "a + 2"])
            os.remove(os.path.join(root, "ja", "chapter_optimization", "adam.ipynb"))
            [(rel, problems)] = nbtest.check_translations(root)
            self.assertEqual(problems, ["missing ja/chapter_optimization/adam.ipynb",
                                        "zh/chapter_optimization/adam.ipynb: code cell 2 differs from en"])


def manifest_data(**over):
    data = {"chapter": "chapter_optimization", "kernel": {"name": "d2l-java", "display_name": "Java (d2l)"},
            "languages": ["en", "zh"], "defaults": {"loss_band": [0.238, 0.25], "timeout": 120},
            "binder": {"repository": "o/r", "ref": "HEAD", "section": "adam", "student_folder": "student"},
            "browser_check": {"section": "adam"},
            "sections": [{"name": "gd", "exists": False}, {"name": "adam", "exists": True, "timeout": 60}]}
    data.update(over)
    return data


class ManifestTest(unittest.TestCase):
    def test_the_repository_manifest_is_valid_and_drives_the_tools(self):
        m = manifest.load()
        self.assertEqual(nbrun.DEFAULT_KERNEL, m.kernel_name)
        self.assertEqual(nbtest.LANGUAGES, tuple(m.languages))
        self.assertTrue(all(os.path.isfile(m.path_of(s["name"], lang))
                            for s in m.sections if s["exists"] for lang in m.languages))
        out = subprocess.run([sys.executable, os.path.join(TOOLS, "manifest.py"), "notebook", "binder"],
                             stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        self.assertEqual(out, m.relpath(m.role_section("binder")))

    def test_bad_manifests_name_the_field(self):
        bad = [(dict(languages=["en", "en"]), "languages must be distinct"),
               (dict(sections=[{"name": "adam", "exists": True}, {"name": "adam", "exists": True}]), "listed twice"),
               (dict(sections=[{"name": "adam", "exists": "yes"}]), "'exists' must be true or false"),
               (dict(sections=[{"name": "adam", "exists": True, "loss_band": [0.3, 0.2]}]), "loss_band is [0.3, 0.2]"),
               (dict(sections=[{"name": "adam", "exists": True, "timeout": 0}]), "timeout is 0"),
               (dict(binder={"repository": "o/r", "ref": "HEAD", "section": "gd", "student_folder": "s"}),
                "binder.section 'gd' has \"exists\": false")]
        for over, words in bad:
            with self.assertRaises(manifest.ManifestError) as cm:
                manifest.Manifest(manifest_data(**over))
            self.assertIn(words, str(cm.exception))

    def test_settings_lookup_and_plan(self):
        with tempfile.TemporaryDirectory() as repo:
            m = manifest.Manifest(manifest_data(), path=os.path.join(repo, "notebooks", "manifest.json"), repo=repo)
            self.assertEqual(m.settings("adam"), {"loss_band": [0.238, 0.25], "timeout": 60})
            self.assertEqual(m.declared("gd"), {})
            self.assertEqual(m.relpath("gd", "zh"), "notebooks/zh/chapter_optimization/gd.ipynb")

            def touch(rel):
                path = os.path.join(repo, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                nbformat.write(new_notebook(), path)
            touch("notebooks/en/chapter_optimization/adam.ipynb")
            paths, problems, notes = nbtest.manifest_plan(m)
            self.assertEqual([os.path.relpath(p, repo) for p in paths], ["notebooks/en/chapter_optimization/adam.ipynb"])
            self.assertEqual(problems, ["notebooks/zh/chapter_optimization/adam.ipynb is missing, but section 'adam' "
                                        "has \"exists\": true in notebooks/manifest.json"])
            touch("notebooks/zh/chapter_optimization/adam.ipynb")
            touch("notebooks/en/chapter_optimization/gd.ipynb")          # written, not yet flipped: tested, no failure
            touch("notebooks/en/chapter_optimization/newton.ipynb")      # not a section: fails
            paths, problems, notes = nbtest.manifest_plan(m)
            self.assertEqual(len(paths), 3)
            self.assertEqual(len(problems), 1, problems)
            self.assertIn("notebooks/en/chapter_optimization/newton.ipynb is not a section", problems[0])
            self.assertIn("section 'gd' has notebooks but \"exists\": false", notes[0])
            self.assertEqual(m.lookup(os.path.join(repo, "notebooks/zh/chapter_optimization/adam.ipynb"))[1], "zh")
            self.assertEqual(m.lookup(os.path.join(repo, "notebooks/fr/chapter_optimization/adam.ipynb")), (None, None))

    def test_manifest_settings_win_and_must_agree_with_the_notebook(self):
        declared = nbtest.MANIFEST.declared("adam")["loss_band"]  # the real manifest's band(s) for adam
        lines = len(declared) if declared and isinstance(declared[0], list) else 1
        r = result(section="adam", notebook_metadata={"loss_band": [0.2, 0.3]}, metadata={"loss_band": declared},
                   loss_lines=[(2, "loss: 0.243, 1 sec/epoch")] * lines)
        problems = nbtest.check_result(r)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn(f"metadata.d2l.loss_band is [0.2, 0.3] but notebooks/manifest.json sets {declared!r}", problems[0])


class ReadmeLinksTest(unittest.TestCase):
    def test_readme_links_match_the_manifest(self):
        proc = subprocess.run([sys.executable, os.path.join(TOOLS, "readme_links.py")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout)

    def test_links_follow_the_manifest(self):
        m = manifest.Manifest(manifest_data(sections=[{"name": "gd", "exists": True}, {"name": "adam", "exists": True}],
                                            binder={"repository": "o/r", "ref": "main", "section": "gd",
                                                    "student_folder": "class"}))
        text = ("x\n<!-- BEGIN generated:binder -->\nold\n<!-- END generated:binder -->\n"
                "<!-- BEGIN generated:sections -->\n<!-- END generated:sections -->\n")
        out = readme_links.render(text, m)
        self.assertIn("https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/notebooks/zh/chapter_optimization/gd.ipynb", out)
        self.assertIn("urlpath=lab/tree/class/en/chapter_optimization/gd.ipynb", out)
        self.assertIn("| adam |", out)
        self.assertNotIn("old", out)


class KernelspecTest(unittest.TestCase):
    def test_install_is_self_contained_and_idempotent(self):
        with tempfile.TemporaryDirectory() as prefix:
            cmd = [sys.executable, os.path.join(TOOLS, "install_kernel.py"), "--prefix", prefix, "--quiet"]
            subprocess.run(cmd, check=True)
            kdir = os.path.join(prefix, "share", "jupyter", "kernels", "d2l-java")
            stale = os.path.join(kdir, "lib", "stale-old-build.jar")
            open(stale, "w").close()
            subprocess.run(cmd, check=True)   # again: replaces the folder
            self.assertFalse(os.path.exists(stale), "reinstall must drop jars of an older build")
            with open(os.path.join(kdir, "kernel.json"), encoding="utf-8") as f:
                spec = json.load(f)
            self.assertEqual((spec["display_name"], spec["language"], spec["interrupt_mode"]),
                             ("Java (d2l)", "java", "message"))
            self.assertIn("-Djava.awt.headless=true", spec["argv"])
            # Class path: our LoopThread fix first, then the kernel jar, both inside the kernelspec.
            cp = spec["argv"][spec["argv"].index("-cp") + 1].split(os.pathsep)
            self.assertEqual(len(cp), 2, cp)
            self.assertTrue(os.path.basename(cp[0]).startswith("d2l-kernel-"), cp)
            self.assertTrue(os.path.basename(cp[1]).startswith("rapaio-jupyter-kernel-"), cp)
            for jar in cp:
                self.assertTrue(os.path.isfile(jar) and jar.startswith(kdir), jar)
            self.assertEqual(spec["argv"][spec["argv"].index("-cp") + 2], "org.rapaio.jupyter.kernel.MainApp")
            self.assertEqual(spec["env"]["RJK_CLASSPATH"], os.path.join(kdir, "lib", "*.jar"))
            self.assertEqual(spec["env"]["RJK_TIMEOUT_MILLIS"], "-1")
            libs = os.listdir(os.path.join(kdir, "lib"))
            self.assertTrue(any(n.startswith("d2l-lib-") for n in libs), libs)
            self.assertTrue(any(n.startswith("ejml-ddense-") for n in libs), libs)


class FixturesWithKernelTest(unittest.TestCase):
    """The checker, run as ./d2l test runs it, on notebooks with known outcomes."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check(self, name):
        out = os.path.join(self.tmp.name, "out")
        proc = subprocess.run([sys.executable, os.path.join(TOOLS, "nbtest.py"), os.path.join(FIXTURES, name),
                               "--out-dir", out, "--html-dir", os.path.join(self.tmp.name, "html")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        executed = os.path.join(out, "tools", "tests", "fixtures", name)
        return proc.returncode, proc.stdout, executed

    def test_library_loads_without_magics(self):
        nb = nbformat.read(os.path.join(FIXTURES, "library_smoke.ipynb"), as_version=4)
        self.assertFalse([c for c in nb.cells if c.cell_type == "code" and c.source.lstrip().startswith("%")])
        code, out, executed = self.check("library_smoke.ipynb")
        self.assertEqual(code, 0, out)
        self.assertTrue(out.rstrip().endswith("1 passed, 0 failed"), out)
        printed = "".join(o.get("text", "") for c in nbformat.read(executed, as_version=4).cells
                          for o in c.get("outputs", []))
        self.assertIn("d2l.Parameter 2x3, size 6, sum 4.5", printed)

    def test_broken_notebook_fails_with_cell_and_error(self):
        code, out, _ = self.check("broken.ipynb")
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL " + os.path.join(FIXTURES, "broken.ipynb"), out)
        # The kernel names the learner's exception (simple name) and the cell line.
        self.assertIn("cell 3 (In [2]): IllegalStateException: deliberately broken fixture", out)
        self.assertIn('cell line 3: throw new IllegalStateException("deliberately broken fixture");', out)
        self.assertTrue(out.rstrip().endswith("0 passed, 1 failed"), out)

    def test_output_checks_on_real_kernel_messages(self):
        code, out, _ = self.check("checks_pass.ipynb")
        self.assertEqual(code, 0, out)
        code, out, _ = self.check("checks_fail.ipynb")
        self.assertEqual(code, 1, out)
        self.assertIn("cell 3: update_display_data without a static image (has text/html)", out)
        self.assertIn("cell 4: loss 0.3 outside the band [0.238, 0.25]", out)
        self.assertIn("cell 5 wrote to stderr: a warning nobody should see", out)




def main():
    import test_exercises  # the exercise tooling (student.py, gradetest.py), beside this file
    suite = unittest.TestSuite([unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__]),
                                unittest.defaultTestLoader.loadTestsFromModule(test_exercises)])
    res = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(res.failures) + len(res.errors)
    print(f"\n{res.testsRun - failed - len(res.skipped)} passed, {failed} failed"
          + (f", {len(res.skipped)} skipped" if res.skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
