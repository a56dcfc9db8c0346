"""schema-lint: lint product-analytics event metadata against a committed schema lockfile."""

__version__ = "0.1.0"
