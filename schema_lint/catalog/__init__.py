"""`schema-lint catalog`: the tracking plan as the code has it.

model.py holds the values, build.py makes them from scans and the lock, diff.py compares two
catalogs, gitref.py reads a git ref's files without a checkout, formats/ renders, and
command.py ties them together for the command line.
"""
