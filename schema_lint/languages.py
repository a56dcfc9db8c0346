"""The language registry: one row per language, and every table derived from it.

File suffixes (discovery), Markdown fence words, the config's `language:` values, the grammar
packages (parsers and the cache key), the extractor class, the middleware callback name and
the pre-commit hook's file types all come from `REGISTRY`. A new language is one row here and
one module under `schema_lint/scanners/`.

This module imports nothing heavy: grammars and extractors are named, not imported, so start-up
pays only for the language a run meets.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    name: str  # what discovery and the scanners call it
    suffixes: tuple[str, ...]  # lower case, with the dot
    fences: tuple[str, ...] = ()  # Markdown info-string words scanned as this language
    family: str | None = None  # the config's `language:` value its signatures are given under
    grammar: tuple[str, str] | None = None  # tree-sitter grammar module and language function
    package: str | None = None  # the grammar's distribution on the package index
    extractor: str | None = None  # "module:Class" under schema_lint.scanners
    scanner: str | None = None  # a document scanner module, for languages without a grammar
    callback: str | None = None  # the middleware callback whose returned objects are metadata
    hook_types: tuple[str, ...] = ()  # pre-commit (identify) tags of its files


_JS = "javascript:JavaScriptExtractor"
_TS = ("tree_sitter_typescript", "tree-sitter-typescript")

REGISTRY: tuple[Language, ...] = (
    Language(
        "javascript",
        (".js", ".jsx", ".mjs", ".cjs"),
        ("js", "javascript", "jsx", "mjs", "cjs", "node"),
        "js",
        ("tree_sitter_javascript", "language"),
        "tree-sitter-javascript",
        _JS,
        callback="getMetadata",
        hook_types=("javascript", "jsx"),
    ),
    Language(
        "typescript",
        (".ts", ".mts", ".cts"),
        ("ts", "typescript", "mts", "cts"),
        "js",
        (_TS[0], "language_typescript"),
        _TS[1],
        _JS,
        callback="getMetadata",
        hook_types=("ts",),
    ),
    Language(
        "tsx",
        (".tsx",),
        ("tsx",),
        "js",
        (_TS[0], "language_tsx"),
        _TS[1],
        _JS,
        callback="getMetadata",
        hook_types=("tsx",),
    ),
    Language(
        "python",
        (".py",),
        ("py", "python", "python3"),
        "python",
        ("tree_sitter_python", "language"),
        "tree-sitter-python",
        "python:PythonExtractor",
        callback="GET_METADATA",
        hook_types=("python",),
    ),
    Language(
        "go",
        (".go",),
        ("go", "golang"),
        "go",
        ("tree_sitter_go", "language"),
        "tree-sitter-go",
        "go:GoExtractor",
        hook_types=("go",),
    ),
    Language(
        "ruby",
        (".rb",),
        ("rb", "ruby"),
        "ruby",
        ("tree_sitter_ruby", "language"),
        "tree-sitter-ruby",
        "ruby:RubyExtractor",
        hook_types=("ruby",),
    ),
    Language(
        "php",
        (".php",),
        ("php",),
        "php",
        ("tree_sitter_php", "language_php"),  # not language_php_only: files start with `<?php`
        "tree-sitter-php",
        "php:PhpExtractor",
        hook_types=("php",),
    ),
    Language(
        "java",
        (".java",),
        ("java",),
        "java",
        ("tree_sitter_java", "language"),
        "tree-sitter-java",
        "java:JavaExtractor",
        hook_types=("java",),
    ),
    Language("json", (".json", ".jsonc"), ("json", "jsonc"), scanner="json_", hook_types=("json",)),
    Language("markdown", (".md", ".markdown"), scanner="markdown", hook_types=("markdown",)),
    Language("vue", (".vue",), scanner="components", hook_types=("vue",)),
    Language("svelte", (".svelte",), scanner="components", hook_types=("svelte",)),
    Language("astro", (".astro",), scanner="components", hook_types=("astro",)),
)

BY_NAME = {language.name: language for language in REGISTRY}
CODE = tuple(language for language in REGISTRY if language.grammar is not None)
SUFFIXES = {suffix: language.name for language in REGISTRY for suffix in language.suffixes}
FENCES = {word: language.name for language in REGISTRY for word in language.fences}
# the config's `language:` values, in registry order
FAMILIES = tuple(dict.fromkeys(lang.family for lang in CODE if lang.family is not None))
# grammar modules, for the cache key: a grammar upgrade can change what a scan returns
GRAMMAR_MODULES = tuple(dict.fromkeys(lang.grammar[0] for lang in CODE if lang.grammar))
GRAMMAR_PACKAGES = tuple(dict.fromkeys(lang.package for lang in CODE if lang.package))
