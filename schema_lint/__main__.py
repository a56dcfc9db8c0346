"""`python -m schema_lint`: the same as the `schema-lint` command."""

from schema_lint.cli import entry

entry()
