"""Log lines for dropped items that say why without dumping the whole item.

A quarantined article is already written, whole and with its errors, to
``quarantine/<run_id>.jsonl``; repeating it in the log only buries the reason.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


class GovnewsLogFormatter(LogFormatter):
    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        return {
            "level": logging.WARNING,
            "msg": "Dropped: %(exception)s",
            "args": {"exception": exception},
        }
