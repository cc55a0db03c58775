#!/usr/bin/env bash
# Set up Voice and its test tools in .venv and run the whole test suite
# (unit, HTTP and browser tests). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Browser tests need Chromium: install Debian's 'chromium' package, or run '.venv/bin/playwright install chromium'." >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
