"""The built wheel works on its own: installed into a fresh virtualenv, run from a folder that is not the repository.

The wheel is built from the repository with pip, installed with its
dependencies from the configured index into a new virtualenv (no system site
packages, no pip of its own: this environment's pip installs into it), and
``scrapy crawl gonews`` runs with ``SCRAPY_SETTINGS_MODULE=govnews.settings``
from an empty temporary folder, with no ``PYTHONPATH``, against the loopback
sample site. So the package, its schemas and its data must all come from the
wheel. Takes about a minute, most of it pip installing the dependencies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sitegen.generate import generate_site, load_truth
from sitegen.server import serve_in_thread

from conftest import REPO
from crawling import FAST, manifests

PACKAGE_DATA = {"govnews/py.typed", "govnews/cleaning/data/typos_curated.tsv",
                "govnews/schemas/article.schema.json", "govnews/schemas/popular.schema.json"}
WHERE = """import json, sys, govnews, govnews.schema as s
print(json.dumps({"package": govnews.__file__, "schemas": sorted(p.name for p in s.SCHEMA_DIR.iterdir()),
                  "schema_dir": str(s.SCHEMA_DIR), "path": sys.path}))"""


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def outside_env(venv_dir: Path) -> dict[str, str]:
    """This process's environment without anything that points Python at the repository."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env["PATH"] = f"{venv_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["SCRAPY_SETTINGS_MODULE"] = "govnews.settings"
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    dist = tmp_path_factory.mktemp("dist")
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-cache-dir", "-w", str(dist), str(REPO)],
                cwd=dist)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next(dist.glob("govnews-*.whl"))
    venv_dir = tmp_path_factory.mktemp("venv") / "env"
    venv.create(venv_dir, with_pip=False, system_site_packages=False)
    python = venv_dir / "bin" / "python"
    install = run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-compile", str(wheel)],
                  cwd=dist, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    return {"wheel": wheel, "venv": venv_dir, "python": python, "build_log": built.stdout + built.stderr}


def test_wheel_carries_the_package_data_and_an_spdx_license(installed: dict[str, Any]) -> None:
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert PACKAGE_DATA <= names
    assert not any(name.startswith(("tests/", "scripts/", "schemas/")) for name in names)
    assert "License-Expression: Apache-2.0" in metadata.splitlines()
    assert "project.license` as a TOML table is deprecated" not in installed["build_log"]


def test_installed_package_finds_its_schemas_outside_the_repository(installed: dict[str, Any],
                                                                    tmp_path: Path) -> None:
    result = run([str(installed["python"]), "-c", WHERE], cwd=tmp_path, env=outside_env(installed["venv"]))
    assert result.returncode == 0, result.stderr[-3000:]
    where = json.loads(result.stdout)
    venv_dir = installed["venv"].resolve()
    assert Path(where["package"]).resolve().is_relative_to(venv_dir)
    assert Path(where["schema_dir"]).resolve().is_relative_to(venv_dir)
    assert where["schemas"] == ["article.schema.json", "popular.schema.json"]
    assert not any(Path(p).resolve().is_relative_to(REPO) for p in where["path"] if p)


def test_crawl_from_a_folder_that_is_not_the_repository(installed: dict[str, Any],
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    site = tmp_path_factory.mktemp("site")
    workdir = tmp_path_factory.mktemp("elsewhere")
    generate_site(site, article_count=12, seed_value=3)
    command = [str(installed["venv"] / "bin" / "scrapy"), "crawl", "gonews", "-a", "max_pages=40"]
    for key, value in FAST.items():
        command += ["-s", f"{key}={value}"]
    with serve_in_thread(site) as base_url:
        result = run([*command, "-a", f"base_url={base_url}"], cwd=workdir, env=outside_env(installed["venv"]))
    assert result.returncode == 0, result.stderr[-3000:]

    output = workdir / "output"  # GOVNEWS_OUTPUT_DIR's default, relative to where the crawl ran
    files = sorted((output / "articles").rglob("*.parquet"))
    assert files, sorted(p.name for p in output.rglob("*"))
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    stored = sum(a["expect"] == "store" for a in load_truth(site)["articles"])
    assert rows == stored > 0
    # Each file's Arrow schema was derived from the JSON Schema shipped in the wheel.
    ids = {pq.read_schema(f).metadata[b"govnews_schema"] for f in files}
    assert ids == {b"urn:govnews:schema:article:1"}
    (manifest,) = manifests(output)
    assert manifest["status"] == "complete", manifest
