"""Indonesian calendar words and the date strings GoNews shows readers."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

ZONE_OFFSET_HOURS: dict[str, int] = {"WIB": 7, "WITA": 8, "WIT": 9}

DAY_NAMES: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_NAMES: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
# Spellings older CMS templates still print; only these two months have one.
OLD_MONTH_NAMES: dict[int, str] = {2: "Pebruari", 11: "Nopember"}


def zone_of(zone_name: str) -> timezone:
    return timezone(timedelta(hours=ZONE_OFFSET_HOURS[zone_name]))


def format_long(local: datetime, zone_name: str, old_spelling: bool = False) -> str:
    """``Kamis, 25 Februari 2021 18:20 WIB``."""
    month = OLD_MONTH_NAMES.get(local.month) if old_spelling else None
    month = month or MONTH_NAMES[local.month - 1]
    return f"{DAY_NAMES[local.weekday()]}, {local.day} {month} {local.year} {local:%H:%M} {zone_name}"


def format_numeric(local: datetime, zone_name: str) -> str:
    """``Sabtu, 06/03/2021 10:15 WIB``."""
    return f"{DAY_NAMES[local.weekday()]}, {local:%d/%m/%Y %H:%M} {zone_name}"


def format_short_dm(local: datetime) -> str:
    """``Kamis (25/2/2021)``, the way reporters cite the day inside a sentence."""
    return f"{DAY_NAMES[local.weekday()]} ({local.day}/{local.month}/{local.year})"


def relative_time(age_seconds: int) -> tuple[str, int]:
    """The home page's relative time and the age a reader can infer from it."""
    if age_seconds < 60:
        return "Baru saja", 0
    if age_seconds < 3600:
        minutes = age_seconds // 60
        return f"{minutes} menit yang lalu", minutes * 60
    if age_seconds < 86400:
        hours = age_seconds // 3600
        return f"{hours} jam yang lalu", hours * 3600
    if age_seconds < 7 * 86400:
        days = age_seconds // 86400
        return f"{days} hari yang lalu", days * 86400
    weeks = age_seconds // (7 * 86400)
    return f"{weeks} minggu yang lalu", weeks * 7 * 86400


def kemarin(published_local: datetime) -> str:
    # Names a clock time rather than an age, so the truth gives it no age.
    return f"Kemarin {published_local:%H:%M}"


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()
