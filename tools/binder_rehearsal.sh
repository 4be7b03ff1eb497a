#!/usr/bin/env bash
# Binder rehearsal without Docker: plays repo2docker's image build on this machine, then runs the
# Binder notebook (notebooks/manifest.json: binder.section) the way a learner's first session would,
# with no network.
#
#   1. a non-root user with a fresh, empty HOME (root only; otherwise the current user, fresh HOME);
#   2. the repository's files (git ls-files, no build outputs) copied into that HOME, as repo2docker does;
#   3. binder/postBuild run there as that user: Maven fills ~/.m2 from Maven Central, the kernelspec
#      (manifest: kernel.name) goes into the user's Jupyter data dir, d2l.data.DataHub checks the airfoil
#      file in the cache, and tools/student.py writes the student edition that the README's class link opens;
#   4. the notebook executed as that user inside a network namespace with only loopback (unshare -n),
#      with the kernelspec postBuild installed and without D2L_DATA_DIR, checked by tools/nbtest.py.
# The airfoil host is out of reach here, so a copy of the file is put into the user's cache before
# postBuild: DataHub's "verify the cached copy" path (SHA-1) runs, its download does not.
# Logs, the executed notebook and timings stay in build/binder/; the temporary HOME is removed.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MPY=${D2L_PY:-/usr/bin/python3}
manifest() { "$MPY" "$REPO/tools/manifest.py" "$@"; }
DEFAULT_NOTEBOOK=$(manifest notebook binder) || { echo "binder-rehearsal: cannot read notebooks/manifest.json" >&2; exit 1; }
KERNEL=$(manifest get kernel.name)
STUDENT=$(manifest get binder.student_folder)
USER_NAME=${D2L_BINDER_USER:-d2lbinder}
OUT=$REPO/build/binder
DATA_FILE=airfoil_self_noise.dat

usage() {
  cat <<EOF
Usage: ./d2l binder-rehearsal [NOTEBOOK]      (or: tools/binder_rehearsal.sh [NOTEBOOK])

Plays the Binder image build without Docker and runs NOTEBOOK offline with the kernel it installed.
NOTEBOOK is a path inside the repository (default: $DEFAULT_NOTEBOOK).

As root: creates (or reuses) the user '$USER_NAME' (env D2L_BINDER_USER), gives it a fresh HOME under
a temporary folder, copies the repository there, runs binder/postBuild as that user, then runs the
notebook as that user in a network namespace that has only loopback. As another user: the same with
the current user and a fresh HOME, but without the namespace, so being offline is not enforced.

Needs: git, the JDK and Maven, /usr/bin/python3 with nbclient (./d2l setup), and as root unshare and
ip. The airfoil file is taken from D2L_DATA_DIR or ../shared/data and put into the
new user's cache, because its download host cannot be reached here.
Env D2L_NB_TIMEOUT: time limit for the notebook in seconds (default 120).
Logs, executed notebook and timings: build/binder/.
EOF
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -le 1 ] || { usage >&2; exit 2; }

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'binder-rehearsal: error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# --- what to run -----------------------------------------------------------------------------------
notebook=${1:-$DEFAULT_NOTEBOOK}
case $notebook in /*) notebook=$(realpath -m --relative-to="$REPO" "$notebook") ;; esac
case $notebook in ../*|..) die "the notebook must be inside the repository ($REPO): $1" ;; esac
[ -f "$REPO/$notebook" ] || die "no such notebook: $notebook"

data_dir=${D2L_DATA_DIR:-$REPO/../shared/data}
data=$data_dir/$DATA_FILE
[ -f "$data" ] || die "no $DATA_FILE in $data_dir (set D2L_DATA_DIR to the folder that holds it)"
command -v git >/dev/null || die "git is needed to list the repository's files"
git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1 || die "$REPO is not a git checkout"
PY=/usr/bin/python3
"$PY" -c "import nbclient, nbconvert, jupyter_client" 2>/dev/null \
  || die "$PY lacks nbclient/nbconvert/jupyter_client; run ./d2l setup first"

rm -rf "$OUT"; mkdir -p "$OUT"
tmp=$(mktemp -d /tmp/d2l-binder.XXXXXX)
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
chmod 755 "$tmp"

# --- 1. the user and its fresh HOME -------------------------------------------------------------------
if [ "$(id -u)" = 0 ]; then
  isolated=1
  command -v ip >/dev/null || die "needs ip (Debian package iproute2) to bring up loopback in the namespace"
  if ! unshare --net true 2>/dev/null; then
    isolated=0
    echo "WARNING: unshare --net is not permitted here: the notebook will run WITHOUT the network cut off."
  fi
  run_as=$USER_NAME
  home=$tmp/home/$run_as
  mkdir -p "$home"
  # Java takes user.home from the passwd entry, not from $HOME: point it at the new folder.
  if id -u "$run_as" >/dev/null 2>&1; then
    usermod --home "$home" "$run_as"
  else
    useradd --no-create-home --home-dir "$home" --shell /bin/bash --user-group "$run_as"
  fi
  [ "$(id -u "$run_as")" != 0 ] || die "D2L_BINDER_USER must name a non-root user"
  as_user() { runuser -u "$run_as" -- "$@"; }
  say "User $run_as (uid $(id -u "$run_as")), fresh HOME $home"
else
  isolated=0
  run_as=$(id -un)
  home=$tmp/home/$run_as
  mkdir -p "$home"
  as_user() { "$@"; }
  say "Not root: running as $run_as with a fresh HOME $home, WITHOUT a separate user and WITHOUT a"
  echo "    network namespace, so the notebook run is not forced offline. Java takes user.home from the"
  echo "    passwd entry, so every JVM gets -Duser.home=$home through JAVA_TOOL_OPTIONS."
fi
# What repo2docker gives postBuild: the notebook user's HOME and a plain PATH (no D2L_* settings).
user_env=(env -i "HOME=$home" "USER=$run_as" "LOGNAME=$run_as" "PATH=/usr/local/bin:/usr/bin:/bin" "LANG=C.UTF-8")
[ "$(id -u)" = 0 ] || user_env+=("JAVA_TOOL_OPTIONS=-Duser.home=$home")

# --- 2. the repository, as repo2docker copies it ---------------------------------------------------
# Tracked files plus new, not ignored ones (so uncommitted work is rehearsed too); no target/ or build/.
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard \
   | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
   | tar --null -T - -cf -) | tar -xf - -C "$home"
echo "    copied $(cd "$home" && find . -type f | wc -l) files of the repository into $home"

cache=$home/.cache/d2l-java/data
mkdir -p "$cache"
cp "$data" "$cache/$DATA_FILE"
echo "    NOTE: the airfoil download was NOT rehearsed (its host is unreachable from this machine):"
echo "          a copy from $data_dir was put into $cache"
echo "          so that postBuild's d2l.data.DataHub checks the cached file instead of downloading it."
[ "$(id -u)" = 0 ] && chown -R "$run_as:" "$tmp/home"

# --- 3. postBuild ------------------------------------------------------------------------------------
say "binder/postBuild as $run_as (Maven downloads into the empty ~/.m2 from Maven Central)"
t0=$(now)
if ! (cd "$home" && as_user "${user_env[@]}" bash binder/postBuild) 2>&1 | tee "$OUT/postBuild.log"; then
  die "binder/postBuild failed; log in ${OUT#"$REPO"/}/postBuild.log"
fi
t_post=$(secs "$t0" "$(now)")
# The student edition a class opens (README: Binder): every language's copy of each written section.
missing=0
for lang in $(manifest languages); do
  for f in $(manifest sections --exists); do
    path=$STUDENT/$lang/$(manifest get chapter)/$f.ipynb
    if [ -f "$home/$path" ]; then echo "    student edition: $path"; else echo "    MISSING student edition: $path"; missing=1; fi
  done
done
[ $missing = 0 ] || die "postBuild did not write the student edition into $STUDENT/"
echo "    postBuild: $t_post s; ~/.m2 holds $(du -sh "$home/.m2" | cut -f1), the kernelspec" \
     "$(du -sh "$home/.local/share/jupyter/kernels/$KERNEL" | cut -f1)"

# --- 4. the notebook, offline ------------------------------------------------------------------------
# Inside: show the interfaces, check that Jupyter picks the kernelspec from this HOME, run nbtest.
inner='set -euo pipefail
echo "    network interfaces: $(ip -brief link 2>/dev/null | cut -d" " -f1 | tr "\n" " ")"
D2L_KERNEL="$3" /usr/bin/python3 - <<"EOF"
import os, sys
from jupyter_client.kernelspec import KernelSpecManager
d = KernelSpecManager().get_kernel_spec(os.environ["D2L_KERNEL"]).resource_dir
print("    kernelspec", os.environ["D2L_KERNEL"], "from", d)
if not d.startswith(os.environ["HOME"] + "/"):
    sys.exit("the kernelspec is not the one postBuild installed in " + os.environ["HOME"])
EOF
exec /usr/bin/python3 tools/nbtest.py --no-html --timeout "$1" "$2"'
timeout=${D2L_NB_TIMEOUT:-120}
if [ $isolated = 1 ]; then
  say "Running $notebook as $run_as with no network (network namespace with loopback only)"
  run=(unshare --net -- bash -c 'ip link set lo up && exec "$@"' unshare runuser -u "$run_as" --
       "${user_env[@]}" bash -c "$inner" inner "$timeout" "$notebook" "$KERNEL")
else
  say "Running $notebook as $run_as (network NOT cut off)"
  run=(as_user "${user_env[@]}" bash -c "$inner" inner "$timeout" "$notebook" "$KERNEL")
fi
t0=$(now)
status=0
(cd "$home" && "${run[@]}") 2>&1 | tee "$OUT/notebook.log" || status=$?
t_nb=$(secs "$t0" "$(now)")
cp -r "$home/build/notebooks" "$OUT/" 2>/dev/null || true

# Kernel start and first code cell, from the executed copy's timing metadata (nbclient records it).
timing=$("$PY" - "$OUT/notebook.log" "$OUT/notebooks" <<'EOF'
import glob, os, re, sys
from datetime import datetime
log, folder = sys.argv[1], sys.argv[2]
m = re.search(r"kernel ready in ([\d.]+) s", open(log, encoding="utf-8").read())
ready = f"{float(m.group(1)):.1f}" if m else "?"
first = "?"
for path in glob.glob(os.path.join(folder, "**", "*.ipynb"), recursive=True):
    import nbformat
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        t = cell.get("metadata", {}).get("execution", {})
        if cell.cell_type == "code" and "iopub.status.busy" in t and "shell.execute_reply" in t:
            p = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
            first = f"{(p(t['shell.execute_reply']) - p(t['iopub.status.busy'])).total_seconds():.2f}"
            break
print(ready, first)
EOF
) || timing="? ?"
read -r t_ready t_first <<<"$timing"

say "Binder rehearsal"
{
  echo "notebook:        $notebook"
  echo "isolated:        $([ $isolated = 1 ] && echo "yes (user $run_as, network namespace with loopback only)" || echo "no: user $run_as, network not cut off")"
  echo "postBuild:       $t_post s"
  echo "notebook run:    $t_nb s (kernel ready in $t_ready s, first code cell $t_first s)"
  echo "result:          $([ $status = 0 ] && echo ok || echo FAILED)"
} | tee "$OUT/timings.txt" | sed 's/^/    /'
echo "    logs and executed notebook in ${OUT#"$REPO"/}/"
[ $status = 0 ] || die "the notebook failed in the rehearsal (see ${OUT#"$REPO"/}/notebook.log)"
