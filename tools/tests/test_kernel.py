#!/usr/bin/env python3
"""The d2l-java kernel against Jupyter's protocol: jupyter_kernel_test's suite (Debian package
python3-jupyter-kernel-test) with our samples, plus what a learner relies on: Stop (20 tries, each
cell ended within 2 s, variables kept, one line of output), short errors naming the cell line,
Shift+Tab showing Javadoc, and a kernel log that never shows the connection key.

Needs the kernelspec installed (./d2l test does it; set JUPYTER_PATH for a prefix install).
Run: /usr/bin/python3 tools/tests/test_kernel.py [-v] [TestClass.test_name]
"""
import os
import re
import sys
import tempfile
import time
import unittest
from queue import Empty

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

KERNEL = os.environ.get("D2L_KERNEL_NAME", "d2l-java")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
STOP_LIMIT = 2.0          # seconds from Stop to the cell's reply
STOP_TRIES = 20

# The notebooks' first cell, and a synthetic data set (no file needed): y = x1 - 2 x2 + noise.
SETUP = """
import d2l.*;
import d2l.data.*;
import d2l.model.*;
import d2l.optim.*;
import d2l.plot.*;
import d2l.train.*;
import static d2l.Ch11.*;
import java.util.*;
import org.ejml.data.DMatrixRMaj;
var rng = new Random(0);
var X = new DMatrixRMaj(1500, 5);
var Y = new DMatrixRMaj(1500, 1);
for (int i = 0; i < X.data.length; i++) X.data[i] = rng.nextGaussian();
for (int i = 0; i < 1500; i++) Y.data[i] = X.data[5 * i] - 2 * X.data[5 * i + 1] + 0.1 * rng.nextGaussian();
var data = new DataIter(X, Y, 10);
long n = 0;
"""


def plain(lines):
    return ANSI.sub("", "\n".join(lines))


class Session:
    """Helpers over a running kernel: run a cell and collect what it sent."""

    def __init__(self, km, kc):
        self.km, self.kc = km, kc

    def reply(self, timeout):
        while True:
            msg = self.kc.get_shell_msg(timeout=timeout)
            if msg["header"]["msg_type"] != "kernel_info_reply":
                return msg

    def outputs(self, msg_id, timeout=10):
        """The cell's IOPub messages up to its idle status (status and execute_input left out)."""
        out = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            except Empty:
                break
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    return out
                continue
            if msg["msg_type"] != "execute_input":
                out.append(msg)
        raise AssertionError(f"no idle status for {msg_id} within {timeout} s; got {out}")

    def run(self, code, timeout=60):
        msg_id = self.kc.execute(code)
        reply = self.reply(timeout)
        assert reply["parent_header"]["msg_id"] == msg_id, "reply to another request"
        return reply, self.outputs(msg_id)

    def value(self, code):
        reply, out = self.run(code)
        assert reply["content"]["status"] == "ok", (code, out)
        results = [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"]
        assert results, f"{code!r} gave no result: {out}"
        return results[-1]

    def error(self, code):
        reply, out = self.run(code)
        assert reply["content"]["status"] == "error", (code, reply["content"])
        errors = [m["content"] for m in out if m["msg_type"] == "error"]
        assert len(errors) == 1, out
        return errors[0]

    def stop_running(self, code):
        """Runs code, presses Stop once it runs, returns (seconds from Stop to reply, reply, outputs)."""
        msg_id = self.kc.execute('System.out.println("started");\n' + code)
        out = []
        deadline = time.time() + 60
        while time.time() < deadline:   # wait for "started": Stop during compilation would prove nothing
            msg = self.kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream" and "started" in msg["content"]["text"]:
                break
        time.sleep(0.4)
        t0 = time.time()
        self.km.interrupt_kernel()
        reply = self.reply(timeout=30)
        seconds = time.time() - t0
        assert reply["parent_header"]["msg_id"] == msg_id
        out += self.outputs(msg_id)
        return seconds, reply, out


class D2lJavaKernelTests(jupyter_kernel_test.KernelTests):
    """jupyter_kernel_test's own tests, fed with our samples."""

    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'
    completion_samples = [
        {"text": "new Ada", "matches": {"Adam(", "AdamW(", "AdaGrad(", "AdaDelta("}},
        {"text": "trainConcise", "matches": {"trainConciseCh11("}},
    ]
    complete_code_samples = ["int k = 1;", "for (int i = 0; i < 3; i++) { k += i; }", "new Adam(0.01)", ""]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "double f(double x) {", "var opt = new Adam("]
    invalid_code_samples = ["int x = ;", "for (;;) }", "}"]
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"d2l" + 2', "result": "d2l2"},
        {"code": "new double[] {1, 2}", "result": "[1.0, 2.0]"},
    ]
    # A figure is a static SVG inside an <img> in text/html (d2l.plot.Jupyter), with a text/plain summary.
    code_display_data = [
        {"code": 'new Plot().series("y", new double[] {1, 4, 9}).show();', "mime": "text/html"},
        {"code": 'new Plot().series("y", new double[] {1, 4, 9}).show();', "mime": "text/plain"},
    ]
    code_inspect_sample = "Adam"
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6*"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply, out = Session(cls.km, cls.kc).run(SETUP)
        assert reply["content"]["status"] == "ok", out

    def test_kernel_info_language(self):
        self.flush_channels()
        self.kc.kernel_info()
        info = self.kc.get_shell_msg(timeout=15)["content"]
        self.assertEqual(info["status"], "ok")
        # A CodeMirror mode name, so cells a learner adds are highlighted.
        self.assertEqual(info["language_info"]["codemirror_mode"], "text/x-java")


class LearnerTests(unittest.TestCase):
    """What a learner sees: Stop, errors, Shift+Tab. One kernel for the class."""

    @classmethod
    def setUpClass(cls):
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
        cls.s = Session(km, kc)
        reply, out = cls.s.run(SETUP)
        assert reply["content"]["status"] == "ok", out

    @classmethod
    def tearDownClass(cls):
        cls.s.kc.stop_channels()
        cls.s.km.shutdown_kernel()

    # -- Stop --------------------------------------------------------------------------------------

    STOP_CELLS = {
        "a loop written in the cell": "while (true) { n++; }",
        "the issue's sweep (cell loop around library training)":
            "for (int e = 0; e < 100000; e++) { quietly(() -> trainConciseCh11(new Adam(0.01), data)); }",
        "one long library training loop": "quietly(() -> trainConciseCh11(new Adam(0.01), data, 1_000_000));",
        "a sleep": "Thread.sleep(600_000);",
        "a JDK loop that checks nothing":
            "java.util.stream.LongStream.iterate(0, i -> i + 1).filter(i -> i < 0).findFirst();",
    }

    def test_stop_20_tries(self):
        kinds = list(self.STOP_CELLS.items())
        times = {name: [] for name, _ in kinds}
        for i in range(STOP_TRIES):
            name, code = kinds[i % len(kinds)]
            with self.subTest(attempt=i + 1, cell=name):
                seconds, reply, out = self.s.stop_running(code)
                times[name].append(seconds)
                self.assertLess(seconds, STOP_LIMIT, f"{name}: the reply came {seconds:.2f} s after Stop")
                self.assertEqual(reply["content"]["status"], "error")
                self.assertEqual(reply["content"]["ename"], "Interrupted")
                errors = [m["content"] for m in out if m["msg_type"] == "error"]
                self.assertEqual(len(errors), 1, out)
                text = plain(errors[0]["traceback"])
                self.assertEqual(len(text.splitlines()), 1, f"Stop should show one line, got:\n{text}")
                self.assertTrue(text.startswith("Interrupted: the cell was stopped"), text)
        worst = ", ".join(f"{name}: max {max(t):.2f} s" for name, t in times.items() if t)
        print(f"\n    Stop: {STOP_TRIES} tries, {worst}", file=sys.stderr)
        # The kernel is still there, with the variables from before.
        self.assertEqual(self.s.value("n > 0"), "true")
        self.assertEqual(self.s.value("data.featureDim()"), "5")
        self.assertEqual(self.s.value("1 + 1"), "2")

    def test_stop_between_cells_does_not_leak_into_the_next(self):
        self.s.km.interrupt_kernel()
        time.sleep(0.5)
        self.assertEqual(self.s.value("long m = 0; for (int i = 0; i < 1000; i++) m += i; m"), "499500")

    # -- errors ------------------------------------------------------------------------------------

    def assertShort(self, err, max_lines):
        text = plain(err["traceback"])
        self.assertLessEqual(len(text.splitlines()), max_lines, f"too long:\n{text}")
        self.assertNotIn("org.rapaio", text)
        self.assertNotIn("jdk.internal", text)
        return text

    def test_library_exception_names_the_cell_line(self):
        err = self.s.error("var a = 1;\nvar opt = new SGD(-0.5);")
        self.assertEqual(err["ename"], "IllegalArgumentException")
        text = self.assertShort(err, 4)
        self.assertIn("-0.5", text.splitlines()[0])
        self.assertIn("cell line 2: var opt = new SGD(-0.5);", text)

    def test_nan_loss(self):
        err = self.s.error("trainConciseCh11(new SGD(1e6), data, 3);")
        self.assertEqual(err["ename"], "TrainingDivergedException")
        text = self.assertShort(err, 4)
        self.assertIn("smaller learning rate", text)
        self.assertIn("cell line 1", text)

    def test_missing_data_says_where_and_to_restart(self):
        empty = tempfile.mkdtemp(prefix="d2l-nodata-")
        err = self.s.error(
            f'System.setProperty("d2l.dataDir", "{empty}");\n'
            'System.setProperty("d2l.offline", "true");\n'
            'try {\n'
            '    getDataCh11();\n'
            '} finally {\n'
            '    System.clearProperty("d2l.dataDir");\n'
            '    System.clearProperty("d2l.offline");\n'
            '}')
        self.assertEqual(err["ename"], "DataUnavailableException")
        text = self.assertShort(err, 9)
        self.assertIn(empty, text)
        self.assertIn("restart", text)
        self.assertIn("cell line 4: getDataCh11();", text)

    def test_compile_error_points_at_the_learners_line(self):
        err = self.s.error("double lr = 0.1;\nvar opt = new Adam(lrr);")
        self.assertEqual(err["ename"], "CompileError")
        text = self.assertShort(err, 5)
        lines = text.splitlines()
        self.assertIn("cell line 2: cannot find symbol", lines[0])
        self.assertIn("var opt = new Adam(lrr);", text)
        code = next(line for line in lines if "new Adam(lrr)" in line)
        carets = lines[lines.index(code) + 1]
        self.assertEqual(carets.index("^"), code.index("lrr"), f"the carets should sit under lrr:\n{text}")

    def test_error_in_a_method_from_an_earlier_cell(self):
        self.s.run("double half(double[] v, int i) {\n    return v[i] / 2;\n}")
        err = self.s.error("half(new double[2], 5)")
        text = self.assertShort(err, 4)
        self.assertIn("in half (an earlier cell), its line 2: return v[i] / 2;", text)
        self.assertIn("cell line 1: half(new double[2], 5)", text)

    # -- Shift+Tab ---------------------------------------------------------------------------------

    def inspect(self, code):
        self.s.kc.inspect(code, len(code))
        reply = self.s.reply(timeout=30)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertTrue(reply["content"]["found"], f"nothing found for {code!r}")
        return reply["content"]["data"]

    def test_inspect_library_class_shows_the_formula(self):
        data = self.inspect("Adam")
        self.assertIn("d2l.optim.Adam", data["text/plain"])
        self.assertIn("v ← β1 v + (1 − β1) g", data["text/plain"])
        self.assertIn("<pre>", data["text/html"])

    def test_inspect_library_method(self):
        data = self.inspect("new Adam(0.01).betas(")
        self.assertIn("betas(double beta1, double beta2)", data["text/plain"])
        self.assertIn("β1 and β2", data["text/plain"])
        data = self.inspect("trainConciseCh11(")
        self.assertIn("Trains", data["text/plain"])

    def test_inspect_jdk_class_when_its_sources_are_installed(self):
        has_src = self.s.value('java.nio.file.Files.isReadable(java.nio.file.Path.of('
                               'System.getProperty("java.home"), "lib", "src.zip"))')
        if has_src != "true":
            self.skipTest("the JDK has no lib/src.zip (Debian: apt-get install openjdk-17-source)")
        data = self.inspect("String.format(")
        self.assertIn("format string", data["text/plain"])


class KernelLogTests(unittest.TestCase):
    """The kernel's own output goes to the terminal that runs Jupyter: warnings only, never the key."""

    def test_log_is_quiet_and_never_shows_the_key(self):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120, stdout=out, stderr=err)
            try:
                s = Session(km, kc)
                self.assertEqual(s.value("6 * 7"), "42")
                key = km.session.key.decode()
            finally:
                kc.stop_channels()
                km.shutdown_kernel()
            out.seek(0)
            err.seek(0)
            log = out.read().decode(errors="replace") + err.read().decode(errors="replace")
        self.assertTrue(key)
        self.assertNotIn(key, log)
        self.assertNotIn("INFO", log)
        self.assertNotIn("Add ", log)   # the kernel used to print every class path entry
        # The one line allowed: the JVM's own note that the vector API is an incubator module.
        rest = [line for line in log.splitlines()
                if line.strip() and "Using incubator modules: jdk.incubator.vector" not in line]
        self.assertEqual(rest, [], f"the kernel printed:\n{log}")


if __name__ == "__main__":
    from jupyter_client.kernelspec import KernelSpecManager
    print(f"kernelspec {KERNEL}: {KernelSpecManager().get_kernel_spec(KERNEL).resource_dir}", file=sys.stderr)
    unittest.main()
