"""One crawl run: its id and files (``run``), its health verdict (``health``),
its report on disk (``extensions.RunReport``) and the text view of it (``report``)."""
