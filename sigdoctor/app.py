"""What every command needs, built once: the language, the catalog, the matcher, the index.

Lives outside the CLI so the REPL and the tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import i18n, paths
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

    def entry(self, entry_id: str):
        """One entry by id; reads only its file unless the catalog is loaded already.

        `show ID` and `lookup ID` are the commands people run most, and parsing
        every entry to print one is what made them slow to start."""
        if "catalog" in self.__dict__:
            return self.catalog.get(entry_id)
        from .catalog import ID_FORMAT, CatalogError, read_entry

        entry_id = entry_id.strip().upper()
        if not ID_FORMAT.match(entry_id):
            return None
        for directory in reversed((paths.knowledge_dir(), *self.extra_dirs)):
            path = Path(directory) / f"{entry_id}.toml"
            if path.is_file():
                try:
                    return read_entry(path)
                except CatalogError:
                    return self.catalog.get(entry_id)  # let the full load report it properly
        return None

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
