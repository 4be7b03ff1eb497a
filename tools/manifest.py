#!/usr/bin/env python3
"""The chapter manifest, notebooks/manifest.json: the one source for the chapter folder, the languages,
the kernel and the sections in the book's order, with their loss bands and time limits.

Python tools import it (``manifest.load()``); shell scripts ask it one value at a time:

  manifest.py get kernel.name            d2l-java
  manifest.py languages                  en zh ja
  manifest.py sections [--exists]        the sections' names in the book's order (only written ones)
  manifest.py notebook binder [LANG]     notebooks/en/chapter_optimization/adam.ipynb (the Binder section)
  manifest.py notebook browser_check     the browser check's notebook
  manifest.py notebook SECTION [LANG]    any section's notebook, relative to the repository
  manifest.py check                      validate the manifest (exit 1 with the problem)

A section is ``{"name": ..., "label": ..., "exists": true|false, ...}``; fields other than name, label
and exists override ``defaults`` (loss_band, timeout, budget, and whatever a tool reads from a
notebook's ``metadata.d2l``).
"""
import json
import os
import sys
from typing import Dict, List, Optional

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(REPO, "notebooks", "manifest.json")
# Section fields that are about the section itself, not settings for its notebook.
IDENTITY = ("name", "label", "exists")


class ManifestError(ValueError):
    pass


def _band_ok(v) -> bool:
    return (isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                        for x in v) and v[0] <= v[1])


def validate_settings(where: str, settings: Dict) -> List[str]:
    problems = []
    if "loss_band" in settings:
        b = settings["loss_band"]
        if not (_band_ok(b) or (isinstance(b, list) and b and all(_band_ok(x) for x in b))):
            problems.append(f"{where}.loss_band is {b!r}; give [low, high] with low <= high, or a list of them")
    for key in ("timeout", "budget"):
        if key in settings:
            v = settings[key]
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not v > 0:
                problems.append(f"{where}.{key} is {v!r}; give a positive number of seconds")
    return problems


class Manifest:
    def __init__(self, data: Dict, path: str = PATH, repo: str = REPO):
        self.data, self.path, self.repo = data, path, repo
        problems = self._validate()
        if problems:
            raise ManifestError(f"{path}: " + "; ".join(problems))

    # --- the facts -------------------------------------------------------------------------------
    @property
    def chapter(self) -> str:
        return self.data["chapter"]

    @property
    def languages(self) -> List[str]:
        return list(self.data["languages"])

    @property
    def kernel_name(self) -> str:
        return self.data["kernel"]["name"]

    @property
    def kernel_display_name(self) -> str:
        return self.data["kernel"]["display_name"]

    @property
    def sections(self) -> List[Dict]:
        return list(self.data["sections"])

    @property
    def defaults(self) -> Dict:
        return dict(self.data.get("defaults", {}))

    def section(self, name: str) -> Dict:
        for s in self.data["sections"]:
            if s["name"] == name:
                return s
        raise ManifestError(f"{self.path}: no section {name!r}; sections are "
                            f"{', '.join(s['name'] for s in self.data['sections'])}")

    def settings(self, name: str) -> Dict:
        """defaults overridden by the section's own fields (loss_band, timeout, budget, ...)."""
        s = self.section(name)
        return {**self.defaults, **{k: v for k, v in s.items() if k not in IDENTITY}}

    def declared(self, name: str) -> Dict:
        """Only the section's own settings (no defaults): what must agree with a notebook's metadata.d2l."""
        return {k: v for k, v in self.section(name).items() if k not in IDENTITY}

    def notebooks_root(self) -> str:
        return os.path.join(self.repo, "notebooks")

    def relpath(self, name: str, lang: Optional[str] = None) -> str:
        """notebooks/<lang>/<chapter>/<name>.ipynb, relative to the repository."""
        lang = lang or self.languages[0]
        if lang not in self.languages:
            raise ManifestError(f"{self.path}: language {lang!r} is not one of {', '.join(self.languages)}")
        self.section(name)
        return "/".join(["notebooks", lang, self.chapter, name + ".ipynb"])

    def path_of(self, name: str, lang: Optional[str] = None) -> str:
        return os.path.join(self.repo, *self.relpath(name, lang).split("/"))

    def lookup(self, abspath: str):
        """(section, lang) of a notebook path under notebooks/, or (None, None)."""
        rel = os.path.relpath(os.path.abspath(abspath), self.notebooks_root()).split(os.sep)
        if len(rel) == 3 and rel[0] in self.languages and rel[1] == self.chapter and rel[2].endswith(".ipynb"):
            name = rel[2][:-len(".ipynb")]
            for s in self.data["sections"]:
                if s["name"] == name:
                    return s, rel[0]
        return None, None

    def role_section(self, role: str) -> str:
        """The section a tool uses: role is 'binder' or 'browser_check'."""
        return self.data[role]["section"]

    def binder_url(self, path: str, interface: str = "lab") -> str:
        b = self.data["binder"]
        base = f"https://mybinder.org/v2/gh/{b['repository']}/{b['ref']}"
        prefix = "lab/tree/" if interface == "lab" else "notebooks/"
        return f"{base}?urlpath={prefix}{path}"

    @property
    def student_folder(self) -> str:
        return self.data["binder"]["student_folder"]

    # --- validation --------------------------------------------------------------------------------
    def _validate(self) -> List[str]:
        d, p = self.data, []
        for key, kind in (("chapter", str), ("kernel", dict), ("languages", list), ("sections", list),
                          ("binder", dict), ("browser_check", dict)):
            if not isinstance(d.get(key), kind):
                p.append(f"'{key}' must be a {kind.__name__} (found {d.get(key)!r})")
        if p:
            return p
        for key in ("name", "display_name"):
            if not isinstance(d["kernel"].get(key), str) or not d["kernel"][key]:
                p.append(f"kernel.{key} must be a non-empty string")
        if not d["languages"] or not all(isinstance(x, str) and x for x in d["languages"]) \
                or len(set(d["languages"])) != len(d["languages"]):
            p.append(f"languages must be distinct non-empty strings (found {d['languages']!r})")
        p += validate_settings("defaults", d.get("defaults", {}))
        names = []
        for i, s in enumerate(d["sections"]):
            if not isinstance(s, dict) or not isinstance(s.get("name"), str) or not s["name"]:
                p.append(f"sections[{i}] needs a 'name'")
                continue
            if s["name"] in names:
                p.append(f"section {s['name']!r} is listed twice")
            names.append(s["name"])
            if not isinstance(s.get("exists"), bool):
                p.append(f"section {s['name']!r}: 'exists' must be true or false (found {s.get('exists')!r})")
            p += validate_settings(f"section {s['name']!r}", s)
        for role in ("binder", "browser_check"):
            name = d[role].get("section")
            if name not in names:
                p.append(f"{role}.section is {name!r}, which is not a section")
            elif not next(s for s in d["sections"] if s.get("name") == name).get("exists"):
                p.append(f"{role}.section {name!r} has \"exists\": false; point it at a written section")
        for key in ("repository", "ref", "student_folder"):
            if not isinstance(d["binder"].get(key), str) or not d["binder"][key]:
                p.append(f"binder.{key} must be a non-empty string")
        return p


def load(path: str = PATH, repo: str = REPO) -> Manifest:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise ManifestError(f"no chapter manifest at {path}")
    except json.JSONDecodeError as e:
        raise ManifestError(f"{path} is not valid JSON: {e}")
    return Manifest(data, path, repo)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    try:
        m = load()
        cmd, rest = argv[0], argv[1:]
        if cmd == "check" and not rest:
            print(f"{os.path.relpath(m.path, REPO)}: {len(m.sections)} sections, "
                  f"{sum(s['exists'] for s in m.sections)} written, languages {' '.join(m.languages)}")
        elif cmd == "get" and len(rest) == 1:
            value = m.data
            for part in rest[0].split("."):
                if not isinstance(value, dict) or part not in value:
                    raise ManifestError(f"{m.path} has no field {rest[0]!r}")
                value = value[part]
            print(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
        elif cmd == "sections" and rest in ([], ["--exists"]):
            print(" ".join(s["name"] for s in m.sections if s["exists"] or not rest))
        elif cmd == "languages" and not rest:
            print(" ".join(m.languages))
        elif cmd == "notebook" and 1 <= len(rest) <= 2:
            name = m.role_section(rest[0]) if rest[0] in ("binder", "browser_check") else rest[0]
            print(m.relpath(name, rest[1] if len(rest) == 2 else None))
        else:
            print(f"manifest.py: unknown command {' '.join(argv)!r}; see manifest.py --help", file=sys.stderr)
            return 2
    except ManifestError as e:
        print(f"manifest.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
