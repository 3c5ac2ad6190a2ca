"""Generate and serve the loopback multi-site sample (fictional news sites in common CMS shapes).

    python scripts/multisite.py --out DIR [--seed S] [--serve] [--port 8101]

With ``--serve`` each site gets its own 127.0.0.1 port (consecutive from
``--port``; 0 picks free ones), printed as ``DOMAIN PUBLIC_URL http://127.0.0.1:PORT``.
"""
from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.multisite import generate_multisite, serve_multisite  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help="serve the sites until interrupted")
    parser.add_argument("--port", type=int, default=0, help="first port; the next sites take the following ones")
    args = parser.parse_args(argv)
    records = generate_multisite(args.out, args.seed)
    print(f"wrote {len(records)} sites to {args.out}: {', '.join(r['domain'] for r in records)}", flush=True)
    if not args.serve:
        return 0
    ports = [args.port + number if args.port else 0 for number in range(len(records))]
    try:
        with serve_multisite(args.out, ports) as sites:
            for site in sites:
                print(f"serving {site.domain} {site.public_base_url} {site.base_url}", flush=True)
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
