#!/usr/bin/env bash
# Set up govnews on this machine: a virtualenv at .venv with the project and its
# dev extra, and a Chromium for the "Terpopuler" list (Debian's package when
# running as root on Debian/Ubuntu; Playwright's browser elsewhere).
# Safe to run again: it only redoes what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
"$PYTHON" - <<'PY' || { echo "govnews needs Python >= 3.11 (set PYTHON=...)" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.govnews-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing govnews and its dependencies into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[dev]"
    echo "$want" > "$stamp"
fi

# A browser for the popular list. GOVNEWS_CHROMIUM names one explicitly.
if [ -n "${GOVNEWS_CHROMIUM:-}" ]; then
    echo "setup: using GOVNEWS_CHROMIUM=$GOVNEWS_CHROMIUM"
elif command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
    :
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
else
    echo "setup: no chromium found; trying Playwright's own browser download"
    .venv/bin/python -m playwright install chromium || echo "setup: no browser available; runs will record the popular list as not observed" >&2
fi

# Debian's hunspell-id: ~770 Indonesian roots more for the typo rule's lexicon
# (govnews.cleaning.lexicon). Optional: without it cleaning still works and
# only leaves more unknown words as warnings.
if [ ! -f /usr/share/hunspell/id_ID.dic ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's hunspell-id"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq hunspell-id >/dev/null || { apt-get update -qq && apt-get install -y -qq hunspell-id >/dev/null; } \
        || echo "setup: hunspell-id not installed; the typo lexicon is smaller without it" >&2
fi
# Debian's redis-server: the shared frontier and state of several workers
# (govnews.distributed, README "Scaling out"); the tests start their own on a
# free loopback port. Optional for one-process crawls.
if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Debian's redis-server"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; } \
            || echo "setup: redis-server not installed; the distributed tests need it" >&2
    else
        echo "setup: no redis-server found; install it to run several workers (and tests/distributed)" >&2
    fi
fi
echo "setup: ready"
