"""Scanning must never import or execute this file: it would leave a marker behind."""

import pathlib

pathlib.Path(__file__).with_name("MARKER").write_text("executed")
open("MARKER", "w").write("executed")
__import__("os").system("touch MARKER")

analytics.track("u", "Never Run", {"never.run": True})
