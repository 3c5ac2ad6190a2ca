"""Words per second ``clean_text`` cleans on its first pass over text it has not seen.

    python scripts/bench_cleaning.py SITE_DIR [--articles 2000]

Run in a fresh process so no cache (the typo checker's per-word memo, the
lexicon's lookups) is warm from an earlier pass. The lexicons are loaded by
one warm-up call on a text of its own (the first article), then the next
``--articles`` bodies of the site are cleaned once each, timed in CPU
seconds. On the realistic site (``sitegen.realistic``) the vocabulary keeps
bringing new words, as real text does, so this is the rate a crawl sees.
Prints one JSON object: ``{"words", "cpu_s", "words_per_s", "articles"}``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]


def bodies(site_dir: Path, limit: int) -> list[str]:
    texts = []
    with (site_dir / "truth-articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            texts.append("\n\n".join(json.loads(line)["body_paragraphs"]))
            if len(texts) > limit:
                break
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args(argv)
    from govnews.cleaning.text import clean_text

    texts = bodies(args.site, args.articles)
    clean_text(texts[0])
    measured = texts[1:]
    started = time.process_time()
    for text in measured:
        clean_text(text)
    cpu = time.process_time() - started
    words = sum(len(text.split()) for text in measured)
    print(json.dumps({"words": words, "cpu_s": cpu, "words_per_s": words / cpu if cpu else 0.0,
                      "articles": len(measured)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
