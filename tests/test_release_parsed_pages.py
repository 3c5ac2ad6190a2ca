"""A response's parsed tree is dropped once its callback's output is used up, and reparsed if asked again."""
from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator

from scrapy.http import HtmlResponse

from govnews.middlewares import ReleaseParsedPages

PAGE = b"<html><body><h1>Judul</h1><a href='/a'>a</a></body></html>"


def _callback(response: HtmlResponse) -> list[str]:
    return response.css("a::attr(href)").getall()


def test_tree_freed_after_the_output_without_waiting_for_the_collector() -> None:
    response = HtmlResponse("http://127.0.0.1/x", body=PAGE, encoding="utf-8")
    selector = weakref.ref(response.selector)
    gc.disable()  # the release must not depend on the cyclic collector
    try:
        output = list(ReleaseParsedPages().process_spider_output(response, iter(_callback(response))))
        assert output == ["/a"]
        assert selector() is None
    finally:
        gc.enable()
    assert response.css("h1::text").get() == "Judul"


def test_async_output_too() -> None:
    response = HtmlResponse("http://127.0.0.1/x", body=PAGE, encoding="utf-8")
    selector = weakref.ref(response.selector)

    async def results() -> AsyncIterator[str]:
        for href in _callback(response):
            yield href

    async def consume() -> list[str]:
        return [o async for o in ReleaseParsedPages().process_spider_output_async(response, results())]

    gc.disable()
    try:
        assert asyncio.run(consume()) == ["/a"]
        assert selector() is None
    finally:
        gc.enable()
