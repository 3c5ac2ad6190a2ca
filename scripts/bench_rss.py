"""Run a command and record its peak RSS and CPU time, as the kernel accounts them.

    python scripts/bench_rss.py OUT.json -- COMMAND [ARG ...]

Why a separate small process: Linux carries a process's RSS high-water mark
across ``fork`` and ``exec``, so a crawl started directly by the benchmark (by
then holding hundreds of MB of parsed pages) would report the benchmark's own
peak. Started from this small interpreter, the crawl's ``ru_maxrss`` is its
own. Writes ``{"exit_code", "max_rss_bytes", "user_s", "system_s"}`` and exits
with the command's exit code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    out_path, command = Path(argv[0]), argv[2:]
    process = subprocess.Popen(command)
    try:
        _, status, usage = os.wait4(process.pid, 0)
    except KeyboardInterrupt:
        process.kill()
        raise
    process.returncode = os.waitstatus_to_exitcode(status)
    out_path.write_text(
        json.dumps({
            "exit_code": process.returncode,
            # Linux reports ru_maxrss in KiB.
            "max_rss_bytes": usage.ru_maxrss * 1024,
            "user_s": usage.ru_utime,
            "system_s": usage.ru_stime,
        }),
        encoding="utf-8",
    )
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
