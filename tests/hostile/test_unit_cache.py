"""pint's disk cache of unit definitions (in crosscheck's cache folder) that is truncated, damaged,
in the way or on a full disk costs only speed: the run is the one it would have been, with no
internal error, and a damaged cache is written anew by the next run."""

from __future__ import annotations

import errno
import os
import random
from pathlib import Path

import pytest
from hostile import clean, crosscheck

ARTICLE = "The storm damaged 120 homes, police said.\n\nThe clean-up lasted two hours, officials said.\n"
OTHER = "The storm damaged 150 homes, police said.\n\nThe clean-up lasted three hours, officials said.\n"


@pytest.fixture
def work(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    return tmp_path


def _check(work: Path, cache_home: Path):
    return clean(crosscheck("check", "a.txt", "b.txt", "--no-cache", "--format", "json", "--jobs", "1",
                            cwd=work, env={"XDG_CACHE_HOME": str(cache_home)}), 0, 1)


def _pint_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "crosscheck" / "pint").glob("*.pickle"))


def _filled(work: Path) -> tuple[Path, str]:
    """A cache folder that a first run filled, and that run's report."""
    home = work / "cache-home"
    first = _check(work, home)
    assert _pint_files(home), "the first run wrote pint's cache"
    return home, first.out


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 3])


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(15)
    for _ in range(max(1, len(data) // 50)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))


_SLOW = pytest.mark.slow  # each case runs crosscheck three times, pint's registry built anew: tox runs them all


@pytest.mark.parametrize("damage", [pytest.param(_truncate, id="truncated"),
                                    pytest.param(_garble, id="garbled", marks=_SLOW),
                                    pytest.param(lambda p: p.write_bytes(b""), id="empty", marks=_SLOW),
                                    pytest.param(lambda p: p.write_bytes(os.urandom(64)), id="random-bytes", marks=_SLOW)])
def test_a_damaged_pint_cache_is_a_run_without_it_then_rebuilt(work, damage):
    home, want = _filled(work)
    for path in _pint_files(home):
        damage(path)
    assert _check(work, home).out == want
    rebuilt = _pint_files(home)
    again = _check(work, home)
    assert again.out == want and again.err == ""
    assert _pint_files(home), "the next run wrote the cache anew"
    assert all(p.read_bytes() for p in rebuilt + _pint_files(home))


@_SLOW
def test_pint_cache_files_that_read_as_endless_zeros_are_no_error(work):
    # /dev/full reads as zeros and refuses every write: a disk cache that can be neither read nor written
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    home, want = _filled(work)
    for path in _pint_files(home):
        path.unlink()
        path.symlink_to("/dev/full")
    assert _check(work, home).out == want


@_SLOW
def test_a_cache_folder_that_is_a_file_is_no_error(work):
    home, want = _filled(work)
    pint = home / "crosscheck" / "pint"
    for p in pint.iterdir():
        p.unlink()
    pint.rmdir()
    pint.write_text("not a folder\n", encoding="utf-8")
    assert _check(work, home).out == want
    assert pint.read_text(encoding="utf-8") == "not a folder\n"  # not crosscheck's to remove


def test_a_full_disk_while_pint_writes_its_cache_is_a_registry_without_it(tmp_path, monkeypatch):
    import flexcache.flexcache as fc

    from checker.parser import units

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(fc.pickle, "dump", full)
    ureg = units.registry.__wrapped__()  # a registry built now, not the process's own
    assert ureg.Quantity(2, "hour").to("minute").magnitude == 120
    assert ureg.Quantity(3, "percentage_point").dimensionality  # crosscheck's own definitions are there
    # the half-written file pint left is gone: the next run does not read it
    assert not list((tmp_path / "crosscheck" / "pint").glob("*.pickle"))


def test_only_pints_own_files_are_removed(tmp_path):
    from checker.parser.units import _discard_pint_cache

    folder = tmp_path / "pint"
    folder.mkdir()
    mine = folder / ("a" * 40 + ".pickle")
    mine.write_bytes(b"x")
    kept = [folder / "notes.txt", folder / ("b" * 40 + ".pickle.bak"), folder / ("c" * 39 + ".json")]
    for p in kept:
        p.write_text("keep", encoding="utf-8")
    _discard_pint_cache(folder)
    _discard_pint_cache(tmp_path / "no-such-folder")
    assert not mine.exists()
    assert all(p.exists() for p in kept)
