"""What an import file must stay within before GDAL reads it: its size, and for a zip its members.

An upload is untrusted input. GDAL unpacks a zip as it reads, so a small zip that unpacks to
gigabytes (a "zip bomb"), or a member named `../../x`, is refused here from the zip's directory
alone, before anything is unpacked. The limits are module constants: tests lower them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from nla_data.cbs.errors import CbsImportError, _list
from nla_data.problems import MB, Problem, number_text, said, size_text

# Streamlit refuses larger uploads itself: keep equal to server.maxUploadSize (MB) in .streamlit/config.toml.
MAX_UPLOAD_BYTES = 300 * MB
# A file given on the command line, and everything a zip unpacks to (about 2 GB: room for the national
# Wijk- en buurtkaart with all its layers).
MAX_FILE_BYTES = 2000 * MB
MAX_UNPACKED_BYTES = 2000 * MB
# Map data compresses about 3 to 10 times; a member that claims more than this is not a map.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 * MB  # small members (a .prj, a .cpg) may compress oddly: not checked
MAX_MEMBERS = 1_000  # the CBS zip holds a few dozen files


def check_size(name: str, size: int, limit: int) -> None:
    """Raise CbsImportError when `size` bytes is more than `limit`."""
    if size > limit:
        raise CbsImportError([Problem(name, said(f"het bestand is te groot ({size_text(size)}; hoogstens "
                                                 f"{size_text(limit)})",
                                                 f"the file is too large ({size_text(size, 'en')}; at most "
                                                 f"{size_text(limit, 'en')})"))])


def check_upload(name: str, size: int) -> None:
    """An upload of `size` bytes: at most MAX_UPLOAD_BYTES (Streamlit checks too; other callers do not)."""
    check_size(name, size, MAX_UPLOAD_BYTES)


def check_file(path: Path, limit: int | None = None) -> None:
    """A regular file of at most `limit` bytes (default MAX_FILE_BYTES); raises CbsImportError."""
    name = path.name
    try:
        info = path.stat()
    except OSError:
        raise CbsImportError([Problem(name, said("bestand niet gevonden", "file not found"))]) from None
    if not path.is_file():
        raise CbsImportError([Problem(name, said("dit is geen gewoon bestand (een map, apparaat of pipe)",
                                                 "this is not a regular file (a folder, device or pipe)"))])
    check_size(name, info.st_size, MAX_FILE_BYTES if limit is None else limit)


def zip_members(path: Path) -> list[str]:
    """The names of the files in the zip at `path`, after checking its directory; raises CbsImportError."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CbsImportError([Problem(name, said(f"zip-bestand is niet te lezen ({error})",
                                                 f"the zip file cannot be read ({error})"))]) from None
    files = [info for info in infos if not info.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise CbsImportError([Problem(name, said(
            f"het zip-bestand bevat {number_text(len(infos))} bestanden; hoogstens "
            f"{number_text(MAX_MEMBERS)}: dit is geen Wijk- en buurtkaart",
            f"the zip file holds {number_text(len(infos), 'en')} files; at most "
            f"{number_text(MAX_MEMBERS, 'en')}: this is not a Wijk- en buurtkaart"))])
    unsafe = [info.filename for info in infos if _unsafe(info.filename)]
    if unsafe:
        raise CbsImportError([Problem(name, said(f"het zip-bestand bevat een onveilig pad (absoluut of met '..'): "
                                                 f"{_list(unsafe, 3)}",
                                                 f"the zip file holds an unsafe path (absolute or with '..'): "
                                                 f"{_list(unsafe, 3, 'en')}"))])
    encrypted = [info.filename for info in files if info.flag_bits & 0x1]
    if encrypted:
        raise CbsImportError([Problem(name, said(f"het zip-bestand is versleuteld ({_list(encrypted, 3)})",
                                                 f"the zip file is encrypted ({_list(encrypted, 3, 'en')})"))])
    unpacked = sum(info.file_size for info in files)
    if unpacked > MAX_UNPACKED_BYTES:
        raise CbsImportError([Problem(name, said(f"het zip-bestand pakt uit tot {size_text(unpacked)}; hoogstens "
                                                 f"{size_text(MAX_UNPACKED_BYTES)}",
                                                 f"the zip file unpacks to {size_text(unpacked, 'en')}; at most "
                                                 f"{size_text(MAX_UNPACKED_BYTES, 'en')}"))])
    packed = [info for info in files
              if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1)]
    if packed:
        shown = [f"{i.filename} ({size_text(i.compress_size)} → {size_text(i.file_size)})" for i in packed]
        shown_en = [f"{i.filename} ({size_text(i.compress_size, 'en')} → {size_text(i.file_size, 'en')})"
                    for i in packed]
        raise CbsImportError([Problem(name, said(
            f"het zip-bestand is verdacht sterk ingepakt (meer dan {MAX_RATIO} keer): {_list(shown, 3)}",
            f"the zip file is suspiciously highly compressed (more than {MAX_RATIO} times): "
            f"{_list(shown_en, 3, 'en')}"))])
    return [info.filename for info in files]


def _unsafe(member: str) -> bool:
    parts = PurePosixPath(member.replace("\\", "/"))
    return parts.is_absolute() or ".." in parts.parts or (len(member) > 1 and member[1] == ":")
