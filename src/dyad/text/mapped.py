"""Text that carries the offset of each character in the raw text it came from, through every edit the cleaner makes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs ftfy's plans name)

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class Mapped:
    """A piece of text with the offset, in the text read, of each of its characters."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> Mapped:
        return cls(raw, tuple(range(len(raw))))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, index: slice) -> Mapped:
        return Mapped(self.text[index], self.offsets[index])

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped(self.text + other.text, self.offsets + other.offsets)

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    @classmethod
    def concat(cls, pieces: Sequence[Mapped]) -> Mapped:
        """The pieces one after another, in one copy (``+`` in a loop is quadratic)."""
        if len(pieces) == 1:
            return pieces[0]
        return cls(
            "".join(p.text for p in pieces),
            tuple(itertools.chain.from_iterable(p.offsets for p in pieces)),
        )

    def without(self, positions: Sequence[int]) -> Mapped:
        """The text without the characters at ``positions`` (increasing)."""
        keep, last = [], 0
        for i in positions:
            keep.append(self[last:i])
            last = i + 1
        keep.append(self[last:])
        return Mapped.concat(keep)

    def joined(self, sep: str, other: Mapped) -> Mapped:
        """``self + sep + other``; ``sep`` (one character at most) maps to the raw gap."""
        gap = Mapped(sep, (self.end,)) if sep else Mapped("", ())
        return self + gap + other

    def strip(self) -> Mapped:
        text = self.text
        start = len(text) - len(text.lstrip())
        return self[start : len(text.rstrip())]

    def split(self, sep: str) -> list[Mapped]:
        pieces, start = [], 0
        for part in self.text.split(sep):
            pieces.append(self[start : start + len(part)])
            start += len(part) + len(sep)
        return pieces

    def edit(
        self,
        pattern: re.Pattern[str],
        fix: Callable[[str], tuple[str, Sequence[int]] | None],
    ) -> tuple[Mapped, int]:
        """Replace each match by what ``fix`` makes of its text: a new text and, for each of
        its characters, the index within the match it comes from (increasing). ``None``
        keeps the match."""
        text: list[str] = []
        offsets: list[int] = []
        done, last = 0, 0
        for m in pattern.finditer(self.text):
            fixed = fix(m.group())
            if fixed is None:
                continue
            new, index = fixed
            text.append(self.text[last : m.start()] + new)
            offsets.extend(self.offsets[last : m.start()])
            offsets.extend(self.offsets[m.start() + i] for i in index)
            last, done = m.end(), done + 1
        if not done:
            return self, 0
        text.append(self.text[last:])
        offsets.extend(self.offsets[last:])
        return Mapped("".join(text), tuple(offsets)), done

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[str], str]) -> tuple[Mapped, int]:
        """``re.sub`` for replacements no longer than their match; the new characters map to
        the first characters of the match."""

        def fix(found: str) -> tuple[str, range] | None:
            new = repl if isinstance(repl, str) else repl(found)
            if new == found or len(new) > len(found):
                return None
            return new, range(len(new))

        return self.edit(pattern, fix)
