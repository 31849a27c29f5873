"""Read and plan an import in a child process, with a time limit.

GDAL reads whatever the file makes it read; a file built to keep it busy would hold a Streamlit
session (or the command line) forever. So `prepare_import` runs in a fresh Python process
(`python -m nla_data.cbs.worker`) that is killed when the time limit passes.

Why not `multiprocessing`: forking the Streamlit server, which has threads, is unsafe; and its
"spawn" and "forkserver" children first re-run the parent's `__main__`, which under Streamlit is
dashboard.py (Streamlit installs the app script as `sys.modules["__main__"]`): every import
would start the whole app once more in the child. A plain child interpreter has neither problem.

The job goes to the child, and the plan (or the error) comes back, as pickles in a private
temporary folder; progress comes back as JSON lines on the child's stdout.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from nla_data.cbs.errors import Progress
from nla_data.cbs.plan import ImportPlan, prepare_import
from nla_data.problems import ENGLISH, Problem, Said, said, shorten

TIME_LIMIT_S = 300.0  # reading and planning the national map takes about a minute
_POLL_S = 0.2
_ROOT = Path(__file__).resolve().parents[2]  # the folder holding nla_data/ and geo/

log = logging.getLogger(__name__)


def prepare_with_time_limit(path: Path | str, package, year: int | None = None, municipality: str | None = None,
                            progress: Progress | None = None, time_limit: float | None = None) -> ImportPlan:
    """`prepare_import` in a child process, stopped after `time_limit` seconds (default TIME_LIMIT_S).

    Always a plan: a time-out, a child that dies or fails become its `problems`. Writes nothing."""
    report = progress or (lambda fraction, message: None)
    limit = TIME_LIMIT_S if time_limit is None else time_limit
    name = Path(path).name
    municipality = municipality or package.info.municipality or "GM0014"

    def failed(message: Said) -> ImportPlan:
        return ImportPlan(source=name, municipality=municipality, year=year, problems=[Problem(name, message)])

    deadline = time.monotonic() + limit
    with tempfile.TemporaryDirectory(prefix="nla-cbs-plan-") as folder:
        job, result = Path(folder) / "job.pickle", Path(folder) / "plan.pickle"
        job.write_bytes(pickle.dumps((str(Path(path).resolve()), _without_entries(package), year, municipality)))
        child = subprocess.Popen([sys.executable, "-m", "nla_data.cbs.worker", str(job), str(result)], cwd=_ROOT,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        lines = _lines(child)
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return failed(_too_slow(limit))
                try:
                    line = lines.get(timeout=min(left, _POLL_S))
                except queue.Empty:
                    continue
                if line is not None:
                    try:
                        fraction, dutch, english = json.loads(line)
                    except (ValueError, TypeError):
                        continue  # not a progress line
                    report(fraction, said(dutch, english))
                    continue
                try:  # stdout closed: the child is (nearly) done
                    code = child.wait(timeout=max(deadline - time.monotonic(), 0.01))
                except subprocess.TimeoutExpired:
                    return failed(_too_slow(limit))
                if code != 0 or not result.is_file():
                    return failed(said(f"de import is onverwacht gestopt (code {code}); er is niets gewijzigd",
                                       f"the import stopped unexpectedly (code {code}); nothing was changed"))
                kind, payload = pickle.loads(result.read_bytes())
                if kind == "plan":
                    return payload
                return failed(said(f"de import is mislukt door een onverwachte fout ({payload}); "
                                   "er is niets gewijzigd",
                                   f"the import failed because of an unexpected error ({payload}); "
                                   "nothing was changed"))
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            child.stdout.close()


def _without_entries(package):
    """The package without its entries and their history: a plan does not need them, and they (names,
    contact details) have no business in a temporary file."""
    if not dataclasses.is_dataclass(package):
        return package
    empty = {name: getattr(package, name).iloc[0:0] for name in ("items", "koppelingen", "geschiedenis")
             if hasattr(package, name)}
    return dataclasses.replace(package, **empty)


def _lines(child: subprocess.Popen) -> queue.Queue:
    """The child's stdout, line by line, then None; read by a thread so that the parent can time out."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in child.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True, name="nla-cbs-progress").start()
    return lines


def _too_slow(limit: float) -> Said:
    return said(f"de import duurde langer dan {_seconds(limit)} seconden en is afgebroken",
                f"the import took longer than {_seconds(limit, ENGLISH)} seconds and was stopped")


def _seconds(value: float, lang: str = "nl") -> str:
    """300 -> '300', 0.01 -> '0,01' (the Dutch decimal comma; English '0.01')."""
    return f"{value:g}" if lang == ENGLISH else f"{value:g}".replace(".", ",")


def _child(job: str, result: str) -> None:
    # stdout is the progress channel: whatever else writes to it (GDAL, a library) goes to stderr.
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    path, package, year, municipality = pickle.loads(Path(job).read_bytes())

    def progress(fraction: float, message: Said) -> None:  # both texts: the parent's page may be in English
        print(json.dumps([fraction, str(message), message.in_(ENGLISH)]), file=channel, flush=True)

    try:
        outcome = ("plan", prepare_import(path, package, year=year, municipality=municipality, progress=progress))
    except Exception as error:  # noqa: BLE001 - whatever happens here is told to the parent
        log.error("CBS-import mislukt:\n%s", traceback.format_exc())
        outcome = ("error", f"{type(error).__name__}: {shorten(error)}")
    Path(f"{result}.tmp").write_bytes(pickle.dumps(outcome))
    Path(f"{result}.tmp").replace(result)


if __name__ == "__main__":
    _child(*sys.argv[1:3])
