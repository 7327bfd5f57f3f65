"""The export writes exactly the path given, atomically, and never overwrites without --force."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.cli import main
from bot.export.safe_path import OutputExists, UnsafeOutputPath, atomic_output

NOW = "2026-03-01T12:00:00Z"


@pytest.fixture
def store_env(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'store' / 'transcripts.db'}"
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", url)
    return url


def export_to(out: str, *extra: str) -> int:
    return main(["export", "--out", out, "--format", "jsonl", "--now", NOW, *extra])


def leftovers(directory: Path) -> list:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(store_env, tmp_path, capsys) -> None:
    out = tmp_path / "export.jsonl"
    out.write_text("the team's earlier export\n")
    assert export_to(str(out)) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text() == "the team's earlier export\n"

    assert export_to(str(out), "--force") == 0
    assert out.read_text() == ""  # the (empty) store's export replaced it
    assert leftovers(tmp_path) == []


def test_a_new_file_is_private_to_its_owner(store_env, tmp_path) -> None:
    out = tmp_path / "export.jsonl"
    assert export_to(str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_symlink_as_the_output_is_refused_even_with_force(store_env, tmp_path, capsys) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n")
    link = tmp_path / "export.jsonl"
    link.symlink_to(victim)
    assert export_to(str(link), "--force") == 2
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text() == "not yours\n" and link.is_symlink()


def test_a_dangling_symlink_does_not_create_its_target(store_env, tmp_path) -> None:
    target = tmp_path / "elsewhere" / "created.jsonl"
    target.parent.mkdir()
    (tmp_path / "export.jsonl").symlink_to(target)
    assert export_to(str(tmp_path / "export.jsonl"), "--force") == 2
    assert not target.exists()


def test_a_path_through_a_symlinked_directory_is_refused(store_env, tmp_path, capsys) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    assert export_to(str(tmp_path / "linked" / "export.jsonl")) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert list(real.iterdir()) == []


def test_dot_dot_cannot_climb_out_through_a_symlink(store_env, tmp_path) -> None:
    # "inside/../export.jsonl" reads as tmp_path/export.jsonl, but "inside" is a link to
    # outside/sub, so the operating system would resolve it to outside/export.jsonl.
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    (work / "inside").symlink_to(outside / "sub", target_is_directory=True)
    assert export_to(str(work / "inside" / ".." / "export.jsonl")) == 2
    assert not (outside / "export.jsonl").exists() and not (work / "export.jsonl").exists()


def test_plain_dot_dot_is_just_a_path(store_env, tmp_path, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    assert export_to("../export.jsonl") == 0
    assert (tmp_path / "export.jsonl").is_file()


@pytest.mark.parametrize("bad", ["", "somedir/", "missing-dir/export.jsonl", "."])
def test_unusable_paths_are_refused(store_env, tmp_path, monkeypatch, bad) -> None:
    (tmp_path / "somedir").mkdir()
    monkeypatch.chdir(tmp_path)
    assert export_to(bad, "--force") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somedir"]  # nothing written, store not opened


def test_a_directory_as_the_output_is_refused(store_env, tmp_path) -> None:
    (tmp_path / "export.jsonl").mkdir()
    assert export_to(str(tmp_path / "export.jsonl"), "--force") == 2
    assert (tmp_path / "export.jsonl").is_dir()


def test_a_failed_export_leaves_neither_a_partial_file_nor_a_temporary_one(tmp_path) -> None:
    out = tmp_path / "export.jsonl"
    out.write_text("previous\n")
    with pytest.raises(RuntimeError):
        with atomic_output(str(out), force=True) as handle:
            handle.write("half of an export")
            raise RuntimeError("the store went away")
    assert out.read_text() == "previous\n"
    assert leftovers(tmp_path) == []


def test_a_file_created_meanwhile_is_not_overwritten_without_force(tmp_path) -> None:
    out = tmp_path / "export.jsonl"
    with pytest.raises(OutputExists):
        with atomic_output(str(out)) as handle:
            handle.write("new export\n")
            out.write_text("someone else's file\n")  # appears while the export runs
    assert out.read_text() == "someone else's file\n"
    assert leftovers(tmp_path) == []


def test_a_directory_swapped_for_a_symlink_during_the_export_is_not_followed(tmp_path) -> None:
    work, other = tmp_path / "work", tmp_path / "other"
    work.mkdir()
    other.mkdir()
    with atomic_output(str(work / "export.jsonl")) as handle:
        handle.write("line\n")
        work.rename(tmp_path / "work-moved")
        (tmp_path / "work").symlink_to(other, target_is_directory=True)
    # the file landed in the directory that was checked, not in the symlink's target
    assert (tmp_path / "work-moved" / "export.jsonl").read_text() == "line\n"
    assert list(other.iterdir()) == []


def test_atomic_output_checks_before_writing(tmp_path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    with pytest.raises(UnsafeOutputPath):
        with atomic_output(str(tmp_path / "link"), force=True):
            pytest.fail("the block must not run")
    assert os.listdir(tmp_path) == ["link"]
