#!/usr/bin/env python3
"""The README's notebook links, generated from the chapter manifest (notebooks/manifest.json).

README.md holds blocks between ``<!-- BEGIN generated:NAME ... -->`` and ``<!-- END generated:NAME -->``:

  binder     the Binder badge and links to the manifest's Binder section in every language, and the
             links that open the student edition (binder.student_folder, written by binder/postBuild)
  sections   the chapter's sections in the book's order, with their notebooks in every language

  readme_links.py           check that README.md matches the manifest (exit 1 and a diff if not)
  readme_links.py --write   rewrite the blocks in README.md

The tooling tests (tools/tests) run the check, so a changed manifest without a regenerated README fails.
"""
import argparse
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest as chapter_manifest  # noqa: E402

README = os.path.join(chapter_manifest.REPO, "README.md")
BLOCK = re.compile(r"(<!-- BEGIN generated:(\w+)[^>]*-->\n)(.*?)(<!-- END generated:\2 -->)", re.S)


def binder_block(m: chapter_manifest.Manifest) -> str:
    name, langs, names = m.role_section("binder"), m.languages, m.data.get("language_names", {})
    first = m.relpath(name, langs[0])
    out = [f"[![Binder](https://mybinder.org/badge_logo.svg)]({m.binder_url(first)})", "",
           f"The badge opens `{first}` in JupyterLab on mybinder.org. Every language:", ""]
    for lang in langs:
        path = m.relpath(name, lang)
        out.append(f"- {names.get(lang, lang)}: [{path}]({m.binder_url(path)}) "
                   f"([classic Notebook]({m.binder_url(path, 'notebook')}))")
    student = m.student_folder
    out += ["", f"For a class, the student edition (exercises without their solutions, written by "
                f"`binder/postBuild` into `{student}/`):", ""]
    for lang in langs:
        folder = "/".join([student, lang, m.chapter])
        out.append(f"- {names.get(lang, lang)}: [{folder}/]({m.binder_url(folder)}), "
                   f"starting with [{name}.ipynb]({m.binder_url(folder + '/' + name + '.ipynb')})")
    return "\n".join(out) + "\n"


def sections_block(m: chapter_manifest.Manifest) -> str:
    """From the manifest alone (not from the files on disk), so a notebook landing on a branch does
    not change the README until the manifest says the section exists."""
    names = m.data.get("language_names", {})
    head = "| section | book label | " + " | ".join(names.get(l, l) for l in m.languages) + " |"
    out = [head, "|" + "---|" * (2 + len(m.languages))]
    for s in m.sections:
        cells = []
        for lang in m.languages:
            rel = m.relpath(s["name"], lang)
            cells.append(f"[notebook]({rel}) · [Binder]({m.binder_url(rel)})" if s["exists"] else "not written yet")
        label = f"`{s['label']}`" if s.get("label") else ""
        out.append(f"| {s['name']} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


GENERATORS = {"binder": binder_block, "sections": sections_block}


def render(text: str, m: chapter_manifest.Manifest) -> str:
    found = set()

    def sub(match):
        name = match.group(2)
        if name not in GENERATORS:
            raise SystemExit(f"readme_links: README block 'generated:{name}' is unknown; known: "
                             f"{', '.join(GENERATORS)}")
        found.add(name)
        return match.group(1) + GENERATORS[name](m) + match.group(4)

    new = BLOCK.sub(sub, text)
    missing = set(GENERATORS) - found
    if missing:
        raise SystemExit(f"readme_links: README.md lacks the block(s) {', '.join(sorted(missing))}; add "
                         f"'<!-- BEGIN generated:NAME -->' and '<!-- END generated:NAME -->' lines")
    return new


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="rewrite README.md instead of checking it")
    ap.add_argument("--readme", default=README)
    args = ap.parse_args(argv)
    try:
        m = chapter_manifest.load()
    except chapter_manifest.ManifestError as e:
        sys.exit(f"readme_links: {e}")
    with open(args.readme, encoding="utf-8") as f:
        text = f.read()
    new = render(text, m)
    if args.write:
        if new != text:
            with open(args.readme, "w", encoding="utf-8") as f:
                f.write(new)
            print(f"{os.path.relpath(args.readme)}: links regenerated from notebooks/manifest.json")
        else:
            print(f"{os.path.relpath(args.readme)}: already matches notebooks/manifest.json")
        return 0
    if new != text:
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True),
                                                   "README.md", "README.md (from the manifest)"))
        print("README.md's links do not match notebooks/manifest.json: run tools/readme_links.py --write")
        return 1
    print("README.md's links match notebooks/manifest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
