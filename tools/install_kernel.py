#!/usr/bin/env python3
"""Install the chapter's Jupyter kernelspec (name and display name from notebooks/manifest.json,
``d2l-java`` / "Java (d2l)"): rapaio-jupyter-kernel plus the d2l library.

The kernelspec folder is self-contained: it holds the kernel jar, our jar of replacement kernel
classes (``kernel/``: Stop, errors, Javadoc, protocol fixes), a copy of the library jar with its
runtime dependencies (``lib/``), listed in ``RJK_CLASSPATH`` so a notebook can ``import d2l.*``
without any magic, and the library's sources jar (``sources/``, in ``D2L_KERNEL_SOURCEPATH``) from
which Shift+Tab shows the Javadoc. Installing again replaces the folder, so it is idempotent and
picks up a rebuilt library.

Destination: ``<prefix>/share/jupyter/kernels/<name>`` when ``--prefix`` (or env
``D2L_JUPYTER_PREFIX``) is given, else the user's Jupyter data dir (``jupyter --data-dir``/kernels).
"""
import argparse
import glob
import json
import os
import shutil
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_core.paths import jupyter_data_dir

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest  # noqa: E402

try:
    _MANIFEST = manifest.load()
except manifest.ManifestError as e:
    sys.exit(f"install_kernel: {e}")
KERNEL_NAME = _MANIFEST.kernel_name
DISPLAY_NAME = _MANIFEST.kernel_display_name
# The kernel runs JShell in its own JVM, so these flags reach notebook code too.
#  - headless AWT: JFreeChart renders SVG/PNG without a display (CI, servers, Binder).
#  - UTF-8: zh/ja notebooks print non-ASCII text whatever the locale is.
#  - the vector API (an incubator module in JDK 17): the classifiers' matrix kernels run about 10x faster
#    with it (d2l.model.Gemm); without it they fall back to plain Java. The JVM notes the incubator
#    module once on its stderr (the kernel log), not in any cell.
#  - add-opens jdk.jshell: lets the kernel hand JShell the library's sources for Shift+Tab
#    (kernel/.../JavadocSources.java says why).
JAVA_FLAGS = ["-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "--add-modules", "jdk.incubator.vector",
              "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED"]


def find_one(pattern, what, hint):
    hits = sorted(p for p in glob.glob(pattern) if not p.endswith(("-sources.jar", "-javadoc.jar")))
    if len(hits) != 1:
        found = ", ".join(hits) if hits else "nothing"
        sys.exit(f"install_kernel: expected exactly one {what} matching {pattern}, found {found}. {hint}")
    return hits[0]


def find_sources(pattern, hint):
    hits = sorted(glob.glob(pattern))
    if len(hits) != 1:
        found = ", ".join(hits) if hits else "nothing"
        sys.exit(f"install_kernel: expected exactly one library sources jar matching {pattern}, found {found}. {hint}")
    return hits[0]


def destination(prefix):
    if prefix:
        return os.path.join(os.path.abspath(prefix), "share", "jupyter", "kernels", KERNEL_NAME)
    return os.path.join(jupyter_data_dir(), "kernels", KERNEL_NAME)


def kernel_json(java, fix_jar, jar, lib_dir, java_flags, sources_dir):
    return {
        # Our jar comes first so that its classes replace the kernel's (the start-up race, Stop, errors,
        # protocol; kernel/src/main/java says why for each class).
        "argv": [java, *java_flags, "-cp", os.pathsep.join([fix_jar, jar]), "org.rapaio.jupyter.kernel.MainApp",
                 "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "java",
        # The JVM does not turn SIGINT into an interrupt; the kernel handles interrupt_request.
        "interrupt_mode": "message",
        "env": {
            # ';'-separated, globs allowed (see the kernel's KERNEL.md).
            "RJK_CLASSPATH": os.path.join(lib_dir, "*.jar"),
            # No kernel-side time limit: training cells may run for minutes; tests set their own.
            "RJK_TIMEOUT_MILLIS": "-1",
            "RJK_COMPILER_OPTIONS": "",
            "RJK_INIT_SCRIPT": "",
            # Sources jars whose Javadoc Shift+Tab shows (the JDK's own come from its lib/src.zip).
            "D2L_KERNEL_SOURCEPATH": os.path.join(sources_dir, "*.jar"),
        },
        "metadata": {"debugger": False},
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="repository root (default: the one holding this script)")
    ap.add_argument("--prefix", default=os.environ.get("D2L_JUPYTER_PREFIX") or None,
                    help="install under PREFIX/share/jupyter/kernels (default: env D2L_JUPYTER_PREFIX, "
                         "else the user's Jupyter data dir)")
    ap.add_argument("--java", default=None,
                    help="java executable written into kernel.json (default: $JAVA_HOME/bin/java, else java on PATH)")
    ap.add_argument("--java-opt", action="append", default=[],
                    help="extra JVM flag for the kernel, repeatable (also env D2L_KERNEL_JAVA_OPTS, space-separated)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    repo = os.path.abspath(args.repo)
    build_hint = "Build first: mvn -B -q -DskipTests package (./d2l does this for you)."
    kernel_jar = find_one(os.path.join(repo, "kernel", "target", "kernel", "rapaio-jupyter-kernel-*.jar"),
                          "kernel jar", build_hint)
    fix_jar = find_one(os.path.join(repo, "kernel", "target", "d2l-kernel-*.jar"), "kernel fix jar", build_hint)
    lib_jar = find_one(os.path.join(repo, "lib", "target", "d2l-lib-*.jar"), "library jar", build_hint)
    sources_jar = find_sources(os.path.join(repo, "lib", "target", "d2l-lib-*-sources.jar"), build_hint)
    dep_jars = sorted(glob.glob(os.path.join(repo, "lib", "target", "classpath", "*.jar")))
    if not dep_jars:
        sys.exit(f"install_kernel: no dependency jars in {repo}/lib/target/classpath. {build_hint}")

    java = args.java
    if java is None:
        home = os.environ.get("JAVA_HOME")
        java = os.path.join(home, "bin", "java") if home and os.path.isfile(os.path.join(home, "bin", "java")) \
            else shutil.which("java")
    if not java:
        sys.exit("install_kernel: no java found; install JDK 17+ or set JAVA_HOME.")
    java_flags = JAVA_FLAGS + os.environ.get("D2L_KERNEL_JAVA_OPTS", "").split() + args.java_opt

    dest = destination(args.prefix)
    with tempfile.TemporaryDirectory(prefix="d2l-kernelspec-") as tmp:
        stage = os.path.join(tmp, KERNEL_NAME)
        os.makedirs(os.path.join(stage, "lib"))
        os.makedirs(os.path.join(stage, "sources"))
        shutil.copy2(sources_jar, os.path.join(stage, "sources", os.path.basename(sources_jar)))
        jar_name = os.path.basename(kernel_jar)
        shutil.copy2(kernel_jar, os.path.join(stage, jar_name))
        fix_name = os.path.basename(fix_jar)
        shutil.copy2(fix_jar, os.path.join(stage, fix_name))
        for jar in [lib_jar, *dep_jars]:
            shutil.copy2(jar, os.path.join(stage, "lib", os.path.basename(jar)))
        spec = kernel_json(java, os.path.join(dest, fix_name), os.path.join(dest, jar_name), os.path.join(dest, "lib"),
                           java_flags, os.path.join(dest, "sources"))
        with open(os.path.join(stage, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump(spec, f, indent=2)
            f.write("\n")
        # Jupyter removes the old folder first, so stale jars never linger.
        installed = KernelSpecManager().install_kernel_spec(
            stage, KERNEL_NAME, user=args.prefix is None, prefix=args.prefix)
    if os.path.realpath(installed) != os.path.realpath(dest):
        sys.exit(f"install_kernel: Jupyter installed into {installed}, expected {dest}; "
                 "kernel.json paths would be wrong. Check JUPYTER_DATA_DIR.")
    if not args.quiet:
        print(f"Installed kernelspec {KERNEL_NAME} ({DISPLAY_NAME}) in {installed}: "
              f"{jar_name} + {1 + len(dep_jars)} library jars + the library's sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
