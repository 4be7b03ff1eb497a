#!/usr/bin/env python3
"""Merges the JMH results (-rf json) and the torch results of tools/bench.sh into one table.

Prints the table (Markdown), writes it to --out-md and everything, raw numbers included, as JSON
(json module) to --out-json. The roofline of an optimizer is the bytes its step must move per
element divided by the measured memory bandwidth (see BYTES_PER_ELEMENT and bandwidth()).
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

# Arrays of 8-byte doubles one step must read and write per element; each array is read once and,
# if updated, written back once (in place, so no extra write-allocate traffic).
BYTES_PER_ELEMENT = {
    "SGD": ("read x, g; write x", 3 * 8),
    "Momentum": ("read x, g, v; write x, v", 5 * 8),
    "AdaGrad": ("read x, g, s; write x, s", 5 * 8),
    "RMSProp": ("read x, g, s; write x, s", 5 * 8),
    "AdaDelta": ("read x, g, s, Δx; write x, s, Δx", 7 * 8),
    "Adam": ("read x, g, v, s; write x, v, s", 7 * 8),
    "AMSGrad": ("read x, g, v, s, s_max; write x, v, s, s_max", 9 * 8),
    "AdamW": ("read x, g, v, s; write x, v, s (decay fused)", 7 * 8),
    "AdamW-AMSGrad": ("read x, g, v, s, s_max; write x, v, s, s_max", 9 * 8),
    "Yogi": ("read x, g, v, s; write x, v, s", 7 * 8),
}
ORDER = list(BYTES_PER_ELEMENT)
MIN_OBJECT = 16  # bytes: the smallest Java object (64-bit JVM, compressed class pointers)


def load(paths):
    out = []
    for p in paths:
        with open(p) as f:
            out.append((p, json.load(f)))
    return out


def secondary(entry, name):
    m = entry.get("secondaryMetrics", {}).get(name)
    return None if m is None else m["score"]


def machine(java):
    info = {"nproc": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "loadavg_at_report": os.getloadavg(), "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    except OSError:
        info["cpu"] = "?"
    try:
        r = subprocess.run([java, "-version"], capture_output=True, text=True)
        info["java_version"] = (r.stderr or r.stdout).strip().splitlines()
    except OSError as e:
        info["java_version"] = [f"cannot run {java}: {e}"]
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jmh", nargs="*", default=[], help="JMH -rf json files")
    ap.add_argument("--torch", nargs="*", default=[], help="bench_torch.py output files")
    ap.add_argument("--torch-note", default="", help="why torch columns are empty, if they are")
    ap.add_argument("--java", default="java")
    ap.add_argument("--command", default="", help="the command line that produced the results")
    ap.add_argument("--out-json", required=True)
    ap.add_argument("--out-md", required=True)
    args = ap.parse_args()

    jmh = [e for _, doc in load(args.jmh) for e in doc]
    torch_docs = [doc for _, doc in load(args.torch)]

    # ---- bandwidth reference -------------------------------------------------------------------
    bw = {}
    floor_per_ns = 0.0  # allocation the instrument itself reports per ns of an allocation-free kernel
    for e in jmh:
        name = e["benchmark"].rsplit(".", 1)[-1]
        if ".StreamTriadBench." in e["benchmark"]:
            n = int(e["params"]["n"])
            ns = e["primaryMetric"]["score"]
            bw[name] = {"n": n, "ns_per_op": ns, "ns_error": e["primaryMetric"]["scoreError"],
                        "bytes_per_element": 24, "GBps": 24 * n / ns}
            alloc = secondary(e, "gc.alloc.rate.norm")
            if alloc is not None:
                bw[name]["alloc_bytes_per_op"] = alloc
                floor_per_ns = max(floor_per_ns, alloc / ns)
    if "triad" in bw:
        # With ordinary stores the CPU also reads a before writing it (write-allocate): 32 bytes.
        bw["triad"]["GBps_with_write_allocate"] = 32 * bw["triad"]["n"] / bw["triad"]["ns_per_op"]
    ref = max((v["GBps"] for v in bw.values()), default=None)
    ref_name = max(bw, key=lambda k: bw[k]["GBps"]) if bw else None

    # ---- torch results -------------------------------------------------------------------------
    torch_steps, torch_train, torch_meta = {}, None, {}
    torch_models = []  # (blas label, threads, result)
    for doc in torch_docs:
        if doc["kind"] == "models":
            label = blas_label(doc.get("blas", []))
            torch_models += [(label, doc["threads"], r) for r in doc["results"]]
            continue
        torch_meta = {k: doc[k] for k in ("torch", "numpy", "python", "threads")}
        for r in doc["results"]:
            if doc["kind"] == "step":
                torch_steps[(r["optimizer"], r["n"])] = r
            else:
                torch_train = r

    # ---- optimizer steps -----------------------------------------------------------------------
    steps = []
    for e in jmh:
        if ".OptimizerStepBench." not in e["benchmark"]:
            continue
        name, n = e["params"]["optimizer"], int(e["params"]["n"])
        ns = e["primaryMetric"]["score"]
        b = BYTES_PER_ELEMENT[name][1]
        alloc = secondary(e, "gc.alloc.rate.norm")
        row = {"optimizer": name, "n": n, "java_ns_per_step": ns, "java_ns_error": e["primaryMetric"]["scoreError"],
               "java_ns_per_element": ns / n, "alloc_bytes_per_step": alloc,
               "bytes_per_element": b, "traffic": BYTES_PER_ELEMENT[name][0]}
        if alloc is not None:
            floor = floor_per_ns * ns
            row["alloc_instrument_floor"] = floor
            # Every allocation costs at least one object; the code path is the same at every step.
            row["allocation_free"] = alloc - floor < MIN_OBJECT
        if ref:
            row["roofline_ns_per_element"] = b / ref
            row["x_roofline"] = (ns / n) / (b / ref)
        t = torch_steps.get((name, n))
        if t:
            row["torch"] = t["torch"]
            row["torch_ns_per_step"] = t["ns_per_step"]
            row["torch_ns_per_element"] = t["ns_per_step"] / n
            row["torch_over_java"] = t["ns_per_step"] / ns
        steps.append(row)
    steps.sort(key=lambda r: (r["n"], ORDER.index(r["optimizer"])))

    # ---- training loops ------------------------------------------------------------------------
    train = []
    for e in jmh:
        if ".TrainCh11Bench." not in e["benchmark"]:
            continue
        name = e["benchmark"].rsplit(".", 1)[-1]
        loop_ns, epochs = secondary(e, "loopNanos"), secondary(e, "epochs")
        row = {"benchmark": name, "java_ms_per_epoch": e["primaryMetric"]["score"],
               "java_ms_error": e["primaryMetric"]["scoreError"],
               "java_loop_timer_ms_per_epoch": loop_ns / epochs / 1e6 if loop_ns and epochs else None,
               "alloc_bytes_per_epoch": secondary(e, "gc.alloc.rate.norm")}
        if name == "trainCh11Adam" and torch_train:
            row["torch_ms_per_epoch"] = torch_train["ms_per_epoch"]
            row["torch_loop_timer_ms_per_epoch"] = torch_train["book_timer_ms_per_epoch"]
            row["torch_over_java"] = torch_train["ms_per_epoch"] / row["java_ms_per_epoch"]
            if row["java_loop_timer_ms_per_epoch"]:
                row["torch_over_java_loop_timer"] = (torch_train["book_timer_ms_per_epoch"]
                                                     / row["java_loop_timer_ms_per_epoch"])
        train.append(row)

    # ---- Fashion-MNIST models --------------------------------------------------------------------
    models = []
    for e in jmh:
        if ".ModelEpochBench." not in e["benchmark"]:
            continue
        name, threads, batch = e["params"]["model"], int(e["params"]["threads"]), int(e["params"]["batch"])
        batches = -(-60000 // batch)
        java_s = e["primaryMetric"]["score"]
        alloc = secondary(e, "gc.alloc.rate.norm")
        own, counted = secondary(e, "allocatedBytes"), secondary(e, "batches")
        cpu = secondary(e, "cpuNanos")
        base = {"model": name, "batch": batch, "threads": threads, "java_precision": "float64",
                "java_s_per_epoch": java_s, "java_s_error": e["primaryMetric"]["scoreError"],
                "java_epochs_measured": e["measurementIterations"],
                # JMH sums @AuxCounters EVENTS over the measured iterations: divide by the epochs counted.
                "java_cpu_s_per_epoch": cpu / 1e9 / (counted / batches) if cpu is not None and counted else None,
                "alloc_bytes_per_batch": own / counted if own is not None and counted else None,
                "alloc_bytes_per_batch_jvm": None if alloc is None else alloc / batches}
        matches = [(b, r) for b, t, r in torch_models if r["model"] == name and t == threads and r["batch"] == batch]
        if not matches:
            models.append(dict(base, precision="float64", torch_s_per_epoch=None, torch_over_java=None))
        for blas, r in sorted(matches, key=lambda m: (m[0], m[1]["dtype"] != "float64")):
            precision = "float64" if r["dtype"] == "float64" else "float32 (torch) vs float64 (Java)"
            models.append(dict(base, precision=precision, torch_dtype=r["dtype"], torch_blas=blas,
                               torch_s_per_epoch=r["s_per_epoch"], torch_over_java=r["s_per_epoch"] / java_s,
                               torch_cpu_s_per_epoch=r.get("cpu_s_per_epoch"),
                               torch_over_java_cpu=(r["cpu_s_per_epoch"] / base["java_cpu_s_per_epoch"]
                                                    if r.get("cpu_s_per_epoch") and base["java_cpu_s_per_epoch"] else None),
                               torch_measured=("whole epoch" if r["whole_epochs"] else
                                               f"{r['batches_measured']} minibatches, scaled to {r['batches_per_epoch']}")))

    # ---- goals ---------------------------------------------------------------------------------
    goals = []
    adam = next((r for r in steps if r["optimizer"] == "Adam" and r["n"] == 10_000_000), None)
    if adam and "x_roofline" in adam:
        goals.append({"goal": "Adam step at n = 10^7 within 1.3x its roofline", "value": adam["x_roofline"],
                      "met": adam["x_roofline"] <= 1.3})
    if adam and "torch_over_java" in adam:
        goals.append({"goal": "Adam step at n = 10^7 at least 3x faster than torch.optim.Adam (float64)",
                      "value": adam["torch_over_java"], "met": adam["torch_over_java"] >= 3})
    with_alloc = [r for r in steps if "allocation_free" in r]
    if with_alloc:
        bad = [f'{r["optimizer"]}@{r["n"]}' for r in with_alloc if not r["allocation_free"]]
        goals.append({"goal": "zero allocation per step for every optimizer",
                      "value": max(r["alloc_bytes_per_step"] - r["alloc_instrument_floor"] for r in with_alloc),
                      "met": not bad, "failing": bad})
    tc = next((r for r in train if r["benchmark"] == "trainCh11Adam"), None)
    if tc:
        goals.append({"goal": "trainCh11 (Adam, batch 10) at most 2 ms per epoch", "value": tc["java_ms_per_epoch"],
                      "met": tc["java_ms_per_epoch"] <= 2})

    for r in models:
        if r.get("torch_over_java") is not None:
            goals.append({"goal": f"{r['model']} epoch ({r['threads']} threads) at least as fast as torch "
                                  f"{r['torch_dtype']} ({r['torch_blas']})", "value": r["torch_over_java"],
                          "met": r["torch_over_java"] >= 1})
    for name in sorted({r["model"] for r in models if r["alloc_bytes_per_batch"] is not None}):
        a = next(r["alloc_bytes_per_batch"] for r in models if r["model"] == name)
        goals.append({"goal": f"{name}: no allocation per minibatch in steady state (< {MIN_OBJECT} B by the "
                              "training threads)", "value": a, "met": a < MIN_OBJECT})

    # ---- Markdown ------------------------------------------------------------------------------
    md = []
    if bw:
        md.append("Memory-bandwidth reference (one thread, JMH, arrays of 10^7 doubles):\n")
        md.append("| kernel | ms/op | bytes/element | GB/s |")
        md.append("|---|---:|---:|---:|")
        for k, v in bw.items():
            kernel = "a[i] = b[i] + s·c[i]" if k == "triad" else "a[i] = a[i] + s·c[i]"
            md.append(f"| {k} `{kernel}` | {v['ns_per_op'] / 1e6:.2f} | 24 | {v['GBps']:.1f} |")
        if "triad" in bw:
            md.append(f"| triad counting the write-allocate read of a | | 32 | "
                      f"{bw['triad']['GBps_with_write_allocate']:.1f} |")
        md.append(f"\nRoofline bandwidth: **{ref:.1f} GB/s** ({ref_name}, the higher of the two 24-byte kernels).\n")
    if steps:
        md.append("Optimizer step, one parameter of n float64 (Java: JMH avgt, 1 thread; torch: "
                  f"torch.set_num_threads({torch_meta.get('threads', '—')})):\n")
        md.append("| optimizer | n | Java ns/elem | alloc B/step | bytes/elem | roofline ns/elem | × roofline "
                  "| torch ns/elem | torch ÷ Java |")
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in steps:
            md.append(f"| {r['optimizer']} | {size(r['n'])} | {r['java_ns_per_element']:.3f} | "
                      f"{alloc_cell(r)} | {r['bytes_per_element']} | "
                      f"{num(r.get('roofline_ns_per_element'), 3)} | {num(r.get('x_roofline'), 2)}"
                      f"{'' if r['n'] >= 10_000_000 else ' (cache)'} | "
                      f"{num(r.get('torch_ns_per_element'), 3)} | {num(r.get('torch_over_java'), 3, 'x')} |")
        md.append("\n“(cache)”: the arrays fit in L2/L3, so the DRAM roofline does not bound these rows. "
                  "alloc B/step is JMH's gc.alloc.rate.norm; at 10^7 a step lasts milliseconds, so the "
                  "instrument's own per-iteration allocation, shared by few steps, shows up (floor in the JSON, "
                  "measured on the allocation-free triad kernels).\n")
    if train:
        md.append("Training loops on the airfoil data (batch 10, lr 0.01, quiet), ms per epoch:\n")
        md.append("| loop | Java wall | Java loop timer | Java alloc B/epoch | torch wall | torch loop timer "
                  "| torch ÷ Java (wall) |")
        md.append("|---|---:|---:|---:|---:|---:|---:|")
        for r in train:
            label = ("trainCh11 + from-scratch Adam (torch: the book's train_ch11 + adam, float64)"
                     if r["benchmark"] == "trainCh11Adam" else "trainConciseCh11 + d2l.optim.Adam")
            md.append(f"| {label} | {num(r['java_ms_per_epoch'], 3)} | {num(r['java_loop_timer_ms_per_epoch'], 3)} | "
                      f"{num(r['alloc_bytes_per_epoch'], 4)} | {num(r.get('torch_ms_per_epoch'), 3)} | "
                      f"{num(r.get('torch_loop_timer_ms_per_epoch'), 3)} | {num(r.get('torch_over_java'), 4, 'x')} |")
        md.append("\nWall: the whole loop including the loss on all 1500 examples every 200 examples; loop timer: "
                  "the book's Timer, evaluation excluded (what it prints as sec/epoch).\n")
    if models:
        md.append("Fashion-MNIST training epoch (60000 examples, batch 256, SGD; Java float64, JMH single shots; "
                  "torch with the same threads), seconds per epoch:\n")
        md.append("| model | threads | Java float64 (CPU s) | alloc B/batch (training threads / whole JVM) | torch BLAS | "
                  "torch dtype | torch (CPU s) | torch ÷ Java (wall) | torch ÷ Java (CPU) | torch measured |")
        md.append("|---|---:|---:|---:|---|---|---:|---:|---:|---|")
        for r in models:
            md.append(f"| {r['model']} | {r['threads']} | {num(r['java_s_per_epoch'], 3)} ({num(r['java_cpu_s_per_epoch'], 3)}) | "
                      f"{num(r['alloc_bytes_per_batch'], 2)} / {num(r['alloc_bytes_per_batch_jvm'], 2)} | "
                      f"{r.get('torch_blas', '—')} | {r.get('torch_dtype', '—')} | "
                      f"{num(r.get('torch_s_per_epoch'), 3)} ({num(r.get('torch_cpu_s_per_epoch'), 3)}) | "
                      f"{num(r.get('torch_over_java'), 3, 'x')} | {num(r.get('torch_over_java_cpu'), 3, 'x')} | "
                      f"{r.get('torch_measured', '—')} |")
        md.append("\nSeconds per epoch of wall time, and in parentheses of CPU time of the training threads (Java: "
                  "ThreadMXBean over the benchmark thread and the worker team, spin-waits included; torch: "
                  "time.process_time of the process). With other jobs on the machine the CPU ratio is the one to read.")
        md.append("\nalloc B/batch: bytes the training threads (benchmark thread and worker team, ThreadMXBean) "
                  "allocated per minibatch; after the slash JMH's gc.alloc.rate.norm (the whole JVM, JMH's own "
                  "bookkeeping included) per epoch ÷ 235. "
                  "torch: preloaded tensors, randperm minibatches, nn.CrossEntropyLoss, torch.optim.SGD; "
                  "\"scaled\": the minibatches that fit in the time cap, times 235.\n")
    if args.torch_note:
        md.append(f"Note: {args.torch_note}\n")
    if goals:
        md.append("Goals:\n")
        for g in goals:
            extra = f" (failing: {', '.join(g['failing'])})" if g.get("failing") else ""
            md.append(f"- {'MET' if g['met'] else 'MISSED'}: {g['goal']}: {g['value']:.3g}{extra}")
        md.append("")
    text = "\n".join(md)
    print(text)

    os.makedirs(os.path.dirname(os.path.abspath(args.out_md)), exist_ok=True)
    with open(args.out_md, "w") as f:
        f.write(text)
    doc = {"command": args.command, "machine": machine(args.java), "torch": torch_meta or None,
           "torch_note": args.torch_note or None, "bandwidth": bw, "roofline_GBps": ref,
           "bytes_per_element": {k: {"traffic": v[0], "bytes": v[1]} for k, v in BYTES_PER_ELEMENT.items()},
           "steps": steps, "train": train, "models": models, "goals": goals,
           "jmh_settings": sorted({(e["benchmark"].rsplit(".", 2)[-2], e["forks"], e["warmupIterations"],
                                    e["warmupTime"], e["measurementIterations"], e["measurementTime"],
                                    " ".join(e["jvmArgs"])) for e in jmh}),
           "sources": {"jmh": args.jmh, "torch": args.torch}}
    with open(args.out_json, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)


def blas_label(paths):
    """A short name for the BLAS torch loaded (Debian's torch uses the system's libblas.so.3)."""
    # The libblas.so.3 decides (torch calls its gemm); another BLAS's liblapack may be loaded beside it.
    blas = [p for p in paths if "libblas" in os.path.basename(p).lower()]
    joined = " ".join(blas or paths).lower()
    if "openblas" in joined:
        return "OpenBLAS"
    if "blis" in joined:
        return "BLIS"
    if "mkl" in joined:
        return "MKL"
    if "atlas" in joined:
        return "ATLAS"
    if "/blas/libblas" in joined:
        return "reference BLAS"
    return "unknown (" + ", ".join(paths) + ")" if paths else "none found"


def num(x, digits, suffix=""):
    if x is None:
        return "—"
    return f"{x:.{digits}g}{suffix}"


def size(n):
    """10^k for powers of ten, else the number."""
    k = len(str(n)) - 1
    return f"10^{k}" if n == 10 ** k else str(n)


def alloc_cell(r):
    a = r.get("alloc_bytes_per_step")
    if a is None:
        return "—"
    return f"{a:.2g}" if a < 100 else f"{a:.0f}"


if __name__ == "__main__":
    sys.exit(main())
