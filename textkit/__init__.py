"""Maillage text toolkit: French OCR repair (plain Python, no Django).

>>> from textkit import repair
>>> repair("dans Ia cornmune").text
'dans la commune'
"""

from textkit.engine import Edit, Repairer, RepairResult, repair, repair_page

__all__ = ["Edit", "RepairResult", "Repairer", "repair", "repair_page"]
