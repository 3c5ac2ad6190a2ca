#!/usr/bin/env bash
# Set up govnews and run its whole test suite (unit, page-object, pipeline,
# end-to-end crawls over loopback, real Chromium). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
