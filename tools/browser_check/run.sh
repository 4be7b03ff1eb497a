#!/usr/bin/env bash
# ./d2l browser-check: installs what the check needs (Debian's chromium as root, playwright-core from
# package-lock.json), then runs check.mjs. The kernelspec must be installed (./d2l does it first).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case " $* " in *" -h "*|*" --help "*) exec node "$HERE/check.mjs" --help ;; esac

command -v node >/dev/null && command -v npm >/dev/null || { echo "browser-check: needs node and npm (apt-get install nodejs npm)" >&2; exit 1; }
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> apt-get install chromium" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  else
    echo "browser-check: no Chromium at $chromium; install Debian's chromium (or set CHROMIUM)" >&2; exit 1
  fi
fi
# The zh/ja figures need a CJK font both in the kernel (JFreeChart measures text with it) and in the
# browser that draws the SVG.
# shellcheck source=../jupyter_env.sh
. "$HERE/../jupyter_env.sh"
d2l_ensure_cjk_fonts
# playwright-core is only the driver: it downloads no browser.
if [ ! -f "$HERE/node_modules/playwright-core/package.json" ] || [ "$HERE/package-lock.json" -nt "$HERE/node_modules" ]; then
  echo "==> npm ci (playwright-core, pinned in package-lock.json)" >&2
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
exec node "$HERE/check.mjs" "$@"
