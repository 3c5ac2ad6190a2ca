"""Print a run's summary from its manifest: ``python -m govnews.runs.report [output_dir] [run_id]``.

Without a run id it shows the newest run in ``<output_dir>/_runs/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def latest_manifest(output_dir: Path) -> Path:
    manifests = sorted((output_dir / "_runs").glob("*.json"))
    if not manifests:
        raise FileNotFoundError(f"no run manifest in {output_dir / '_runs'}")
    return max(manifests, key=lambda p: json.loads(p.read_text("utf-8"))["started_at"])


def render(manifest: dict[str, Any]) -> str:
    """A one-screen text summary of a run manifest."""
    summary = manifest["summary"]
    health = manifest["health"]
    lines = [
        f"run {manifest['run_id']} ({manifest['spider']}): {manifest['status']}, "
        f"{manifest.get('duration_seconds') or 0:.1f} s",
        f"  articles stored:      {summary['articles_stored']}",
        f"  articles quarantined: {summary['articles_quarantined']}"
        + (f"  -> {manifest['quarantine_file']}" if manifest.get("quarantine_file") else ""),
    ]
    for reason, count in sorted(summary["quarantined_by_reason"].get("article", {}).items()):
        lines.append(f"      {reason}: {count}")
    if summary.get("popular_entries_stored"):
        lines.append(f"  popular entries:      {summary['popular_entries_stored']}")
    for key, label in (
        ("articles_new", "new articles"),
        ("articles_new_versions", "new versions"),
        ("articles_skipped_as_stored", "skipped, already stored"),
        ("articles_skipped_as_quarantined", "skipped, quarantined recently"),
        ("articles_skipped_as_dead", "skipped, answered 404/410 before (back-off)"),
        ("articles_answered_dead", "answered 404/410, remembered as dead"),
        ("dead_links_given_up", "dead links given up"),
        ("articles_unchanged", "fetched again, unchanged"),
        ("listings_stopped_early", "listings stopped early"),
    ):
        if summary.get(key):
            lines.append(f"  {label}: {summary[key]}")
    if summary.get("failed_by_reason"):
        lines.append(f"  failed by reason: {summary['failed_by_reason']}")
    lines.append("  fixes by rule:")
    lines.extend(f"      {rule}: {count}" for rule, count in summary["fixes_by_rule"].items())
    lines.append(f"  pages by status: {summary['pages_by_status']}")
    if summary["errors_by_type"]:
        lines.append(f"  errors by type: {summary['errors_by_type']}")
    lines.append(f"  files written: {len(manifest['files'])} ({manifest['rows']})")
    for record in manifest["files"]:
        lines.append(f"      {record['path']}  rows={record['rows']}")
    archives = manifest.get("archive_files") or []
    if archives or summary.get("pages_archived"):
        archived = sum(f["bytes"] for f in archives)
        lines.append(f"  WARC files written: {len(archives)} ({summary.get('pages_archived', 0)} pages, {archived} bytes)")
        for record in archives:
            lines.append(f"      {record['path']}  responses={record['rows']}")
    if summary.get("archived_pages_read"):
        lines.append(f"  archived pages read: {summary['archived_pages_read']}")
    if summary.get("archived_records_skipped"):
        lines.append(f"  archived records skipped: {summary['archived_records_skipped']}")
    if summary.get("storage_failure"):
        lines.append(f"  storage failure: {summary['storage_failure']}")
    verdict = "healthy" if health["healthy"] else "UNHEALTHY: " + "; ".join(health["reasons"])
    lines.append(f"  health: {verdict}")
    return "\n".join(lines)


def run_manifests(output_dirs: list[Path], run_id: str) -> list[dict[str, Any]]:
    """The manifests of every worker of the distributed run ``run_id`` in these folders.

    A worker's own run id is ``<run_id>_<worker>`` (``govnews.distributed``);
    a folder shared by several workers holds several of them."""
    found: dict[str, dict[str, Any]] = {}
    for output_dir in output_dirs:
        for path in sorted((output_dir / "_runs").glob(f"{run_id}_*.json")):
            manifest = json.loads(path.read_text("utf-8"))
            if manifest.get("stats", {}).get("govnews/distributed/run_id", run_id) == run_id:
                found[manifest["run_id"]] = manifest
    return [found[name] for name in sorted(found)]


def render_run(run_id: str, manifests: list[dict[str, Any]]) -> tuple[str, bool]:
    """The run as a whole, then one line per worker; and whether the run was healthy
    (every worker healthy, as one process would have to be)."""
    totals: dict[str, int] = {"stored": 0, "quarantined": 0}
    failures: dict[str, int] = {}
    reasons: list[str] = []
    rows = []
    for manifest in manifests:
        summary, health = manifest.get("summary", {}), manifest.get("health", {})
        worker = manifest["run_id"].removeprefix(f"{run_id}_")
        stored, quarantined = summary.get("articles_stored", 0), summary.get("articles_quarantined", 0)
        totals["stored"] += stored
        totals["quarantined"] += quarantined
        for reason, count in (summary.get("failed_by_reason") or {}).items():
            failures[reason] = failures.get(reason, 0) + count
        why = "; ".join(health.get("reasons") or []) or f"did not finish (status {manifest.get('status')})"
        healthy = bool(health.get("healthy")) and manifest.get("status") == "complete"
        verdict = "healthy" if healthy else f"UNHEALTHY: {why}"
        if not healthy:
            reasons.append(f"worker {worker}: {why}")
        rows.append(
            f"    {worker}: {manifest.get('status')}, {stored} stored, {quarantined} quarantined, {verdict}"
        )
    if not manifests:
        reasons.append("no worker's report found")
    healthy = not reasons
    lines = [
        f"run {run_id}: {len(manifests)} workers",
        f"  articles stored:      {totals['stored']}",
        f"  articles quarantined: {totals['quarantined']}",
    ]
    if failures:
        lines.append(f"  failed by reason: {dict(sorted(failures.items()))}")
    lines.append("  health: " + ("healthy" if healthy else "UNHEALTHY: " + "; ".join(reasons)))
    lines.append("  workers:")
    lines.extend(rows)
    return "\n".join(lines), healthy
