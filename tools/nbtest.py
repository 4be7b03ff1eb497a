#!/usr/bin/env python3
"""Notebook tests: run every notebook with the real kernel and check what it printed.

Which notebooks: those of notebooks/manifest.json (the chapter manifest, tools/manifest.py), every
language, in the book's order. A section with "exists": true must have its notebook in every language;
one with "exists": false is tested when its notebooks are there and skipped when they are not. A
notebook under notebooks/ that the manifest does not list fails. Settings (loss_band, timeout, ...)
come from the manifest's section, else from the notebook's metadata.d2l, else the manifest's defaults;
when both the manifest and the notebook set one, they must agree.

A notebook passes when
  * it uses the manifest's kernel and every cell runs top to bottom without an error, within the
    time limit (the section's timeout, metadata.d2l.timeout, --timeout or env D2L_NB_TIMEOUT, the
    manifest's default, in that order);
  * no cell writes to stderr (unless metadata.d2l.allow_stderr is true);
  * every ``loss: X, Y sec/epoch`` line has X inside the notebook's band: metadata.d2l.loss_band is
    [low, high] for all lines, or a list of [low, high], one per line in order; without it the
    manifest's default band (that of the airfoil trainers) applies. A notebook that declares a band
    must print a loss;
  * every ``train acc X, test acc Y`` line (the closing line of d2l's trainCh6) has Y inside
    metadata.d2l.acc_band when the notebook declares one: [low, high] for all lines, or a list of
    [low, high], one per line in order (the expected test-accuracy bands of the Fashion-MNIST runs);
  * every display_data / update_display_data message (plots, animation frames) carries a static
    image, image/svg+xml, image/png or an <img> data URI in text/html (what d2l.plot sends: the one
    form untrusted notebooks show), so the page reads without JavaScript; and stores it once (not
    image/svg+xml next to inline SVG or a second image in text/html);
  * the executed notebook, as it would be committed, is at most 300 KB (MAX_NOTEBOOK_KB);
  * every decimal with two or more places in the markdown prose (outside $...$ math) appears in what
    the cells printed, so the text quotes the numbers the notebook really gives; numbers that are
    not printed results (a range measured elsewhere, say) are listed in metadata.d2l.unprinted_numbers.
Across languages, notebooks/<lang>/X.ipynb must exist for every language of the manifest (and any
other language folder) with identical code cells.

The last line is ``N passed, M failed``; the exit code is 1 when anything failed.
"""
import argparse
import math
import os
import re
import sys
from typing import Dict, List, Optional, Sequence, Tuple

import nbformat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbrun  # noqa: E402

MANIFEST = nbrun.MANIFEST
DEFAULT_LOSS_BAND = tuple(MANIFEST.defaults.get("loss_band", (0.238, 0.250)))
LANGUAGES = tuple(MANIFEST.languages)
STATIC_IMAGES = ("image/svg+xml", "image/png", "text/html+img")
MAX_NOTEBOOK_KB = 300
LOSS_VALUE = re.compile(r"loss:\s*([^\s,]+)\s*,\s*([^\s,]+)\s*sec/epoch")
ACC_VALUE = re.compile(r"train acc\s+([^\s,]+)\s*,\s*test acc\s+([^\s,]+)")


def parse_band(value) -> Tuple[float, float]:
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, (int, float)) for v in value) or not value[0] <= value[1]):
        raise ValueError(f"metadata.d2l.loss_band entry {value!r} is not [low, high] with low <= high")
    return float(value[0]), float(value[1])


def loss_bands(metadata: Dict, count: int) -> List[Tuple[float, float]]:
    """One band per loss line, from metadata.d2l.loss_band (see module doc)."""
    declared = metadata.get("loss_band")
    if declared is None:
        return [DEFAULT_LOSS_BAND] * count
    if isinstance(declared, list) and declared and all(isinstance(b, list) for b in declared):
        bands = [parse_band(b) for b in declared]
        if len(bands) != count:
            raise ValueError(f"metadata.d2l.loss_band lists {len(bands)} bands but the notebook printed "
                             f"{count} loss lines")
        return bands
    return [parse_band(declared)] * count


def check_result(r: nbrun.Result) -> List[str]:
    """Problems found in one executed notebook; empty when it passes."""
    problems = []
    for key, value in sorted(r.notebook_metadata.items()):
        if r.section and key in MANIFEST.declared(r.section) and MANIFEST.declared(r.section)[key] != value:
            problems.append(f"metadata.d2l.{key} is {value!r} but notebooks/manifest.json sets "
                            f"{MANIFEST.declared(r.section)[key]!r} for section {r.section!r}; keep one "
                            f"(the manifest) and drop the other")
    if r.kernel_name != nbrun.DEFAULT_KERNEL:
        problems.append(f"kernelspec is {r.kernel_name!r}; notebooks must use {nbrun.DEFAULT_KERNEL!r}")
    if r.status != "ok" or r.error:
        e = r.error
        msg = e.headline() if e else f"execution {r.status}"
        if e and e.traceback.strip():
            lines = [line for line in e.traceback.strip().splitlines() if line.strip()]
            if lines and lines[0].strip() in msg:
                lines = lines[1:]
            msg += "".join("\n      " + line for line in lines[:12])
        problems.append(msg)
    if not r.metadata.get("allow_stderr"):
        for cell, text in r.stderr:
            first = text.strip().splitlines()[0] if text.strip() else "(blank)"
            problems.append(f"cell {cell} wrote to stderr: {first}")
    for cell, kind, mimes in r.displays:
        if not any(m in mimes for m in STATIC_IMAGES):
            problems.append(f"cell {cell}: {kind} without a static image (has {', '.join(mimes) or 'no data'}); "
                            f"plots must include image/svg+xml or image/png")
        elif sum(m in mimes for m in ("image/svg+xml", "text/html+img", "text/html+svg")) > 1:
            problems.append(f"cell {cell}: {kind} stores its figure twice ({', '.join(mimes)}); "
                            f"keep one static copy")
    if r.executed and os.path.exists(r.executed) and os.path.getsize(r.executed) > MAX_NOTEBOOK_KB * 1024:
        problems.append(f"the executed notebook is {os.path.getsize(r.executed) / 1024:.0f} KB, over the "
                        f"{MAX_NOTEBOOK_KB} KB budget (thin long series, fewer figures)")
    try:
        bands = loss_bands(r.metadata, len(r.loss_lines))
    except ValueError as e:
        problems.append(str(e))
        bands = []
    if r.metadata.get("loss_band") is not None and not r.loss_lines and r.status == "ok":
        problems.append("metadata.d2l.loss_band is declared but no 'loss: X, Y sec/epoch' line was printed")
    if r.status == "ok":
        unprinted = set(map(str, r.metadata.get("unprinted_numbers", [])))
        for cell, number in r.quoted:
            if number not in unprinted and not re.search(r"(?<![\d.])" + re.escape(number) + r"(?!\d)", r.printed):
                problems.append(f"cell {cell}: the text quotes {number}, which no cell printed "
                                f"(rerun, update the text, or list it in metadata.d2l.unprinted_numbers)")
    problems += check_accuracy(r)
    for (cell, line), (low, high) in zip(r.loss_lines, bands):
        m = LOSS_VALUE.search(line)
        loss = None
        if m:
            try:
                loss = float(m.group(1))
                float(m.group(2))
            except ValueError:
                loss = None
        if loss is None or math.isnan(loss):
            problems.append(f"cell {cell}: cannot read 'loss: X, Y sec/epoch' from {line!r}")
        elif not low <= loss <= high:
            problems.append(f"cell {cell}: loss {loss:g} outside the band [{low:g}, {high:g}] ({line!r})")
    return problems


def check_accuracy(r: nbrun.Result) -> List[str]:
    """The test accuracies of trainCh6's closing lines against metadata.d2l.acc_band (if declared)."""
    declared = r.metadata.get("acc_band")
    if declared is None or r.status != "ok":
        return []
    accs = [m.group(2) for m in ACC_VALUE.finditer(r.printed)]
    try:
        if isinstance(declared, list) and declared and all(isinstance(b, list) for b in declared):
            bands = [parse_band(b) for b in declared]
            if len(bands) != len(accs):
                return [f"metadata.d2l.acc_band lists {len(bands)} bands but the notebook printed {len(accs)} "
                        f"'train acc X, test acc Y' lines"]
        else:
            bands = [parse_band(declared)] * len(accs)
    except ValueError as e:
        return [str(e).replace("loss_band", "acc_band")]
    if not accs:
        return ["metadata.d2l.acc_band is declared but no 'train acc X, test acc Y' line was printed"]
    problems = []
    for k, (text, (low, high)) in enumerate(zip(accs, bands), 1):
        try:
            acc = float(text)
        except ValueError:
            problems.append(f"accuracy line {k}: cannot read the test accuracy {text!r}")
            continue
        if not low <= acc <= high:
            problems.append(f"accuracy line {k}: test acc {acc:g} outside the band [{low:g}, {high:g}]")
    return problems


def code_cells(path: str) -> List[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def check_translations(root: str, required: Sequence[str] = LANGUAGES) -> List[Tuple[str, List[str]]]:
    """[(notebook path without the language folder, problems)] for every notebook under root/<lang>/."""
    langs = sorted(set(required) | {d for d in os.listdir(root)
                                    if os.path.isdir(os.path.join(root, d)) and not d.startswith(".")})
    groups: Dict[str, Dict[str, str]] = {}
    for lang in langs:
        base = os.path.join(root, lang)
        if os.path.isdir(base):
            for path in nbrun.discover(base):
                groups.setdefault(os.path.relpath(path, base), {})[lang] = path
    report = []
    for rel in sorted(groups):
        versions, problems = groups[rel], []
        for lang in langs:
            if lang not in versions:
                problems.append(f"missing {lang}/{rel}")
        ref_lang = "en" if "en" in versions else sorted(versions)[0]
        ref = code_cells(versions[ref_lang])
        for lang in sorted(versions):
            if lang == ref_lang:
                continue
            other = code_cells(versions[lang])
            for i, (a, b) in enumerate(zip(ref, other), start=1):
                if a != b:
                    problems.append(f"{lang}/{rel}: code cell {i} differs from {ref_lang}")
                    break
            else:
                if len(ref) != len(other):
                    problems.append(f"{lang}/{rel} has {len(other)} code cells, {ref_lang} has {len(ref)}")
        report.append((rel, problems))
    return report


def manifest_plan(m) -> Tuple[List[str], List[str], List[str]]:
    """(notebooks to run, problems, notes) for the chapter as the manifest describes it."""
    paths, problems, notes = [], [], []
    for lang in m.languages:
        for s in m.sections:
            path = m.path_of(s["name"], lang)
            if os.path.isfile(path):
                paths.append(path)
            elif s["exists"]:
                problems.append(f"{m.relpath(s['name'], lang)} is missing, but section {s['name']!r} has "
                                f"\"exists\": true in notebooks/manifest.json")
    written = {s["name"] for s in m.sections if s["exists"]}
    present = {m.lookup(p)[0]["name"] for p in paths}
    for name in sorted(present - written):
        notes.append(f"section {name!r} has notebooks but \"exists\": false in the manifest; they are tested, "
                     f"and the integrator sets \"exists\": true when they land")
    if os.path.isdir(m.notebooks_root()):
        for path in nbrun.discover(m.notebooks_root()):
            if m.lookup(path)[0] is None:
                problems.append(f"{os.path.relpath(path, m.repo)} is not a section of notebooks/manifest.json "
                                f"(languages {', '.join(m.languages)}, folder {m.chapter}); add it to 'sections'")
    return paths, problems, notes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="nbtest.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    nbrun.add_run_arguments(ap)
    args = ap.parse_args(argv)

    passed = failed = 0
    if args.notebooks:
        paths = nbrun.expand(args.notebooks)
    else:
        paths, problems, notes = manifest_plan(MANIFEST)
        print(f"Chapter manifest ({os.path.relpath(MANIFEST.path, nbrun.REPO)}): "
              f"{sum(s['exists'] for s in MANIFEST.sections)} of {len(MANIFEST.sections)} sections written, "
              f"{len(paths)} notebooks to run")
        for n in notes:
            print(f"  note: {n}")
        for p in problems:
            print(f"  FAIL: {p}")
        passed, failed = passed + (not problems), failed + bool(problems)
        if os.path.isdir(nbrun.NOTEBOOKS) and nbrun.discover(nbrun.NOTEBOOKS):
            print(f"Code cells of the language versions ({', '.join(LANGUAGES)}):")
            for rel, problems in check_translations(nbrun.NOTEBOOKS):
                section, _ = MANIFEST.lookup(os.path.join(nbrun.NOTEBOOKS, LANGUAGES[0], rel))
                if section and not section["exists"]:
                    # Not written yet: a missing language is work in progress, not a failure.
                    for p in [p for p in problems if p.startswith("missing ")]:
                        print(f"  note: {rel}: {p} (section {section['name']!r} has \"exists\": false)")
                    problems = [p for p in problems if not p.startswith("missing ")]
                print(f"  {rel}: {'same code' if not problems else 'FAIL'}")
                for p in problems:
                    print(f"      {p}")
                passed, failed = passed + (not problems), failed + bool(problems)

    rows, failures = [], []
    for i, path in enumerate(paths, start=1):
        name, _ = nbrun.relative_name(path)
        prog = nbrun.Progress(i, len(paths), name)
        r = nbrun.run_notebook(path, args.timeout, args.out_dir, None if args.no_html else args.html_dir,
                               progress=prog)
        problems = check_result(r)
        verdict = "PASS" if not problems else "FAIL"
        prog.done(r, verdict)
        rows.append((r, verdict))
        if problems:
            failures.append((r, problems))
            failed += 1
        else:
            passed += 1
    if rows:
        print()
        nbrun.print_table(rows)
        # The budget is for an idle 2-core machine; on a loaded one this is a hint, not a failure.
        for r, _ in rows:
            budget = MANIFEST.settings(r.section).get("budget") if r.section else None
            if budget and r.seconds > budget:
                print(f"note: {r.name} took {r.seconds:.1f} s, over its budget of {budget:g} s on an idle "
                      f"2-core machine (notebooks/manifest.json); check again when the machine is idle")
    for r, problems in failures:
        print(f"\nFAIL {r.path}")
        for p in problems:
            print(f"  - {p}")
        print(f"  executed copy: {nbrun.shown(r.executed)}; kernel log: {nbrun.shown(r.kernel_log)}")
    print(f"\n{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
