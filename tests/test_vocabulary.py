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


def test_counts_span_the_file_and_the_unflushed_batch_without_loading_the_file(tmp_path: Path) -> None:
    run = Vocabulary(tmp_path / FILE_NAME, min_documents=3, flush_every=2)
    for number in range(3):
        run.observe(f"tradisi mappalili kata {'abc'[number]}x")
    # Two articles flushed to the file, one still in memory: all three count.
    assert run.document_count("mappalili") == 3 and run.is_common("mappalili")
    assert run.document_count("cx") == 1 and not run.is_common("cx")
    run.close()
    reopened = Vocabulary(tmp_path / FILE_NAME, min_documents=3)
    assert len(reopened.counts) == 0, "the stored vocabulary is read per word, not loaded whole"
    assert reopened.documents == 3 and reopened.is_common("tradisi") and reopened.document_count("ax") == 1
    reopened.close()
