#!/usr/bin/env bash
# The browser tests drive Debian's Chromium: Playwright cannot download its own browser
# builds here (only PyPI, Debian and npm are reachable). Install it once, when missing.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# fonts-noto-cjk: Chinese pages render (and screenshot) with real CJK glyphs, not boxes.
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
test -x "$CHROMIUM" || { echo "ensure-chromium: $CHROMIUM still missing after apt-get" >&2; exit 1; }
