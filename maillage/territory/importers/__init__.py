"""Import of the official territorial lists: one layout per file, all-or-nothing, idempotent."""
