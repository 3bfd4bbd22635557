"""Finding and reading the files a command works on: files and folders, recursively.

Folders are walked in sorted order (so output order is stable), version-control
folders and the temporary files of an interrupted ``fix`` are skipped, and
``include``/``exclude`` globs filter by the path relative to the folder given
and by the file name.

**Decoding** (:func:`decode`): text is UTF-8 unless ``--encoding`` names another
codec; ``auto`` keeps UTF-8 when the bytes are valid UTF-8, else detects the
encoding, Arabic first (windows-1256 when it fits, see :func:`detect`). A BOM
(UTF-8, UTF-16, UTF-32) is taken off the text and remembered, so a file is
written back with it, in the encoding it was read in.

**Binary input**: a NUL byte inside the text makes a file binary. NUL bytes
after the text (with white space), which real corpora have, do not.

>>> nul_offset(b"text\\x00\\x00\\n")      # trailing NULs after the text are junk, not binary
-1
>>> nul_offset(b"PK\\x03\\x04\\x00\\x00rest")
4
>>> decode("سلام".encode("cp1256"), "a.txt", "auto").encoding
'cp1256'
"""

from __future__ import annotations

import codecs
import os
import re
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

BOM = "\ufeff"
ON_ERROR = ("keep", "skip", "fail")  # what a malformed JSONL record does


class Stop(Exception):
    """``--on-error fail``: a malformed record stopped the run (already reported)."""


class WorkerDied(RuntimeError):
    """A worker process ended while this one was waiting for its results (defined here,
    with the other errors the command line reports, so that reporting it imports no
    worker machinery)."""


SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "__pycache__", ".tox", ".nox", ".venv", "node_modules"})
# The temporary file of an in-place write (cleaner.fixer.AtomicFile): ".<name>.cleaner-tmp-<8 random>".
TEMP_MARK = ".cleaner-tmp-"
_TEMP = re.compile(r"\..*" + re.escape(TEMP_MARK) + r"[a-z0-9_]{8}\Z", re.S)
_JUNK = b"\x00\r\n\t \x1a"  # what may trail the text of a file that is not binary
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
AUTO = "auto"


def _matches(rel: str, globs: Iterable[str]) -> bool:
    import fnmatch  # folder walks only

    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in globs)


def is_temp(name: str) -> bool:
    """Is *name* (a file name) the temporary file of an in-place write?"""
    return bool(_TEMP.match(name))


def iter_files(paths: Iterable[str | Path], include: Iterable[str] = (),
               exclude: Iterable[str] = (), temps: list[Path] | None = None) -> Iterator[Path]:
    """Yield the files named, and the files under the folders named.

    A file named explicitly is always yielded (the caller asked for it), unless an
    ``exclude`` glob matches it; files found by walking a folder must also match
    an ``include`` glob when any is given. Temporary files of in-place writes are
    never yielded; those found in the folders walked are added to *temps*.
    """
    from pathlib import Path  # here, not at import: a plain `cleaner clean` does without it

    include, exclude = tuple(include), tuple(exclude)
    for p in map(Path, paths):
        if not p.is_dir():
            if not _matches(p.as_posix(), exclude):
                yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
            for name in sorted(files):
                path = Path(root, name)
                if is_temp(name):
                    if temps is not None:
                        temps.append(path)
                    continue
                rel = path.relative_to(p).as_posix()
                if include and not _matches(rel, include):
                    continue
                if _matches(rel, exclude):
                    continue
                yield path


def nul_offset(data: bytes) -> int:
    """The offset of the first NUL byte inside the text of *data*; -1 if there is none."""
    i = data.find(b"\x00")
    if i < 0 or i >= len(data.rstrip(_JUNK)):
        return -1
    return i


def looks_binary(data: bytes) -> bool:
    """True when *data* holds a NUL byte inside its text (not just trailing junk)."""
    return nul_offset(data) >= 0


class InputError(Exception):
    """Bad input: the message names the file and says what to do."""


class Skipped(InputError):
    """Not a text file to clean: binary, or gone. A folder run skips it with a
    warning; a file named on the command line is an error (exit 1)."""

    def __init__(self, name: str, why: str):
        super().__init__(f"{name}: {why}; not cleaned")
        self.name, self.why = name, why


def binary(name: str, offset: int) -> Skipped:
    return Skipped(name, f"binary file (NUL byte at byte {offset})")


class Decoded:
    """Text read from bytes, and how to write it back the same way.

    (Written out rather than made with @dataclass, which compiles each generated method
    when the module is imported: ~0.6 ms on every run.)
    """

    __hash__ = None  # compared by value, like a dataclass

    def __init__(self, text: str, encoding: str, bom: bytes = b"", detected: bool = False):
        self.text = text  # without the BOM
        self.encoding = encoding  # the Python codec that decoded it (after the BOM)
        self.bom = bom  # the BOM the bytes started with, to write back
        self.detected = detected  # --encoding auto found a legacy encoding: worth saying

    def _fields(self) -> tuple:
        return self.text, self.encoding, self.bom, self.detected

    def __eq__(self, other):
        return self._fields() == other._fields() if other.__class__ is self.__class__ else NotImplemented

    def __repr__(self) -> str:
        return (f"Decoded(text={self.text!r}, encoding={self.encoding!r}, bom={self.bom!r}, "
                f"detected={self.detected!r})")

    def encode(self, text: str) -> bytes:
        """*text* as bytes in the encoding it was read in, BOM first (an empty text gets none)."""
        return (self.bom + text.encode(self.encoding)) if text else b""

    def note(self, name: str) -> str:
        return f"{name}: not UTF-8; read as {display(self.encoding)} (--encoding auto)"


def display(codec: str) -> str:
    """The usual name of a codec: windows-1256 rather than Python's cp1256."""
    if re.fullmatch(r"cp125\d", codec):
        return f"windows-{codec[2:]}"
    return "UTF-8" if codec == "utf-8" else codec


def check_encoding(name: str) -> str:
    """The Python codec name for *name*, or ``auto``; ValueError for an unknown or non-text codec."""
    if name.lower() == AUTO:
        return AUTO
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}; give a codec name such as windows-1256, or auto") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding")
    return info.name


def decode(data: bytes, name: str, encoding: str = "utf-8") -> Decoded:
    """Decode input bytes (see the module docstring). Raises :class:`Skipped` for
    binary input and :class:`InputError` for bytes the encoding cannot decode."""
    codec = check_encoding(encoding)
    if codec == AUTO or codec in ("utf-8-sig", "utf-16", "utf-32"):
        codec = next((c for bom, c in _BOMS if data.startswith(bom) and (codec == AUTO or c[:5] == codec[:5])),
                     {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(codec, codec))
    wide = codec.startswith(("utf-16", "utf-32"))
    if codec == "utf-8" and b"\x00" in data[:4096] and (
            other := next((c for bom, c in _BOMS if data.startswith(bom) and c != codec), None)):
        # a UTF-16 BOM, and the NUL bytes of ASCII characters in UTF-16: not a binary file
        raise InputError(f"{name}: {other[:6].upper()} text (it starts with a byte-order mark); "
                         f"read it with --encoding auto")
    if not wide and (nul := nul_offset(data)) >= 0:
        raise binary(name, nul)
    detected = False
    try:
        text = data.decode("utf-8" if codec == AUTO else codec)
    except UnicodeDecodeError as exc:
        if codec != AUTO:
            raise InputError(f"{name}: not valid {display(codec)} (byte {exc.start}); "
                             + ("if it is in a legacy encoding, try --encoding auto or --encoding windows-1256"
                                if codec == "utf-8" else "check --encoding")) from None
        codec = detect(data)
        if codec is None:
            raise InputError(f"{name}: not valid UTF-8 (byte {exc.start}), and no other encoding could be "
                             f"detected; name it with --encoding") from None
        text, detected = data.decode(codec), True
    if codec == AUTO:
        codec = "utf-8"
    bom = b""
    if text.startswith(BOM):
        text, bom = text[1:], BOM.encode(codec)
    if wide and (nul := text.rstrip(_JUNK.decode()).find("\x00")) >= 0:
        raise binary(name, len(bom) + len(text[:nul].encode(codec)))
    return Decoded(text, codec, bom, detected)


def _arabic(text: str) -> bool:
    """Are most letters outside ASCII Arabic ones?"""
    letters = [c for c in text if c > "\x7f" and c.isalpha()]
    return bool(letters) and sum("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in letters) \
        >= 0.8 * len(letters)


def detect(data: bytes) -> str | None:
    """The encoding of bytes that are not UTF-8, Arabic first (or None).

    ``charset_normalizer`` ranks the candidates. windows-1256 wins when it is the
    best or decodes to the same text; else the best, when it reads as Arabic;
    else windows-1256 when it reads as Arabic (short texts, where detection
    guesses Thai or Big5); else the best candidate.
    """
    from charset_normalizer import from_bytes  # only for input that is not UTF-8

    best = from_bytes(data).best()
    if best is not None and not _decodes(data, best.encoding):
        best = None
    if best is not None and "cp1256" in (best.encoding, *best.could_be_from_charset):
        return "cp1256"
    if best is not None and _arabic(str(best)):
        return best.encoding
    if _arabic(data.decode("cp1256")):  # windows-1256 decodes every byte
        return "cp1256"
    return best.encoding if best is not None else None


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def read_text(data: bytes, name: str, encoding: str = "utf-8") -> tuple[str, bool]:
    """Decode input; return the text without a BOM, and whether it had one."""
    decoded = decode(data, name, encoding)
    return decoded.text, bool(decoded.bom)
