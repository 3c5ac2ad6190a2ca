"""Indonesian news boilerplate: the rules as data, and small pure predicates.

Three kinds of rule, because boilerplate shows itself three ways:

- markup that is never body (``SKIPPED_TAGS``, embedded posts);
- elements whose class or id names a non-body role (share bars, related
  links, ads, captions, credits, ratings): ``is_boilerplate_element``;
- paragraphs whose text is a promo, a credit or a notice ("Baca juga: ...",
  "ADVERTISEMENT", "Penulis: ...", "COPYRIGHT © ..."): ``is_boilerplate_text``;
  and, at the end of a story, lines after which nothing is body any more
  (``ends_body``).
"""

from __future__ import annotations

import re

# Never body text, whatever their class: their subtrees are not walked.
SKIPPED_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "video",
        "audio", "canvas", "svg", "form", "button", "select", "textarea", "input",
        "figure", "figcaption", "nav", "aside", "footer", "header", "head", "title",
        "ins", "map", "picture", "img", "link", "meta",
    }
)  # fmt: skip

# Class names of embedded posts (twitter, instagram, tiktok, facebook).
_EMBED_CLASSES = re.compile(r"twitter-tweet|instagram-media|tiktok-embed|fb-post|twitter-video", re.I)

# Words in a class or id that name a role other than the story's text
# ("widget" is not one: page builders such as Elementor wrap the story in one). Matched
# as whole dash/underscore-separated parts of the name, so "shared-content"
# does not match "share" but "share-bar" does.
_ROLE_WORDS = (
    r"share|sharer|social|sosmed|related|terkait|baca|bacajuga|readmore|read-also|also|"
    r"lihat|simak|promo|ads?|advert\w*|iklan|banner|sponsor\w*|parallax|"
    r"caption|pic|photo|foto|gallery|galeri|thumb\w*|embed\w*|"
    r"credit|author|penulis|editor|byline|tags?|topic|topik|keyword\w*|"
    r"rating|rate|vote|reaction|emoji|comments?|komentar|disqus|"
    r"breadcrumbs?|nav\w*|menu|sidebar|footer|header|newsletter|subscribe|"
    r"popular|populer|terpopuler|trending|recommend\w*|rekomendasi|"
    r"copyright|login|paging|pagination"
)
_ROLE = re.compile(rf"^(?:{_ROLE_WORDS})\d*$", re.I)
_PARTS = re.compile(r"[\s_\-]+")


def is_embedded_post(class_name: str) -> bool:
    """An embedded social post's blockquote or div.

    >>> is_embedded_post("twitter-tweet"), is_embedded_post("quote")
    (True, False)
    """
    return bool(_EMBED_CLASSES.search(class_name))


def is_boilerplate_element(class_and_id: str) -> bool:
    """A class/id string naming a non-body role.

    One of its names must have a role word among its dash/underscore parts.

    >>> is_boilerplate_element("share-bar")
    True
    >>> is_boilerplate_element("baca-juga-box"), is_boilerplate_element("pic_artikel")
    (True, True)
    >>> is_boilerplate_element("entry-content"), is_boilerplate_element("shared")
    (False, False)
    >>> is_boilerplate_element("detail_text"), is_boilerplate_element("ads-300")
    (False, True)
    >>> is_boilerplate_element("post-tags"), is_boilerplate_element("related-content")
    (True, True)
    >>> is_boilerplate_element("elementor-widget-container")  # page builders wrap the story in widgets
    False
    """
    for name in class_and_id.split():
        parts = [part for part in _PARTS.split(name) if part]
        if any(_ROLE.match(part) for part in parts):
            return True
    return False


# Paragraph texts that are never story text, matched at the paragraph's start.
_PROMO_STARTS = re.compile(
    r"^\W*(?:baca|simak|lihat|tonton|saksikan)\s+(?:juga|pula|selengkapnya|video|berita)\b"
    r"|^\W*(?:read|see|watch)\s+(?:also|more)\b"
    r"|^\W*(?:advertisement|iklan|scroll\s+to\s+(?:continue|resume)\b)"
    r"|^\W*(?:berita|artikel)\s+(?:terkait|lainnya|pilihan)\b"
    r"|^\W*(?:related(?:\s+(?:news|articles?|stories|posts?))?|also\s+read)\s*:"
    r"|^\W*(?:penulis|editor|reporter|pewarta|redaktur|kontributor|sumber|source|foto|photo|"
    r"video|ilustrasi|grafis|tags?|topik|kategori)\s*:"
    r"|^\W*(?:copyright|hak\s+cipta)\b|^\W*©"
    r"|^\W*rate\s+artikel|^\W*beri\s+rating|^\W*share\s+(?:this|article)\b"
    r"|^\W*(?:sebagian\s+)?artikel\s+ini\s+(?:telah|sudah)\s+(?:tayang|naik|terbit)"
    r"|^\W*laporan\s+(?:wartawan|reporter|koresponden)\b"
    # Calls to follow the site elsewhere: a verb, then within a line a channel.
    r"|^\W*(?:ikuti|gabung|join|follow|dapatkan|simak|klik|download|unduh)\s.{0,160}?"
    r"\b(?:google\s+news|whatsapp\s+channel|saluran\s+whatsapp|telegram|channel|app\s+store|play\s+store|ponselmu)\b"
    r"|^\W*kata\s+kunci\s*:|^\W*bagaimana\s+(?:reaksi|perasaan)\s+(?:anda|kamu)\b"
    r"|^\W*halaman\s+(?:selanjutnya|berikutnya|sebelumnya)\b|^\W*\[gambas:",
    re.I,
)


def is_boilerplate_text(text: str) -> bool:
    """A paragraph that is a promo, a credit, a notice or a copyright line.

    >>> is_boilerplate_text("Baca juga: Harga beras naik lagi")
    True
    >>> is_boilerplate_text("ADVERTISEMENT"), is_boilerplate_text("SCROLL TO CONTINUE WITH CONTENT")
    (True, True)
    >>> is_boilerplate_text("Simak Video 'Banjir di Kemang'"), is_boilerplate_text("Penulis: Ani")
    (True, True)
    >>> is_boilerplate_text("COPYRIGHT © 2020"), is_boilerplate_text("Sumber : Antara")
    (True, True)
    >>> is_boilerplate_text("Lihat juga video: Banjir"), is_boilerplate_text("Lihat saja nanti.")
    (True, False)
    >>> is_boilerplate_text("Laporan Wartawan Kabar.com, Ani"), is_boilerplate_text("[Gambas:Video 20x]")
    (True, True)
    >>> is_boilerplate_text("Dapatkan update berita pilihan setiap hari di Google News")
    True
    >>> is_boilerplate_text("Ikuti kami di Google News"), is_boilerplate_text("Gabung ke channel WhatsApp kami")
    (True, True)
    >>> is_boilerplate_text("Editor dan penulis bertemu di Bogor.")
    False
    >>> is_boilerplate_text("Ikuti perkembangan kasus ini, kata dia."), is_boilerplate_text("Related to this, he left.")
    (False, False)
    >>> is_boilerplate_text("Cek kesehatan bisa lewat aplikasi, kata dia.")
    False
    """
    return bool(_PROMO_STARTS.match(text))


# A line after which nothing is the story (credits blocks, "Berita Lainnya").
_END_MARKERS = re.compile(
    r"^\W*(?:berita|artikel)\s+(?:terkait|lainnya)\b|^\W*(?:copyright|hak\s+cipta)\b|^\W*©"
    r"|^\W*(?:editor|penulis|pewarta|redaktur)\s*:|^\W*artikel\s+ini\s+telah\s+(?:tayang|naik|terbit)",
    re.I,
)


def ends_body(text: str) -> bool:
    """A line that closes the story: nothing after it is body.

    >>> ends_body("Editor: Budi"), ends_body("Berita Lainnya"), ends_body("Baca juga: x")
    (True, True, False)
    """
    return bool(_END_MARKERS.match(text))


_DAY = (
    r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_DATE_STAMP = re.compile(rf"^\W*{_DAY}\W+\d{{1,2}}[\s/.-]+\w+[\s/.-]+\d{{4}}\b", re.I)
MAX_DATE_STAMP_CHARS = 80


def is_date_stamp(text: str) -> bool:
    """A byline's date line ("Senin, 15 Mei 2017 18:43 WIB | 699 Views").

    >>> is_date_stamp("Kamis, 05 November 2015 | 11:13 WIB"), is_date_stamp("Kamis ia datang.")
    (True, False)
    """
    return len(text) <= MAX_DATE_STAMP_CHARS and bool(_DATE_STAMP.match(text))


def has_words(text: str) -> bool:
    """Not a rule line or an ornament ("-----", "***").

    >>> has_words("-----"), has_words("(*)"), has_words("Ya.")
    (False, False, True)
    """
    return any(character.isalnum() for character in text)
