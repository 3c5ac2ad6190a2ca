#!/usr/bin/env bash
# The main job on the bundled sample site: set up, generate the site, serve it on
# loopback, crawl it into output/ and print the run's summary.
#   bash scripts/demo.sh [--articles N]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

ARTICLES=40
while [ $# -gt 0 ]; do
    case "$1" in
        --articles) ARTICLES=$2; shift 2 ;;
        *) echo "usage: bash scripts/demo.sh [--articles N]" >&2; exit 2 ;;
    esac
done

SITE=.sample-site
.venv/bin/python scripts/sample_site.py generate --out "$SITE" --articles "$ARTICLES" --seed 1
LOG=$(mktemp)
.venv/bin/python scripts/sample_site.py serve "$SITE" --port 0 > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 100); do
    grep -q "^serving " "$LOG" && break
    sleep 0.1
done
BASE_URL=$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$LOG" | head -n1)
[ -n "$BASE_URL" ] || { echo "sample site did not start:" >&2; cat "$LOG" >&2; exit 1; }
echo "demo: crawling the sample site at $BASE_URL into output/"

status=0
.venv/bin/scrapy crawl gonews -a base_url="$BASE_URL" -a max_pages=1000 \
    -s AUTOTHROTTLE_ENABLED=False -s DOWNLOAD_DELAY=0 -s CONCURRENT_REQUESTS_PER_DOMAIN=16 \
    -s LOG_LEVEL=WARNING || status=$?
.venv/bin/govnews report output
exit $status
