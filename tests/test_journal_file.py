"""Journal files: read, and append a record under a lock, never losing one."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import stretchkit as sk
from stretchkit import _io
from stretchkit.exceptions import FileError


def _record(note: str = "", **fields: object) -> sk.SessionRecord:
    values: dict[str, object] = {
        "date": "2026-11-02",
        "routine": "low-mid-back",
        "level": 0.5,
        "planned": 420,
        "held": 420,
        "completed": True,
        "note": note,
    }
    return sk.SessionRecord(**{**values, **fields})  # type: ignore[arg-type]


def _records(path: Path) -> list[sk.SessionRecord]:
    journal = sk.load(path)
    assert isinstance(journal, sk.Journal)
    return list(journal)


def _notes(path: Path) -> list[str]:
    """The notes of the records in a journal file, in journal order."""
    return [r.note for r in _records(path)]


class TestReadJournal:
    """read_journal: the journal in a file, or an empty one."""

    def test_missing_file_is_an_empty_journal(self, tmp_path: Path) -> None:
        """No file yet: an empty journal, and nothing is created."""
        assert sk.Journal() == _io.read_journal(tmp_path / "j.json")
        assert [] == list(tmp_path.iterdir())

    def test_reads_a_journal(self, tmp_path: Path) -> None:
        """A journal file loads as it was dumped."""
        journal = sk.Journal(records=[_record("a"), _record("b")])
        sk.dump(journal, tmp_path / "j.toml")
        assert journal == _io.read_journal(tmp_path / "j.toml")

    def test_another_document_is_refused(self, tmp_path: Path) -> None:
        """A routine file is not a journal: the error says what it holds."""
        sk.dump(sk.catalog().routine("low-mid-back"), tmp_path / "r.json")
        with pytest.raises(sk.ValidationError, match="holds a routine document, not a journal"):
            _io.read_journal(tmp_path / "r.json")

    def test_unknown_suffix_is_refused(self, tmp_path: Path) -> None:
        """The suffix is checked before anything else."""
        with pytest.raises(sk.ValidationError, match=r"unknown format '\.txt'"):
            _io.read_journal(tmp_path / "j.txt")


class TestAppendRecord:
    """append_record: read, add, write atomically, under a lock."""

    def test_creates_a_missing_journal(self, tmp_path: Path) -> None:
        """The first record makes the file; no lock file is left behind."""
        path = tmp_path / "j.json"
        written = _io.append_record(path, _record("first"))
        assert [_record("first")] == _records(path)
        assert written == sk.load(path)
        assert ["j.json"] == [p.name for p in tmp_path.iterdir()]

    def test_appends_after_the_records_there(self, tmp_path: Path) -> None:
        """Records of the same date keep the order they were added in."""
        path = tmp_path / "j.yaml"
        for note in "abc":
            _io.append_record(path, _record(note))
        assert ["a", "b", "c"] == _notes(path)

    @pytest.mark.parametrize(
        "text",
        [
            "{not json",
            json.dumps({"stretchkit": 1, "type": "journal", "records": [{"date": "yesterday"}]}),
            json.dumps({"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"ref": "cat-cow"}]}),
        ],
        ids=["not-json", "invalid-journal", "a-routine"],
    )
    def test_a_file_that_does_not_load_is_never_overwritten(self, tmp_path: Path, text: str) -> None:
        """The error says why; the file keeps every byte it had."""
        path = tmp_path / "j.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(sk.StretchkitError):
            _io.append_record(path, _record())
        assert text == path.read_text(encoding="utf-8")
        assert ["j.json"] == [p.name for p in tmp_path.iterdir()]

    def test_refuses_what_is_not_a_record(self, tmp_path: Path) -> None:
        """Only a SessionRecord is appended."""
        with pytest.raises(sk.ValidationError, match="expected a SessionRecord"):
            _io.append_record(tmp_path / "j.json", {"date": "2026-11-02"})  # type: ignore[arg-type]
        assert not (tmp_path / "j.json").exists()

    def test_waits_for_the_lock_then_gives_up(self, tmp_path: Path) -> None:
        """While another holder has the lock, appending fails after the timeout, clearly."""
        path = tmp_path / "j.json"
        with _io.locked(path), pytest.raises(FileError, match="another process is writing it"):
            _io.append_record(path, _record(), timeout=0.2)
        assert not path.exists()
        _io.append_record(path, _record(), timeout=0.2)  # freed: it works
        assert 1 == len(_notes(path))

    def test_without_flock_a_lock_file_made_exclusively(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where there is no flock: an O_EXCL lock file, removed after; a stale one is named."""
        monkeypatch.setattr(_io, "USE_FLOCK", False)
        path = tmp_path / "j.json"
        _io.append_record(path, _record("a"))
        assert ["j.json"] == [p.name for p in tmp_path.iterdir()]
        (tmp_path / "j.json.lock").touch()  # left by a process that died
        with pytest.raises(FileError, match=r"delete .*j\.json\.lock"):
            _io.append_record(path, _record("b"), timeout=0.1)
        assert ["a"] == _notes(path)

    def test_two_processes_appending_at_once_lose_nothing(self, tmp_path: Path) -> None:
        """Two real processes add 200 records each to one file: all 400 are there, each in its order."""
        path = tmp_path / "j.json"
        script = textwrap.dedent(
            """
            import sys
            import stretchkit as sk
            from stretchkit._io import append_record

            path, tag = sys.argv[1], sys.argv[2]
            for i in range(200):
                record = sk.SessionRecord(
                    date="2026-11-02", routine="r", level=0, planned=1, held=1, completed=True,
                    note=f"{tag}-{i}",
                )
                append_record(path, record, timeout=60)
            """
        )
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", script, str(path), tag], stderr=subprocess.PIPE, text=True
            )
            for tag in ("a", "b")
        ]
        for writer in writers:
            _, err = writer.communicate(timeout=180)
            assert 0 == writer.returncode, err
        notes = _notes(path)
        assert 400 == len(notes)
        for tag in ("a", "b"):
            assert [f"{tag}-{i}" for i in range(200)] == [n for n in notes if n.startswith(tag)]
        assert ["j.json"] == [p.name for p in tmp_path.iterdir()]
