"""How deep every scanner follows a metadata value before it reports the rest (SL006).

One limit for all of them, so a payload nests as deep in a JSON fixture as in the code that
sends it; kept apart from the scanners so the JSON one need not load tree-sitter for it.
"""

MAX_DEPTH = 100
DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels; the rest of this value is not checked"
