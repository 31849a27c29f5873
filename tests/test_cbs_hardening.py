"""The CBS import with untrusted files: size limits, zip bombs and zip slip, a time limit, a swap that
fails or is killed halfway, and the rule that the shipped package (nla_data/) is never written.

Maps are built here as in tests/test_cbs_import.py; imports go into copies or into the test run's
own data directory (WIJKPERSPECTIEF_DATA_DIR, set by conftest.py), never into nla_data/.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tomllib
import zipfile
import zlib
from pathlib import Path

import pytest

from nla_data import EMBEDDED_DIR
from nla_data.__main__ import main
from nla_data.cbs import apply as cbs_apply
from nla_data.cbs import limits, worker
from nla_data.cbs_import import (CbsImportError, apply_import, import_target, prepare_import, prepare_upload,
                                 read_cbs, recover_leftovers)
from nla_data.settings import DATA_DIR_ENV, PACKAGE_ENV, settings
from nla_data.problems import dutch_number
from nla_data.validate import validate_package
from tests.test_cbs_import import LONG, cbs_frame, hashes, package_at, pkg, plan_for, write_gpkg  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def gpkg(tmp_path: Path) -> Path:
    return write_gpkg(tmp_path / "wijkenbuurten_2015.gpkg", cbs_frame(LONG))


def problems_text(plan) -> str:
    return " | ".join(str(p) for p in plan.problems)


def leftovers(pkg: Path) -> list[str]:
    return sorted(p.name for p in pkg.parent.iterdir()
                  if p.name.startswith(f".{pkg.name}.import-") or p.name.startswith(f".{pkg.name}.backup-"))


# --- zips are checked from their directory, before GDAL unpacks anything -------------------------


def zip_bomb(path: Path, unpacked: int = 2 * 1024 * MB) -> Path:
    """A zip with one member of `unpacked` zero bytes (2 GiB), written in 1 MiB chunks; about 2 MB.

    After a full flush a deflate stream starts afresh, so every chunk of zeros compresses to the same
    bytes: one chunk is compressed and its output repeated, through zipfile's own member writer (which
    still counts the sizes and the CRC of every chunk). Nothing of the 2 GiB is ever kept."""
    chunk = bytes(MB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)

    class Repeating:
        def compress(self, data: bytes) -> bytes:
            assert data == chunk
            return block

        def flush(self) -> bytes:
            return zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # the final, empty block

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("buurten_2015.geojson", "w", force_zip64=True) as member:
            member._compressor = Repeating()  # noqa: SLF001 - see the docstring
            for _ in range(unpacked // MB):
                member.write(chunk)
    return path


def test_the_zip_bomb_is_a_real_deflate_stream(tmp_path):
    small = zip_bomb(tmp_path / "klein.zip", unpacked=8 * MB)
    with zipfile.ZipFile(small) as archive:
        assert archive.read("buurten_2015.geojson") == bytes(8 * MB)  # sizes and CRC are checked on reading


def test_a_zip_that_unpacks_to_2_gib_is_refused_before_gdal_opens_it(tmp_path, pkg, monkeypatch):  # noqa: F811
    bomb = zip_bomb(tmp_path / "WijkBuurtkaart_2015.zip")
    assert bomb.stat().st_size < 3 * MB
    opened = []
    monkeypatch.setattr("nla_data.cbs.read.pyogrio.read_info", lambda *a, **k: opened.append(a))
    with pytest.raises(CbsImportError) as refused:
        read_cbs(bomb)
    assert not opened, "GDAL was asked to open the zip"
    message = str(refused.value)
    assert "pakt uit tot 2.048 MB; hoogstens 2.000 MB" in message, message
    # The same through an upload (read in a child process).
    plan = prepare_upload(bomb.name, bomb.read_bytes(), package_at(pkg))
    assert not plan.ok and "pakt uit tot 2.048 MB" in problems_text(plan)


def test_a_member_compressed_more_than_100_times_is_refused(tmp_path):
    path = tmp_path / "buurten.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("buurten.geojson", bytes(20 * MB))
    with pytest.raises(CbsImportError, match="verdacht sterk ingepakt .meer dan 100 keer.: buurten.geojson"):
        read_cbs(path)


def test_a_zip_with_too_many_members_is_refused(tmp_path):
    path = tmp_path / "buurten.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(limits.MAX_MEMBERS + 1):
            archive.writestr(f"deel-{number}.txt", "")
    expected = f"bevat {dutch_number(limits.MAX_MEMBERS + 1)} bestanden; hoogstens {dutch_number(limits.MAX_MEMBERS)}:"
    with pytest.raises(CbsImportError, match=expected):
        read_cbs(path)


def test_a_crowded_zip_is_refused_in_english_with_the_numbers_written_the_english_way(tmp_path):
    path = tmp_path / "buurten.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(1_001):
            archive.writestr(f"deel-{number}.txt", "")
    with pytest.raises(CbsImportError) as refused:
        read_cbs(path)
    [problem] = refused.value.problems
    assert problem.text("nl") == ("het zip-bestand bevat 1.001 bestanden; hoogstens 1.000: dit is geen Wijk- en "
                                  "buurtkaart")
    assert problem.text("en") == "the zip file holds 1,001 files; at most 1,000: this is not a Wijk- en buurtkaart"


@pytest.mark.parametrize("member", ["../../buurten.geojson", "/tmp/buurten.geojson", "kaart/../../buurten.shp",
                                    "C:\\buurten.geojson", "..\\buurten.geojson"])
def test_a_zip_member_outside_the_folder_is_refused(member, tmp_path):
    path = tmp_path / "buurten.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("buurten_2015.geojson", '{"type": "FeatureCollection", "features": []}')
        archive.writestr(zipfile.ZipInfo(member), '{"type": "FeatureCollection", "features": []}')
    with pytest.raises(CbsImportError, match="onveilig pad"):
        read_cbs(path)


def test_a_zip_inside_a_zip_is_not_opened(tmp_path):
    inner = tmp_path / "binnen.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("buurten_2015.geojson", '{"type": "FeatureCollection", "features": []}')
    outer = tmp_path / "buiten.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, "binnen.zip")
    with pytest.raises(CbsImportError, match="bevat alleen weer een zip-bestand .binnen.zip.; pak dat eerst uit"):
        read_cbs(outer)


# --- sizes ---------------------------------------------------------------------------------------


def test_the_upload_limit_is_the_same_in_streamlit_and_in_the_import():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * MB == limits.MAX_UPLOAD_BYTES


def test_an_upload_over_the_limit_is_refused_unread(pkg, monkeypatch):  # noqa: F811
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", MB)
    plan = prepare_upload("buurten.gpkg", bytes(2 * MB), package_at(pkg))
    assert not plan.ok
    assert problems_text(plan) == "buurten.gpkg: het bestand is te groot (2 MB; hoogstens 1 MB)"


def test_a_file_over_the_limit_is_refused_by_the_command_line(tmp_path, pkg):  # noqa: F811
    big = tmp_path / "buurten.gpkg"
    with open(big, "wb") as file:  # sparse: no disk space is used
        file.truncate(limits.MAX_FILE_BYTES + MB)
    before = hashes(pkg)
    assert main(["import-cbs", str(big), "--into", str(pkg)]) == 1
    with pytest.raises(CbsImportError, match=r"te groot \(2\.001 MB; hoogstens 2\.000 MB\)"):
        read_cbs(big)
    assert hashes(pkg) == before


def test_a_file_too_large_says_its_size_the_english_way_in_english(tmp_path, pkg, monkeypatch):  # noqa: F811
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", MB)
    [upload] = prepare_upload("buurten.gpkg", bytes(5 * MB // 2), package_at(pkg)).problems
    assert upload.text("nl") == "het bestand is te groot (2,5 MB; hoogstens 1 MB)"
    assert upload.text("en") == "the file is too large (2.5 MB; at most 1 MB)"
    big = tmp_path / "buurten.gpkg"
    with open(big, "wb") as file:  # sparse: no disk space is used
        file.truncate(limits.MAX_FILE_BYTES + MB)
    with pytest.raises(CbsImportError) as refused:
        read_cbs(big)
    assert [p.text("en") for p in refused.value.problems] == ["the file is too large (2,001 MB; at most 2,000 MB)"]


def test_a_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "buurten.geojson"
    os.mkfifo(fifo)
    with pytest.raises(CbsImportError, match="geen gewoon bestand"):
        read_cbs(fifo)


# --- the time limit ------------------------------------------------------------------------------


def test_reading_and_planning_stop_at_the_time_limit(tmp_path, pkg):  # noqa: F811
    path = gpkg(tmp_path)  # starting a child process alone takes longer than 0.01 s
    plan = prepare_upload(path.name, path.read_bytes(), package_at(pkg), time_limit=0.01)
    assert not plan.ok
    assert problems_text(plan) == ("wijkenbuurten_2015.gpkg: de import duurde langer dan 0,01 seconden en is "
                                   "afgebroken")
    assert plan.problems[0].text("en") == "the import took longer than 0.01 seconds and was stopped"
    assert not worker_children(), "the child was killed and reaped"


def worker_children() -> list[int]:
    """Child processes of this one that run the import worker (Linux /proc)."""
    found = []
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            command = (folder / "cmdline").read_bytes()
            parent = int((folder / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"nla_data.cbs.worker" in command and parent == os.getpid():
            found.append(int(folder.name))
    return found


def test_the_child_process_gives_the_same_plan_with_progress(tmp_path, pkg):  # noqa: F811
    path = gpkg(tmp_path)
    seen = []
    plan = prepare_upload(path.name, path.read_bytes(), package_at(pkg), progress=lambda f, m: seen.append((f, m)))
    assert plan.ok, plan.problems
    here = plan_for(pkg, path)
    assert plan.files == here.files and plan.base == here.base and plan.package_dir == str(pkg)
    assert seen[0] == (0.0, "bestand lezen") and seen[-1][0] == 1.0
    # the steps come back from the child with their English too (the page's progress bar may be in English)
    assert [m.in_("en") for _, m in seen][:2] == ["reading the file", "recognising the columns"]
    assert seen[-1][1].in_("en") == "done"
    # the notes come back from the child with their English
    english = [note.text("en") for note in plan.notes]
    assert english == [note.text("en") for note in here.notes] != [note.text("nl") for note in here.notes]
    assert "1 column not imported (unknown): aantal_mannen" in english


def test_the_command_line_has_the_time_limit_too(tmp_path, pkg, monkeypatch, capsys):  # noqa: F811
    monkeypatch.setattr(worker, "TIME_LIMIT_S", 0.01)
    before = hashes(pkg)
    assert main(["import-cbs", str(gpkg(tmp_path)), "--into", str(pkg)]) == 1
    assert "de import duurde langer dan 0,01 seconden en is afgebroken" in capsys.readouterr().err
    assert hashes(pkg) == before


# --- the swap: any failure rolls back; a killed import is cleaned up by the next -----------------


def test_any_exception_during_the_swap_rolls_back(tmp_path, pkg, monkeypatch):  # noqa: F811
    plan = plan_for(pkg, gpkg(tmp_path))
    before = hashes(pkg)
    real_replace, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) > 1:  # the first file is swapped, then everything fails
            raise RuntimeError("onverwacht")
        return real_replace(src, dst)

    monkeypatch.setattr(cbs_apply.os, "replace", failing)
    monkeypatch.setattr(cbs_apply, "validate_package", lambda folder: [])  # the swap is under test here
    problems = apply_import(plan, pkg)
    assert [p.message for p in problems] == [
        "schrijven mislukt, het pakket is niet gewijzigd (RuntimeError: onverwacht)"]
    assert hashes(pkg) == before
    assert leftovers(pkg) == []


KILL_AFTER = """
import os, pickle, signal, sys
from nla_data.cbs import apply
plan = pickle.loads(open(sys.argv[1], "rb").read())
real, step = {name}, []
def killing(*args, **kwargs):
    step.append(args)
    if len(step) == {when}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
{patch} = killing
apply.apply_import(plan, sys.argv[2])
raise SystemExit("not killed")
"""


def killed_import(plan, pkg: Path, tmp_path: Path, name: str, patch: str, when: int) -> None:
    """Run apply_import in another process and kill it (SIGKILL) at call number `when` of `name`."""
    plan_file = tmp_path / "plan.pickle"
    plan_file.write_bytes(pickle.dumps(plan))
    script = KILL_AFTER.format(name=name, patch=patch, when=when)
    result = subprocess.run([sys.executable, "-c", script, str(plan_file), str(pkg)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == -9, result.stderr[-2000:]


def test_an_import_killed_halfway_through_the_swap_is_rolled_back_by_the_next(tmp_path, pkg):  # noqa: F811
    plan = plan_for(pkg, gpkg(tmp_path))
    before = hashes(pkg)
    killed_import(plan, pkg, tmp_path, "apply.os.replace", "apply.os.replace", when=4)  # manifest, 2 files
    assert hashes(pkg) != before, "the package is half old, half new"
    assert any(name.startswith(".pakket.backup-") for name in leftovers(pkg))
    notes = recover_leftovers(pkg)  # as the next import (command line, page) starts
    assert [n.message.split(" (")[0] for n in notes] == ["een onderbroken import is teruggedraaid"]
    assert hashes(pkg) == before
    assert leftovers(pkg) == []
    assert apply_import(plan, pkg) == []  # and the plan, made before, still applies
    assert validate_package(pkg) == []


def test_an_import_killed_after_its_swap_keeps_the_new_package(tmp_path, pkg):  # noqa: F811
    plan = plan_for(pkg, gpkg(tmp_path))
    before = hashes(pkg)
    killed_import(plan, pkg, tmp_path, "apply.shutil.rmtree", "apply.shutil.rmtree", when=1)  # the backup's
    after = hashes(pkg)
    assert after != before and leftovers(pkg)
    assert recover_leftovers(pkg) == []
    assert hashes(pkg) == after and leftovers(pkg) == []
    assert validate_package(pkg) == []


def test_leftover_folders_are_removed_when_the_next_import_starts(tmp_path, pkg):  # noqa: F811
    plan = plan_for(pkg, gpkg(tmp_path))
    staging = pkg.parent / ".pakket.import-0123456789ab"
    shutil.copytree(pkg, staging)
    (pkg.parent / ".pakket.backup-0123456789ab" / "data").mkdir(parents=True)  # killed while backing up
    assert apply_import(plan, pkg) == []
    assert leftovers(pkg) == []


# --- the shipped package is only ever read -------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A fresh data directory, and the app pointed at the embedded package (no NLA_DATA)."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(PACKAGE_ENV, raising=False)
    return folder


def test_the_command_line_imports_the_embedded_package_into_the_data_directory(tmp_path, data_dir, capsys):
    before = hashes(EMBEDDED_DIR / "data") | {"datapackage.json": hashes(EMBEDDED_DIR)["datapackage.json"]}
    path = gpkg(tmp_path)
    assert main(["import-cbs", str(path), "--dry-run"]) == 0
    assert not settings().imported_package.exists(), "a dry run writes nothing, not even the copy"
    assert main(["import-cbs", str(path)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    imported = data_dir / "pakket"
    assert f"OK: geïmporteerd in {imported}" in out and "ingebouwde pakket is niet gewijzigd" in out
    assert hashes(EMBEDDED_DIR / "data") | {"datapackage.json": hashes(EMBEDDED_DIR)["datapackage.json"]} == before
    assert validate_package(imported) == []
    assert '"officieel"' in (imported / "data" / "buurtgrenzen.geojson").read_text(encoding="utf-8")
    assert settings().package_dir() == imported.resolve()  # the app uses it from now on
    assert main(["import-cbs", str(path)]) == 0  # a second import goes into that copy
    assert leftovers(imported) == []


def test_into_the_embedded_package_is_refused(tmp_path, data_dir, capsys):
    assert main(["import-cbs", str(gpkg(tmp_path)), "--into", str(EMBEDDED_DIR)]) == 1
    err = capsys.readouterr().err
    assert "het ingebouwde pakket" in err and "wordt nooit gewijzigd" in err
    assert not settings().imported_package.exists()


def test_apply_import_refuses_the_embedded_package_and_import_target_redirects(tmp_path, data_dir):
    plan = prepare_import(gpkg(tmp_path), package_at(EMBEDDED_DIR))
    assert plan.ok
    problems = apply_import(plan, EMBEDDED_DIR)
    assert len(problems) == 1 and "wordt nooit gewijzigd" in problems[0].message
    assert import_target(EMBEDDED_DIR) == settings().imported_package
    assert apply_import(plan, import_target(EMBEDDED_DIR)) == []
    assert validate_package(settings().imported_package) == []


def test_the_beheer_page_imports_the_embedded_package_into_the_data_directory(tmp_path, data_dir, monkeypatch):
    from nla_data.package import read_package
    from pages.beheer import PLAN_KEY
    from tests.apptest import open_page, sign_in

    monkeypatch.setenv("NLA_DATABASE_URL", f"sqlite:///{tmp_path}/beheer.sqlite")
    before = hashes(EMBEDDED_DIR / "data")
    plan = prepare_import(gpkg(tmp_path), read_package(EMBEDDED_DIR))
    at = sign_in(open_page("beheer"), "beheer")
    at.session_state[PLAN_KEY] = plan
    at.run()
    at.button(key="beheer:apply").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["Geïmporteerd: CBS Wijk- en buurtkaart 2015."]
    assert hashes(EMBEDDED_DIR / "data") == before
    assert validate_package(data_dir / "pakket") == []
    assert settings().package_dir() == (data_dir / "pakket").resolve()
