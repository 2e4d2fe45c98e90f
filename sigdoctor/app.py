"""What every command needs, built once: the language, the catalog, the matcher, the index.

Lives outside the CLI so the REPL and the tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import i18n
from .catalog import Catalog, load_catalog, user_knowledge_dirs


@dataclass
class App:
    language: str = "en"
    language_reason: str = "default"
    knowledge: tuple[str, ...] = ()
    redact_ids: bool = False
    extra_dirs: list[Path] = field(default_factory=list)

    def __post_init__(self):
        self.extra_dirs = user_knowledge_dirs(self.knowledge)
        i18n.set_language(self.language)

    @cached_property
    def catalog(self) -> Catalog:
        return load_catalog(self.extra_dirs)

    @cached_property
    def matcher(self):
        from .matcher import Matcher

        return Matcher(self.catalog)

    @cached_property
    def index(self):
        from .search_index import build_index

        return build_index(self.catalog, lambda: self.matcher)  # the matcher only for pasted messages

    def switch_language(self, language: str) -> None:
        self.language, self.language_reason = language, ":lang"
        i18n.set_language(language)
