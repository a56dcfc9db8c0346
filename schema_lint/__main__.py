"""`python -m schema_lint`: the same as the `schema-lint` command."""

from schema_lint.cli import main

main(prog_name="schema-lint")
