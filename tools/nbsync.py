#!/usr/bin/env python3
"""Keep the language versions of the notebooks in step.

  nbsync.py code      copy every code cell of notebooks/en/... into notebooks/zh/... and ja/...
                      (the first language of notebooks/manifest.json into the others), and the
                      exercise metadata of every cell (metadata.nbgrader; metadata.d2l of code cells)
                      (same position; the markdown cells, i.e. the translations, stay as they are)
  nbsync.py outputs [NOTEBOOK...]
                      copy the outputs of the executed notebooks in build/notebooks/ (made by ./d2l
                      run) into notebooks/, so the committed notebooks show them; the markdown of
                      notebooks/ is kept, and a copy that ran other code (stale) is skipped

After editing code in an English notebook: `nbsync.py code`, `./d2l run`, `nbsync.py outputs`.
"""
import argparse
import pathlib
import shutil
import sys

import nbformat

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
import manifest  # noqa: E402

_LANGUAGES = manifest.load().languages
SOURCE, LANGS = _LANGUAGES[0], tuple(_LANGUAGES[1:])


def sync_code(root: pathlib.Path) -> int:
    problems = 0
    for en_path in sorted((root / SOURCE).rglob("*.ipynb")):
        rel = en_path.relative_to(root / SOURCE)
        en = nbformat.read(en_path, as_version=4)
        for lang in LANGS:
            path = root / lang / rel
            if not path.exists():
                print(f"{path}: missing; copy {en_path} there and translate its markdown cells")
                problems += 1
                continue
            nb = nbformat.read(path, as_version=4)
            kinds = [c.cell_type for c in nb.cells]
            en_kinds = [c.cell_type for c in en.cells]
            if kinds != en_kinds:
                print(f"{path}: cell kinds differ from {en_path} ({len(kinds)} vs {len(en_kinds)} cells); "
                      "add or remove the same cells by hand first")
                problems += 1
                continue
            changed = meta_changed = 0
            for cell, en_cell in zip(nb.cells, en.cells):
                if cell.cell_type == "code" and cell.source != en_cell.source:
                    cell.source = en_cell.source
                    cell.outputs, cell.execution_count = [], None
                    changed += 1
                # Exercise metadata is the same in every language: nbgrader's (grade_ids, points) on
                # every cell, and ours (metadata.d2l, e.g. the tests' wrong_solution) on code cells.
                keys = ("nbgrader", "d2l") if cell.cell_type == "code" else ("nbgrader",)
                for key in keys:
                    if cell.metadata.get(key) != en_cell.metadata.get(key):
                        if key in en_cell.metadata:
                            cell.metadata[key] = en_cell.metadata[key]
                        else:
                            del cell.metadata[key]
                        meta_changed += 1
            if changed or meta_changed:
                nbformat.write(nb, path)
            print(f"{path}: {changed} code cell(s) updated, {meta_changed} exercise metadata entr(y/ies) copied")
    return 1 if problems else 0


def copy_outputs(root: pathlib.Path, build: pathlib.Path, only=()) -> int:
    """Copy outputs, execution counts and notebook metadata from build/ into notebooks/.

    The committed notebook keeps its own markdown, so prose edited after the run is not lost, and an
    executed copy whose code cells differ from the committed notebook's (a stale run) is skipped.
    """
    copied = stale = 0
    wanted = {pathlib.Path(p).resolve() for p in only}
    for executed in sorted(build.rglob("*.ipynb")):
        target = root / executed.relative_to(build)
        if not target.exists() or (wanted and target.resolve() not in wanted):
            continue
        run = nbformat.read(executed, as_version=4)
        nbformat.validate(run)
        nb = nbformat.read(target, as_version=4)
        shape = lambda book: [(c.cell_type, c.source if c.cell_type == "code" else "") for c in book.cells]
        if shape(run) != shape(nb):
            print(f"{target}: skipped, {executed.relative_to(REPO)} ran other code (stale); run it again")
            stale += 1
            continue
        for mine, theirs in zip(nb.cells, run.cells):
            if mine.cell_type == "code":
                mine.outputs, mine.execution_count = theirs.outputs, theirs.execution_count
        nb.metadata = run.metadata
        nbformat.write(nb, target)
        print(f"{target}: outputs from {executed.relative_to(REPO)}")
        copied += 1
    if not copied and not stale:
        print(f"no executed notebooks in {build} for these notebooks; run ./d2l run first")
        return 1
    return 1 if stale else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["code", "outputs"])
    ap.add_argument("notebooks", nargs="*", help="outputs: only these notebooks (default: every executed copy)")
    args = ap.parse_args(argv)
    root = REPO / "notebooks"
    if args.what == "code":
        return sync_code(root)
    return copy_outputs(root, REPO / "build" / "notebooks", args.notebooks)


if __name__ == "__main__":
    sys.exit(main())
