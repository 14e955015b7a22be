"""Readable lines of the indicators, for `manage.py bilan --format text`."""


def _flatten(prefix: str, value, lines: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix} › {key}" if prefix else str(key), item, lines)
    elif value is not None:
        lines.append(f"{prefix} : {value}")


LABELS = {
    "half_days": "Demi-journées",
    "actions": "Actions",
    "not_realized": "Demi-journées non réalisées",
    "participants": "Participants",
    "coverage": "Couverture territoriale",
    "satisfaction": "Satisfaction",
    "resources": "Ressources publiées",
    "context": "Contexte territorial",
    "previous": "Année précédente",
}


def as_text(figures: dict) -> str:
    lines = [f"Bilan d'activité {figures['scope']}", ""]
    for key, label in LABELS.items():
        section = figures.get(key)
        if section is None:
            continue
        lines.append(label)
        block: list[str] = []
        _flatten("", section, block)
        lines += [f"  {line}" for line in block]
        lines.append("")
    return "\n".join(lines)
