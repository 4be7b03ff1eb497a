#!/usr/bin/env python3
"""Keep the language versions of the notebooks in step.

  nbsync.py code      copy every code cell of notebooks/en/... into notebooks/zh/... and ja/...
                      (the first language of notebooks/manifest.json into the others), and the
                      exercise metadata of every cell (metadata.nbgrader; metadata.d2l of code cells)
                      (same position; the markdown cells, i.e. the translations, stay as they are)
  nbsync.py outputs   copy the executed notebooks of build/notebooks/ (made by ./d2l run) over
                      notebooks/, so the committed notebooks show their outputs

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


def copy_outputs(root: pathlib.Path, build: pathlib.Path) -> int:
    copied = 0
    for executed in sorted(build.rglob("*.ipynb")):
        target = root / executed.relative_to(build)
        if target.exists():
            nbformat.validate(nbformat.read(executed, as_version=4))
            shutil.copyfile(executed, target)
            print(f"{target}: outputs from {executed.relative_to(REPO)}")
            copied += 1
    if not copied:
        print(f"no executed notebooks in {build}; run ./d2l run first")
        return 1
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["code", "outputs"])
    args = ap.parse_args(argv)
    root = REPO / "notebooks"
    return sync_code(root) if args.what == "code" else copy_outputs(root, REPO / "build" / "notebooks")


if __name__ == "__main__":
    sys.exit(main())
