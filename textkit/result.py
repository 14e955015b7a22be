"""What :func:`textkit.repair` returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edit:
    position: int  # character offset in the input text
    before: str
    after: str
    confidence: float


@dataclass
class RepairResult:
    text: str
    edits: list[Edit] = field(default_factory=list)
