# Sourced by ./d2l and .ci/run: find (or install) a Python that has Jupyter's parts.
# Debian's packages live in /usr/bin/python3; a pyenv/conda python3 first on PATH may lack them.

D2L_JUPYTER_MODULES_BASE="nbclient nbconvert nbformat jupyter_client"
# python3-jupyter-kernel-test: the kernel's protocol suite in ./d2l test (tools/tests/test_kernel.py).
D2L_APT_PACKAGES="jupyter-notebook python3-nbclient python3-nbconvert python3-jupyter-kernel-test"
D2L_PIP_PACKAGES="notebook nbclient nbconvert jupyter_kernel_test"
# Data the notebooks read from Debian packages when they are there (the library downloads otherwise).
D2L_APT_DATA="dataset-fashion-mnist"
D2L_FASHION_MNIST_FILE=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz

# Chinese and Japanese text in plots: without a CJK font Java falls back to boxes and JFreeChart
# measures the labels wrongly (clipped legends). Noto CJK covers zh and ja.
D2L_FONT_PACKAGES="fonts-noto-cjk"

# d2l_find_python MODULE...: print the first interpreter that imports every MODULE.
d2l_find_python() {
  local imports candidate
  imports=$(printf '%s,' "$@"); imports=${imports%,}
  for candidate in "${D2L_PYTHON:-}" /usr/bin/python3 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c "import $imports" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# d2l_ensure_python MODULE...: set D2L_PY to a Python with MODULEs, installing them if we may:
# root with apt -> Debian packages; else pip --user; else stop and say what to install.
d2l_ensure_python() {
  if D2L_PY=$(d2l_find_python "$@"); then export D2L_PY; return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Jupyter from Debian: $D2L_APT_PACKAGES" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $D2L_APT_PACKAGES >&2
  elif command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
    echo "==> Installing Jupyter with pip --user: $D2L_PIP_PACKAGES" >&2
    # shellcheck disable=SC2086
    python3 -m pip install --user $D2L_PIP_PACKAGES >&2 || true
  fi
  if D2L_PY=$(d2l_find_python "$@"); then export D2L_PY; return 0; fi
  cat >&2 <<EOF
error: no Python 3 here can import: $*
Install Jupyter's parts, then run the command again. Either
  as root on Debian/Ubuntu:  apt-get install $D2L_APT_PACKAGES
  or as a user:              python3 -m pip install --user $D2L_PIP_PACKAGES
(or point D2L_PYTHON at an interpreter that has them).
EOF
  return 1
}

# d2l_ensure_jdk_sources: Shift+Tab in a notebook shows Javadoc of JDK classes only if the kernel's JDK
# has lib/src.zip (JShell reads Javadoc from sources). Debian ships it in openjdk-<N>-source: install
# it as root with apt; otherwise say what is missing and go on (everything else works without it).
d2l_ensure_jdk_sources() {
  local java props home version pkg
  java=java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; fi
  command -v "$java" >/dev/null 2>&1 || return 0
  props=$("$java" -XshowSettings:properties -version 2>&1)
  home=$(printf '%s\n' "$props" | sed -n 's/^ *java\.home = //p')
  version=$(printf '%s\n' "$props" | sed -n 's/^ *java\.specification\.version = //p')
  [ -n "$home" ] && [ -r "$home/lib/src.zip" ] && return 0
  pkg=openjdk-$version-source
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && case $home in /usr/lib/jvm/*) true ;; *) false ;; esac; then
    echo "==> Installing $pkg (the JDK's sources, for Shift+Tab on JDK classes)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-cache show "$pkg" >/dev/null 2>&1 || apt-get update -qq >&2 || true
    if apt-get install -y -qq --no-install-recommends "$pkg" >&2 && [ -r "$home/lib/src.zip" ]; then return 0; fi
  fi
  echo "note: $home/lib/src.zip is missing, so Shift+Tab shows no Javadoc for JDK classes" \
       "(on Debian/Ubuntu: apt-get install $pkg). The library's Javadoc is shown either way." >&2
}

# d2l_ensure_data: as root with apt, install the Debian data packages that are missing. Never fails:
# without them the library downloads the files into its cache (and says where to put them offline).
d2l_ensure_data() {
  [ -f "$D2L_FASHION_MNIST_FILE" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing data from Debian: $D2L_APT_DATA" >&2
    # shellcheck disable=SC2086
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $D2L_APT_DATA >&2; } ||
      echo "warning: apt-get install $D2L_APT_DATA failed; the library will download Fashion-MNIST instead" >&2
  else
    echo "note: $D2L_FASHION_MNIST_FILE not found; the notebooks download Fashion-MNIST into the data cache" \
         "(or, as root on Debian/Ubuntu: apt-get install $D2L_APT_DATA)" >&2
  fi
  return 0
}

# d2l_has_cjk_font: true when fontconfig knows a font for Chinese and one for Japanese.
d2l_has_cjk_font() {
  command -v fc-list >/dev/null 2>&1 || return 1
  [ -n "$(fc-list :lang=zh-cn family 2>/dev/null)" ] && [ -n "$(fc-list :lang=ja family 2>/dev/null)" ]
}

# d2l_ensure_cjk_fonts: install the CJK fonts as root with apt; otherwise say what is missing.
d2l_ensure_cjk_fonts() {
  d2l_has_cjk_font && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing CJK fonts for the zh/ja plots: $D2L_FONT_PACKAGES" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $D2L_FONT_PACKAGES fontconfig >&2
  else
    echo "note: no Chinese/Japanese font found (fc-list :lang=zh-cn); zh and ja plots will show boxes." >&2
    echo "      Install one, e.g. as root: apt-get install $D2L_FONT_PACKAGES" >&2
  fi
}
