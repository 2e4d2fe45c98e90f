"""Exit codes, named once. Documented in the README."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # success; for diagnose: the input held no error
    KNOWN_ERROR = 1  # diagnose found at least one error and every one is in the catalog
    UNKNOWN_ERROR = 2  # diagnose found an error that is not in the catalog
    USAGE = 64  # bad command line (EX_USAGE)
    BAD_INPUT = 65  # unreadable, binary or invalid input (EX_DATAERR)
    NOT_FOUND = 66  # lookup/show: no such entry (EX_NOINPUT)
    CATALOG_INVALID = 67  # check found problems in a catalog
    INTERNAL = 70  # a bug in sigdoctor (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C
