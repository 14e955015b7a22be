"""Maillage text toolkit: French OCR repair (plain Python, no Django).

>>> from textkit import repair
>>> repair("dans Ia cornmune").text
'dans la commune'
"""

from textkit.engine import Edit, Repairer, RepairResult, repair

__all__ = ["Edit", "RepairResult", "Repairer", "repair"]
