"""Meeting transcripts as WebVTT (Zoom cloud recordings, Microsoft Teams): who spoke when.

Reads the file itself rather than through webvtt-py, which drops a cue with a malformed
timestamp without a word: here every timing line is checked, and a file with a cue that
cannot be read is refused with the line numbers of every such cue. Tolerated, because
real exports have them: a BOM, CRLF/LF/CR mixes, no final newline, timestamps without
hours or without padding (``0:0:3.0``), a comma before the milliseconds, cue identifiers
(numbers, Teams' ``<guid>/<n>-<k>``), ``NOTE``/``STYLE``/``REGION`` blocks, cues out of
order or overlapping. The speaker of a cue is its ``<v Name>`` voice (Teams; the span may
wrap over lines, the closing tag is optional, the name may be an account id) or a
``Name: `` prefix on its first line (Zoom). A cue naming nobody keeps ``speaker == ""``
and is counted as unattributed, never guessed. Pure: no Django.

Examples
--------
>>> t = parse_transcript("WEBVTT\\n\\n1\\n00:01.000 --> 00:04.500\\nAnna Berg: Hej!\\n")
>>> [(c.speaker, c.start, c.end, c.text) for c in t.cues]
[('Anna Berg', 1.0, 4.5, 'Hej!')]
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from natverk.formats.errors import MalformedFileError, Problem
from natverk.formats.text import Readable, decode_text, read_source
from natverk.i18n import gettext_noop as _
from natverk.insights.talk import Segment

__all__ = [
    "MESSAGES",
    "Cue",
    "Transcript",
    "TranscriptError",
    "parse_transcript",
    "parse_timestamp",
    "read_transcript",
]

MAX_CUES = 200_000
#: Longest Zoom ``Name:`` prefix taken for a name (longer ones are text with a colon).
MAX_NAME_CHARS = 60


NOT_WEBVTT = _("This is not a WebVTT file: the first line must be WEBVTT, not %(start)s.")
TOO_MANY = _("The file has more than %(limit)s cues, the most natverk reads.")
BAD_TIMESTAMP = _("Line %(line)s: %(value)s is not a time (write it as 00:01:02.500).")
BAD_TIMING = _("Line %(line)s: a cue's timing line reads START --> END, not %(value)s.")
ENDS_BEFORE = _("Line %(line)s: the cue ends (%(end)s) before it starts (%(start)s).")
NO_TIMING = _("Line %(line)s: a block with no timing line (START --> END): %(value)s.")
NO_CUES = _("The file holds no cues.")

#: Every sentence the reader may say (the web shell keeps their translations).
MESSAGES = (NOT_WEBVTT, TOO_MANY, BAD_TIMESTAMP, BAD_TIMING, ENDS_BEFORE, NO_TIMING, NO_CUES)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TIMESTAMP = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t\n]+([^>]*)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ZOOM_NAME = re.compile(rf"^([^:<>\n]{{1,{MAX_NAME_CHARS}}}?):[ \t]")
_SENTENCE = re.compile(r"[?!]|\.$")
MAX_NAME_WORDS = 8
_SPECIAL_BLOCK = re.compile(r"^(NOTE|STYLE|REGION)(?:[ \t]|$)")


class TranscriptError(MalformedFileError):
    """A transcript natverk cannot read: every unreadable cue, by line (the file's size
    and encoding are checked by :mod:`natverk.formats.text`, with its own errors)."""


@dataclass(frozen=True)
class Cue:
    """One cue: its timing line's number, times in seconds, speaker ("" = nobody), text."""

    line: int
    start: float
    end: float
    speaker: str
    text: str


@dataclass(frozen=True)
class Transcript:
    """The cues of a transcript in file order."""

    cues: tuple[Cue, ...]

    @property
    def speakers(self) -> list[str]:
        """The speakers, in the order they first speak."""
        return list(dict.fromkeys(c.speaker for c in self.cues if c.speaker))

    @property
    def unattributed(self) -> int:
        """Cues that name no speaker."""
        return sum(1 for c in self.cues if not c.speaker)

    def segments(self, names: Mapping[str, str] | None = None) -> list[Segment]:
        """Speaking segments of the attributed cues; ``names`` renames speakers (a label
        mapped to "" is left out)."""
        out = []
        for cue in self.cues:
            name = cue.speaker if names is None else names.get(cue.speaker, cue.speaker)
            if name:
                out.append(Segment(name, cue.start, cue.end))
        return out

    def unattributed_seconds(self) -> float:
        """Time covered by cues that name nobody (overlaps counted once)."""
        spans = sorted((c.start, c.end) for c in self.cues if not c.speaker)
        total, reach = 0.0, -math.inf
        for start, end in spans:
            if end > reach:
                total += end - max(start, reach)
                reach = end
        return total


def parse_timestamp(value: str) -> float | None:
    """Seconds of a WebVTT timestamp (hours optional, padding optional), or None.

    >>> parse_timestamp("01:02:03.5"), parse_timestamp("0:0:3.0"), parse_timestamp("02:60.000")
    (3723.5, 3.0, None)
    """
    match = _TIMESTAMP.match(value.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    frac = int(fraction) / 10 ** len(fraction) if fraction else 0.0
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + frac


def read_transcript(source: Path | bytes | Readable, *, max_bytes: int | None = None) -> Transcript:
    """Read a transcript from a path, bytes or an upload: at most ``max_bytes``
    (``NATVERK_MAX_IMPORT_BYTES``), UTF-8 with or without BOM, UTF-16, or Windows-1252.
    Raises a :class:`~natverk.formats.errors.FormatError`."""
    data = read_source(source, max_bytes=max_bytes)
    return parse_transcript(decode_text(data).text)


def parse_transcript(text: str) -> Transcript:
    """Parse WebVTT text; raises :class:`TranscriptError` naming every unreadable cue."""
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    first = lines[0] if lines else ""
    if not (first.startswith("WEBVTT") and first[6:7] in ("", " ", "\t")):
        raise TranscriptError(NOT_WEBVTT, start=repr(first[:40]))
    cues: list[Cue] = []
    problems: list[Problem] = []
    for number, block in _blocks(lines):
        if number == 1:  # the header; a cue glued to it (no blank line) is still read
            glued = [k for k, line in enumerate(block) if "-->" in line]
            if not glued:
                continue
            start = glued[0] - 1 if glued[0] >= 2 else glued[0]
            number, block = number + start, block[start:]
        if _SPECIAL_BLOCK.match(block[0]):
            continue
        cue = _cue(number, block, problems)
        if cue is not None:
            cues.append(cue)
            if len(cues) > MAX_CUES:
                raise TranscriptError(TOO_MANY, limit=MAX_CUES)
    if problems:
        raise TranscriptError(problems)
    if not cues:
        raise TranscriptError(NO_CUES)
    return Transcript(tuple(cues))


def _blocks(lines: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number of the first line, lines) for each run of non-blank lines."""
    start, block = 0, list[str]()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _cue(number: int, block: list[str], problems: list[Problem]) -> Cue | None:
    """The cue of a block, or None after adding its problem."""
    at = 0 if "-->" in block[0] else 1
    if at >= len(block) or "-->" not in block[at]:
        problems.append(Problem(NO_TIMING, {"line": number, "value": repr(block[0][:60])}))
        return None
    line = number + at
    timing = block[at]
    left, _arrow, right = timing.partition("-->")
    parts = right.split()
    if not left.strip() or not parts:
        problems.append(Problem(BAD_TIMING, {"line": line, "value": repr(timing[:60])}))
        return None
    start, end = parse_timestamp(left), parse_timestamp(parts[0])
    bad = [v.strip() for v, t in ((left, start), (parts[0], end)) if t is None]
    if bad:
        problems.extend(Problem(BAD_TIMESTAMP, {"line": line, "value": repr(v)}) for v in bad)
        return None
    assert start is not None and end is not None
    if end < start:
        problems.append(
            Problem(ENDS_BEFORE, {"line": line, "start": left.strip(), "end": parts[0]})
        )
        return None
    speaker, words = _speaker_and_text("\n".join(block[at + 1 :]))
    return Cue(line=line, start=start, end=end, speaker=speaker, text=words)


def _speaker_and_text(payload: str) -> tuple[str, str]:
    """The speaker of a cue's payload (a voice, or a Zoom name prefix) and its plain text."""
    voice = _VOICE.search(payload)
    if voice is not None:
        speaker = _plain(voice.group(1))
        return speaker, _plain(_TAG.sub(" ", payload))
    text = _plain(_TAG.sub(" ", payload))
    prefix = _ZOOM_NAME.match(text)
    name = prefix.group(1).strip() if prefix is not None else ""
    if prefix is not None and not _SENTENCE.search(name) and len(name.split()) <= MAX_NAME_WORDS:
        return name, text[prefix.end() :].strip()
    return "", text


def _plain(text: str) -> str:
    """Entities decoded, runs of white space made one space."""
    return " ".join(html.unescape(text).split())
