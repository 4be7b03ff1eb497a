#!/usr/bin/env python3
"""Memory and CPU of one learner's kernel: run a notebook on the chapter's kernel and read the JVM's
resident memory (RSS) from /proc, for sizing a JupyterHub (README: "Workshops past Binder").

  tools/measure_kernel.py [NOTEBOOK] [--runs N] [--server]

NOTEBOOK defaults to the manifest's Binder section (notebooks/en/chapter_optimization/adam.ipynb).
For each of N runs (default 3) it starts a fresh kernel, runs every cell, then prints
  * the kernel's RSS after the run (VmRSS) and its peak during the run (VmHWM),
  * the JVM heap after the run (used / committed / max, from Runtime in an extra cell),
  * the kernel's CPU time (user + system) and the wall time, and their ratio (average cores busy).
--server also starts a classic Jupyter Notebook server (no kernel) and prints its RSS after start-up:
the other process a learner's session holds on a hub.
Linux only (/proc). Numbers taken on a shared machine are "measured under load": CPU and wall times
vary with the load, the memory much less.
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbrun  # noqa: E402

HEAP_CELL = ('Runtime rt = Runtime.getRuntime();\n'
             'System.out.printf("heap used %d MiB, committed %d MiB, max %d MiB%n", '
             '(rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20);')


def proc_status(pid: int) -> dict:
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                out[key] = int(value.split()[0])   # kB, or a count
    return out


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")   # utime + stime


def kernel_pid(client) -> int:
    prov = getattr(client.km, "provisioner", None)
    proc = getattr(prov, "process", None) or getattr(client.km, "kernel", None)
    if proc is None or not getattr(proc, "pid", None):
        raise RuntimeError("cannot find the kernel's process id (jupyter_client without a local provisioner?)")
    return proc.pid


def measure(path: str, timeout: float) -> dict:
    """One run in a fresh kernel; a kernel that does not answer at start (rapaio 3.0.1, see nbrun) is
    replaced, up to nbrun.START_ATTEMPTS times."""
    for attempt in range(1, nbrun.START_ATTEMPTS + 1):
        try:
            return measure_once(path, timeout)
        except RuntimeError as e:
            if "didn't respond" not in str(e) or attempt == nbrun.START_ATTEMPTS:
                raise
            print(f"(kernel did not answer at start: {e}; starting a new one)", file=sys.stderr)


def measure_once(path: str, timeout: float) -> dict:
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=nb.metadata.get("kernelspec", {}).get("name") or nbrun.DEFAULT_KERNEL,
                            timeout=int(timeout), startup_timeout=nbrun.STARTUP_TIMEOUT, allow_errors=False,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    with open(os.devnull, "w") as devnull, client.setup_kernel(stdout=devnull, stderr=devnull):
        pid = kernel_pid(client)
        start_rss = proc_status(pid)["VmRSS"]
        t0, c0 = time.monotonic(), cpu_seconds(pid)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, i)
        wall, cpu = time.monotonic() - t0, cpu_seconds(pid) - c0
        status = proc_status(pid)
        heap_cell = nbformat.v4.new_code_cell(HEAP_CELL)
        nb.cells.append(heap_cell)
        client.execute_cell(heap_cell, len(nb.cells) - 1)
        heap = "".join(o.get("text", "") for o in heap_cell.outputs).strip()
    return {"start_rss": start_rss, "rss": status["VmRSS"], "peak": status["VmHWM"], "threads": status["Threads"],
            "wall": wall, "cpu": cpu, "heap": heap}


def server_rss() -> int:
    """RSS (kB) of a classic Jupyter Notebook server, a few seconds after start, without kernels."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, "-m", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                f"--notebook-dir={tmp}"] + (["--allow-root"] if os.geteuid() == 0 else [])
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.5)
            time.sleep(3)
            return proc_status(proc.pid)["VmRSS"]
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def mib(kb: int) -> str:
    return f"{kb / 1024:.0f} MiB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebook", nargs="?", default=nbrun.MANIFEST.path_of(nbrun.MANIFEST.role_section("binder")))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--server", action="store_true", help="also measure a Jupyter Notebook server's RSS")
    args = ap.parse_args(argv)
    if not os.path.isdir("/proc/self"):
        sys.exit("measure_kernel: needs Linux's /proc")
    print(f"notebook: {nbrun.shown(args.notebook)}; {os.cpu_count()} CPUs here, load average "
          f"{os.getloadavg()[0]:.1f} at the start (a shared machine: measured under load)")
    rows = []
    for run in range(1, args.runs + 1):
        r = measure(args.notebook, args.timeout)
        rows.append(r)
        print(f"run {run}: kernel RSS {mib(r['start_rss'])} at start, {mib(r['rss'])} after the notebook, "
              f"peak {mib(r['peak'])}; {r['threads']} threads; {r['heap']}; CPU {r['cpu']:.1f} s in "
              f"{r['wall']:.1f} s wall ({r['cpu'] / r['wall']:.2f} cores on average)")
    print(f"largest: kernel RSS after the notebook {mib(max(r['rss'] for r in rows))}, "
          f"peak {mib(max(r['peak'] for r in rows))}; CPU {max(r['cpu'] for r in rows):.1f} s")
    if args.server:
        print(f"Jupyter Notebook server without kernels: RSS {mib(server_rss())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
