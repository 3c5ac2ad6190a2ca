"""The dataset's vocabulary survives the run: a word of the domain stays one."""

from __future__ import annotations

from pathlib import Path

from govnews.cleaning.typos import correct_typos
from govnews.cleaning.vocabulary import FILE_NAME, Vocabulary


def test_counts_add_up_across_runs_and_guard_the_typo_rule(tmp_path: Path) -> None:
    text = "warga menggelar tradisi mendorog di sawah"  # a coinage one edit from mendorong
    for _ in range(2):
        run = Vocabulary.in_state_dir(tmp_path, min_documents=3)
        run.observe(text)
        run.close()
    third = Vocabulary.in_state_dir(tmp_path, min_documents=3)
    assert (tmp_path / "_state" / FILE_NAME).exists()
    assert third.documents == 2 and third.document_count("mendorog") == 2
    assert correct_typos("akan mendorog", corpus=third).text == "akan mendorong"
    third.observe(text)
    assert correct_typos("akan mendorog", corpus=third).fixes == ()
    third.close()
    assert Vocabulary.in_state_dir(tmp_path).document_count("mendorog") == 3


def test_counts_are_flushed_in_batches(tmp_path: Path) -> None:
    run = Vocabulary(tmp_path / FILE_NAME, flush_every=2)
    run.observe("satu kata")
    run.observe("kata dua")
    # Not closed: a killed crawl keeps what was flushed.
    assert Vocabulary(tmp_path / FILE_NAME).document_count("kata") == 2
    run.close()
