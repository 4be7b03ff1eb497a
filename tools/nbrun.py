#!/usr/bin/env python3
"""Execute notebooks headlessly with their real kernel (nbclient) and report what they printed.

For each notebook: run all cells top to bottom within a time limit, write the executed copy to
``build/notebooks/...`` and an HTML page to ``build/html/...`` (nbconvert), and collect the
``loss: X, Y sec/epoch`` lines, the display messages (to check for static images) and any error.
``tools/nbtest.py`` applies the checks; ``./d2l run`` prints the table below.
"""
import argparse
import atexit
import dataclasses
import os
import re
import subprocess
import sys
import time
from typing import List, Optional, Tuple

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest as chapter_manifest  # noqa: E402  (notebooks/manifest.json)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(REPO, "notebooks")
BUILD = os.path.join(REPO, "build")
try:
    MANIFEST = chapter_manifest.load()
except chapter_manifest.ManifestError as e:
    sys.exit(f"nbrun: {e}")
DEFAULT_KERNEL = MANIFEST.kernel_name
DEFAULT_TIMEOUT = float(MANIFEST.defaults.get("timeout", 120))
STARTUP_TIMEOUT = 15     # seconds; the kernel is usually ready in 1-3 s
START_ATTEMPTS = 4       # 3.0.1 hangs on about 1 start in 5 (see run_notebook)
LOSS_LINE = re.compile(r"loss:.*sec/epoch")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


@dataclasses.dataclass
class CellError:
    cell: int                 # 1-based position in the notebook, markdown cells included
    execution_count: Optional[int]
    ename: str
    evalue: str
    traceback: str

    def headline(self) -> str:
        prompt = f" (In [{self.execution_count}])" if self.execution_count else ""
        where = f"cell {self.cell}{prompt}" if self.cell else "before the first cell"
        # JShell wraps user exceptions in EvalException; its traceback starts with the real one.
        first = self.traceback.strip().splitlines()[0].strip() if self.traceback.strip() else ""
        if self.ename == "EvalException" and re.match(r"^[\w.$]+: ", first):
            return f"{where}: {first}"
        return f"{where}: {self.ename}: {self.evalue}"


@dataclasses.dataclass
class Result:
    path: str                         # as given, for messages
    name: str                         # relative to notebooks/ (or the repo) for the table
    lang: str                         # en / zh / ja, from notebooks/<lang>/...
    status: str = "not run"           # ok | error | timeout | dead
    seconds: float = 0.0              # wall time: kernel start to shutdown
    kernel_start: Optional[float] = None
    error: Optional[CellError] = None
    loss_lines: List[Tuple[int, str]] = dataclasses.field(default_factory=list)   # (cell, line)
    displays: List[Tuple[int, str, List[str]]] = dataclasses.field(default_factory=list)  # (cell, msg_type, mimetypes)
    stderr: List[Tuple[int, str]] = dataclasses.field(default_factory=list)
    executed: Optional[str] = None
    html: Optional[str] = None
    kernel_log: Optional[str] = None
    metadata: dict = dataclasses.field(default_factory=dict)   # metadata.d2l, the manifest's section fields on top
    notebook_metadata: dict = dataclasses.field(default_factory=dict)  # the notebook's own metadata.d2l
    section: Optional[str] = None     # the manifest section, when the notebook is one of the chapter's
    kernel_name: str = DEFAULT_KERNEL
    printed: str = ""                 # everything the cells printed to stdout
    quoted: List[Tuple[int, str]] = dataclasses.field(default_factory=list)  # (cell, number) in the prose


def relative_name(path: str) -> Tuple[str, str]:
    """(name for output paths and tables, language) of a notebook path."""
    ap = os.path.abspath(path)
    if ap.startswith(NOTEBOOKS + os.sep):
        rel = os.path.relpath(ap, NOTEBOOKS)
        return rel, rel.split(os.sep)[0]
    rel = os.path.relpath(ap, REPO)
    return (rel if not rel.startswith("..") else os.path.basename(ap)), "-"


def chapter_notebooks(m=None) -> List[str]:
    """The chapter's notebooks that are on disk, in the manifest's order: language by language,
    sections in the book's order."""
    m = m or MANIFEST
    return [m.path_of(s["name"], lang) for lang in m.languages for s in m.sections
            if os.path.isfile(m.path_of(s["name"], lang))]


def discover(root: str = NOTEBOOKS) -> List[str]:
    found = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        found += [os.path.join(d, f) for f in sorted(files) if f.endswith(".ipynb")]
    return found


STATIC_IMG_IN_HTML = re.compile(r'<img\b[^>]*\bsrc="data:image/(?:svg\+xml|png)[;,]')


def mime_kinds(data) -> List[str]:
    """The MIME types of a display, plus pseudo-types for what its HTML holds: "text/html+img" for a
    static image as a data URI (our figures), "text/html+svg" for inline SVG (a second copy, when the
    output also has image/svg+xml)."""
    kinds = sorted(data)
    html = data.get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    if STATIC_IMG_IN_HTML.search(html):
        kinds.append("text/html+img")
    if "<svg" in html:
        kinds.append("text/html+svg")
    return kinds


class RecordingClient(NotebookClient):
    """NotebookClient that also records every display message, updates included
    (nbclient folds update_display_data into the original output, so the notebook alone cannot tell)."""

    def __init__(self, nb, displays, **kw):
        super().__init__(nb, **kw)
        self._displays = displays

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] in ("display_data", "update_display_data"):
            self._displays.append((cell_index + 1, msg["msg_type"], mime_kinds(msg["content"].get("data", {}))))
        return super().process_message(msg, cell, cell_index)


def text_of(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return data.get("text/plain", "") if isinstance(data.get("text/plain", ""), str) else ""


# Decimals with two or more places in markdown prose (outside $...$ math): the results the text quotes.
QUOTED_NUMBER = re.compile(r"(?<![\w.])\d+\.\d{2,}(?!\w|\.\d)")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.S)


def collect_outputs(nb, result: Result) -> None:
    printed = []
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown":
            result.quoted += [(i, n) for n in QUOTED_NUMBER.findall(MATH.sub(" ", cell.source))]
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                printed.append(out.get("text", ""))
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                result.stderr.append((i, out.get("text", "")))
                continue
            for line in text_of(out).splitlines():
                if LOSS_LINE.search(line):
                    result.loss_lines.append((i, line.strip()))
            if out.get("output_type") == "error" and result.error is None:
                result.error = CellError(i, cell.get("execution_count"), out.get("ename", "?"),
                                         strip_ansi(out.get("evalue", "")),
                                         strip_ansi("\n".join(out.get("traceback", []))))
    result.printed = "".join(printed)


def run_notebook(path: str, timeout: float = DEFAULT_TIMEOUT, out_dir: str = os.path.join(BUILD, "notebooks"),
                 html_dir: Optional[str] = os.path.join(BUILD, "html"), progress=None) -> Result:
    name, lang = relative_name(path)
    nb = nbformat.read(path, as_version=4)
    result = Result(path=path, name=name, lang=lang)
    result.notebook_metadata = dict(nb.metadata.get("d2l", {}))
    section, _ = MANIFEST.lookup(path)
    # The manifest's section fields (loss_band, timeout, ...) win over the notebook's metadata.d2l.
    declared = MANIFEST.declared(section["name"]) if section else {}
    result.section = section["name"] if section else None
    result.metadata = {**result.notebook_metadata, **declared}
    result.kernel_name = nb.metadata.get("kernelspec", {}).get("name") or DEFAULT_KERNEL
    limit = float(result.metadata.get("timeout", timeout))

    executed = os.path.join(out_dir, name)
    os.makedirs(os.path.dirname(executed), exist_ok=True)
    result.executed = executed
    result.kernel_log = executed[:-len(".ipynb")] + ".kernel.log"

    start = time.monotonic()
    deadline = start + limit
    current = {"cell": None}

    def on_start(**_):
        result.kernel_start = time.monotonic() - start

    def on_execute(cell, cell_index, **_):
        current["cell"] = cell_index
        if progress:
            progress(cell_index + 1, len(nb.cells))

    with open(result.kernel_log, "w", encoding="utf-8") as log:
        for attempt in range(1, START_ATTEMPTS + 1):
            result.displays.clear()
            client = RecordingClient(
                nb, result.displays,
                kernel_name=result.kernel_name,
                # The notebook-wide limit: each cell may use what the earlier cells left.
                timeout_func=lambda cell: max(1, int(deadline - time.monotonic() + 0.999)),
                startup_timeout=int(max(1, min(STARTUP_TIMEOUT, deadline - time.monotonic()))),
                shutdown_kernel="immediate",
                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                on_notebook_start=on_start,
                on_cell_execute=on_execute,
            )
            try:
                client.execute(stdout=log, stderr=subprocess.STDOUT)
                result.status = "ok"
            except CellTimeoutError:
                result.status = "timeout"
            except CellExecutionError:
                result.status = "error"
            except DeadKernelError:
                result.status = "dead"
            except Exception as e:  # the kernel did not start or did not answer, the spec is missing, ...
                result.status = "error"
                result.error = CellError(0, None, type(e).__name__, str(e), tail(result.kernel_log))
            finally:
                # nbclient registers an atexit cleanup; after a failed start it would only print noise.
                atexit.unregister(client._cleanup_kernel)
            # rapaio-jupyter-kernel 3.0.1 sometimes never answers after start-up (its channel loop
            # threads can miss their start flag); a new kernel process fixes it.
            if result.kernel_start is None and attempt < START_ATTEMPTS and time.monotonic() < deadline:
                log.write(f"\n*** nbrun: kernel not ready ({result.error.evalue if result.error else '?'}); "
                          f"starting a new one (attempt {attempt + 1})\n")
                log.flush()
                sys.stderr.write(f"(kernel did not become ready, restarting it) ")
                result.error, result.status = None, "not run"
                nb = nbformat.read(path, as_version=4)
                continue
            break
    result.seconds = time.monotonic() - start

    # The kernel sends printf pieces as separate stream messages; merge them as Jupyter shows them.
    from nbconvert.preprocessors import coalesce_streams
    coalesce_streams(nb, {})
    collect_outputs(nb, result)
    failed_cell = (current["cell"] + 1) if current["cell"] is not None else 0
    if result.status == "timeout":
        result.error = CellError(failed_cell, None, "Timeout",
                                 f"notebook exceeded its limit of {limit:g} s", "")
    elif result.status == "dead":
        result.error = CellError(failed_cell, None, "DeadKernel",
                                 f"the kernel died; see {result.kernel_log}", tail(result.kernel_log))
    elif result.status == "error" and result.error is None:
        result.error = CellError(failed_cell, None, "Error", "cell failed without an error output", "")

    nbformat.write(nb, executed)
    if html_dir:
        result.html = write_html(nb, os.path.join(html_dir, name[:-len(".ipynb")] + ".html"))
    return result


def write_html(nb, target: str) -> str:
    from nbconvert import HTMLExporter  # imported late: it is slow and only needed here
    os.makedirs(os.path.dirname(target), exist_ok=True)
    body, _ = HTMLExporter().from_notebook_node(nb, resources={"metadata": {"name": os.path.basename(target)[:-5]}})
    with open(target, "w", encoding="utf-8") as f:
        f.write(body)
    return target


def tail(path: str, lines: int = 15) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


class Progress:
    """One line per notebook; on a terminal the cell counter updates in place."""

    def __init__(self, index: int, total: int, name: str, stream=sys.stdout):
        self.prefix = f"[{index}/{total}] {name}"
        self.stream = stream
        self.tty = stream.isatty()
        self.last = 0
        self.stream.write(self.prefix + " ")
        self.stream.flush()

    def __call__(self, cell: int, cells: int):
        if self.tty:
            self.stream.write(f"\r{self.prefix} cell {cell}/{cells} ")
        elif cell > self.last:
            self.stream.write(".")
        self.last = cell
        self.stream.flush()

    def done(self, result: Result, verdict: Optional[str] = None):
        if self.tty:
            self.stream.write(f"\r{self.prefix} ")
        start = f", kernel ready in {result.kernel_start:.1f} s" if result.kernel_start is not None else ""
        self.stream.write(f"{verdict or result.status} ({result.seconds:.1f} s{start})\n")
        self.stream.flush()


def print_table(rows: List[Tuple[Result, str]], stream=sys.stdout) -> None:
    """rows: (result, status text). Several loss lines go on continuation lines."""
    header = ("notebook", "lang", "seconds", "status", "loss lines")
    body = []
    for r, status in rows:
        losses = [line for _, line in r.loss_lines] or ["-"]
        body.append((r.name, r.lang, f"{r.seconds:.1f}", status, losses[0]))
        body += [("", "", "", "", extra) for extra in losses[1:]]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:{'>' if i == 2 else '<'}{w}}}" for i, w in enumerate(widths))
    stream.write(fmt.format(*header).rstrip() + "\n")
    stream.write("  ".join("-" * w for w in widths) + "\n")
    for b in body:
        stream.write(fmt.format(*b).rstrip() + "\n")


def add_run_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("notebooks", nargs="*", help="notebooks or folders (default: the chapter's notebooks listed in "
                                                 "notebooks/manifest.json that exist, every language)")
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("D2L_NB_TIMEOUT", DEFAULT_TIMEOUT)),
                    help="time limit per notebook in seconds, kernel start included (default: env "
                         "D2L_NB_TIMEOUT or %(default)s; a notebook may set metadata.d2l.timeout)")
    ap.add_argument("--out-dir", default=os.path.join(BUILD, "notebooks"), help="executed copies (default: %(default)s)")
    ap.add_argument("--html-dir", default=os.path.join(BUILD, "html"), help="HTML pages (default: %(default)s)")
    ap.add_argument("--no-html", action="store_true", help="skip the HTML pages")


def shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def expand(paths: List[str]) -> List[str]:
    if not paths:
        return chapter_notebooks()
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += discover(p)
        elif os.path.isfile(p):
            out.append(p)
        else:
            sys.exit(f"nbrun: no such notebook or folder: {p}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="./d2l run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(ap)
    args = ap.parse_args(argv)
    if not args.notebooks and not os.path.isdir(NOTEBOOKS):
        print("No notebooks/ folder yet: nothing to run.")
        return 0
    paths = expand(args.notebooks)
    if not paths:
        print(f"No notebooks found under {', '.join(args.notebooks) or 'notebooks/'}.")
        return 0
    rows = []
    for i, path in enumerate(paths, start=1):
        name, _ = relative_name(path)
        prog = Progress(i, len(paths), name)
        r = run_notebook(path, args.timeout, args.out_dir, None if args.no_html else args.html_dir, progress=prog)
        prog.done(r)
        if r.error:
            print(f"    {r.error.headline()}")
        rows.append((r, r.status))
    print()
    print_table(rows)
    print(f"\nExecuted copies in {shown(args.out_dir)}" + ("" if args.no_html else f", HTML in {shown(args.html_dir)}"))
    return 0 if all(r.status == "ok" for r, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
