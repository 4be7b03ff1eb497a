#!/usr/bin/env python3
"""The d2l-java kernel's numbers for sizing a workshop: start time, first-cell latency, memory.

  start       from launching the kernel until it answers kernel_info (what Jupyter waits for)
  first cell  the notebooks' import cell (imports of d2l.*, EJML, java.util), sent right after start:
              JShell's first compilation, what a learner waits for after "Restart"
  RSS         the kernel JVM's resident memory (VmRSS; VmHWM is its peak) after running a whole
              notebook (default: the English Adam notebook) in that kernel

Medians over --starts kernel starts (default 20). The machine's load is printed before and after: on a
busy machine the numbers are "measured under load" and only an idle run is fit for the record.
Run through ./d2l kernel-numbers (installs the kernelspec, sets D2L_DATA_DIR) or directly with
JUPYTER_PATH pointing at the kernelspec. --json FILE also writes the numbers as JSON.
"""
import argparse
import json
import os
import statistics
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_NOTEBOOK = os.path.join(REPO, "notebooks", "en", "chapter_optimization", "adam.ipynb")
IMPORT_CELL = """import d2l.*;
import d2l.data.*;
import d2l.model.*;
import d2l.optim.*;
import d2l.plot.*;
import d2l.train.*;
import static d2l.Ch11.*;
import java.util.*;
import org.ejml.data.DMatrixRMaj;
var first = new Adam(0.01);
"""


def load():
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def busy():
    return os.getloadavg()[0] > 0.5 * (os.cpu_count() or 1)


def reply_to(kc, msg_id, timeout):
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def one_start(kernel, timeout):
    km = KernelManager(kernel_name=kernel)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        started = time.perf_counter() - t0
        t1 = time.perf_counter()
        reply = reply_to(kc, kc.execute(IMPORT_CELL), timeout)
        first = time.perf_counter() - t1
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the import cell failed: {reply['content'].get('evalue')}")
        return started, first
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def kernel_pid(km):
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None) or getattr(km, "kernel", None)
    return process.pid


def memory_kb(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def notebook_memory(kernel, path, timeout):
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    try:
        t0 = time.perf_counter()
        NotebookClient(nb, km=km, timeout=timeout, kernel_name=kernel).execute()
        seconds = time.perf_counter() - t0
        time.sleep(1)
        return memory_kb(kernel_pid(km)), seconds
    finally:
        km.shutdown_kernel(now=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--starts", type=int, default=20, help="kernel starts to take the medians over (default 20)")
    ap.add_argument("--notebook", default=DEFAULT_NOTEBOOK, help="notebook run for the memory figure")
    ap.add_argument("--kernel", default="d2l-java", help="kernelspec name (default d2l-java)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds allowed for a start, a cell, the notebook")
    ap.add_argument("--json", help="also write the numbers to this JSON file")
    args = ap.parse_args(argv)

    print(f"Before: {load()}", flush=True)
    under_load = busy()
    starts, firsts = [], []
    for i in range(args.starts):
        s, f = one_start(args.kernel, args.timeout)
        starts.append(s)
        firsts.append(f)
        print(f"  start {i + 1:2d}: ready after {s:5.2f} s, import cell {f:5.2f} s", flush=True)
    mem, nb_seconds = notebook_memory(args.kernel, args.notebook, args.timeout)
    print(f"After: {load()}")
    under_load = under_load or busy()

    def q(xs, p):
        return sorted(xs)[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]

    result = {
        "starts": args.starts,
        "start_median_s": round(statistics.median(starts), 2),
        "start_p90_s": round(q(starts, 0.9), 2),
        "first_cell_median_s": round(statistics.median(firsts), 2),
        "first_cell_p90_s": round(q(firsts, 0.9), 2),
        "notebook": os.path.relpath(args.notebook, REPO),
        "notebook_s": round(nb_seconds, 1),
        "rss_after_notebook_mib": round(mem["VmRSS"] / 1024),
        "rss_peak_mib": round(mem["VmHWM"] / 1024),
        "cores": os.cpu_count(),
        "measured_under_load": under_load,
    }
    label = " (measured under load: not for the record)" if under_load else ""
    print(f"\nKernel numbers{label}")
    print(f"  start:      median {result['start_median_s']} s, p90 {result['start_p90_s']} s over {args.starts} starts")
    print(f"  first cell: median {result['first_cell_median_s']} s, p90 {result['first_cell_p90_s']} s")
    print(f"  memory:     RSS {result['rss_after_notebook_mib']} MiB after {result['notebook']} "
          f"({result['notebook_s']} s), peak {result['rss_peak_mib']} MiB")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
