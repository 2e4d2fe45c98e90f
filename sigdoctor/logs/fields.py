"""The `Code: X` / `Message: Y` block reader shared by the az, PowerShell, SDK and Terraform parsers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import arm_json
from .clean import Line
from .text import looks_like_json, strip_quotes

_FIELD = re.compile(
    r"^\s*(Code|Message|Target|ErrorCode|ErrorMessage|ErrorTarget|StatusCode|Status|ReasonPhrase"
    r"|OperationID|StartTime|EndTime|Activity Id|Inner error|Additional Information|Exception Details)( ?):[ \t]?(.*)$",
    re.S,
)
_NESTED_HEADER = re.compile(r"^\s*(?:Exception Details:\s*)?\(([A-Z][\w.]*)\)\s?(.*)$", re.S)
_GLUED_HEADER = re.compile(r"\t(?=\([A-Z][\w.]*\) )")  # azure-core glues nested errors with a tab
_FIELD_NAMES = {"code": "code", "errorcode": "code", "message": "message", "errormessage": "message",
                "target": "target", "errortarget": "target"}


@dataclass
class Item:
    line: int
    code: str = ""
    message: str = ""
    target: str = ""
    origin: Line | None = field(default=None, compare=False, repr=False)  # where the message was read

    def line_of(self, text: str, offset: int) -> int:
        """Input line of `offset` in `text`, a part of the message (JSON inside it)."""
        if self.origin is None:
            return self.line
        start = self.origin.text.find(text[:40])
        return self.origin.number_at(start + offset) if start >= 0 else self.line


@dataclass
class FieldBlock:
    """Reads the `Code:`/`Message:`/`Target:` (or `ErrorCode:`/`ErrorMessage:`...) lines after an error
    header, including azure-core's tab-indented `Exception Details:` and quoted values that run over
    several lines (Terraform's `Message: "..."`)."""

    items: list[Item] = field(default_factory=list)
    status: str = ""
    request_id: str = ""
    seen: set[str] = field(default_factory=set)  # field names read, lower case
    continue_message: bool = False  # PowerShell 7 wraps a long ErrorMessage onto bare lines
    _open_quote: bool = False
    _last: str = ""
    _lines: int = 0

    @classmethod
    def start(cls, line_number: int, code: str = "", message: str = "", target: str = "",
              origin: Line | None = None) -> FieldBlock:
        return cls(items=[Item(line_number, code, message, target, origin)])

    def add(self, line: Line) -> bool:
        """Take a line that belongs to the block; False ends the block."""
        self._lines += 1
        if self._lines > 200:
            return False
        text = line.text
        if self._open_quote:
            self.items[-1].message += "\n" + text
            self._open_quote = not text.rstrip().endswith('"')
            return True
        if line.prefixed or not text.strip():
            return False
        parts = _GLUED_HEADER.split(text)
        if not self._take(parts[0], line):
            if self.continue_message and self._last == "message" and self.items:
                self.items[-1].message += " " + text.strip()
                return True
            return False
        for part in parts[1:]:
            self._take("\t" + part, line)  # split off at its tab: a nested `(Code) message`
        return True

    def _take(self, text: str, line: Line) -> bool:
        nested = _NESTED_HEADER.match(text)
        if nested and (text.startswith(("\t", " ", "Exception Details")) or not self.items):
            self.items.append(Item(line.number, nested.group(1), nested.group(2), origin=line))
            self._last = "header"
            return True
        match = _FIELD.match(text)
        if not match:
            return False
        name, space, value = match.group(1).lower(), match.group(2), match.group(3).strip()
        item = self.items[-1] if self.items else self._new(line)
        self.seen.add(name)
        self._last = _FIELD_NAMES.get(name, name)
        if name in _FIELD_NAMES:
            attribute = _FIELD_NAMES[name]
            if attribute == "message" and value.startswith('"') and not (len(value) > 1 and value.endswith('"')):
                self._open_quote = True
            if attribute == "message":
                if not item.message:
                    item.line = line.number
                if value:
                    item.message, item.origin = value, line
            elif value:
                setattr(item, attribute, strip_quotes(value))
        elif name == "statuscode" or (name == "status" and value[:3].isdigit()):
            self.status = value.split()[0] if value else ""
        elif name == "status" and value:
            status = strip_quotes(value)
            if status.lower() not in ("failed", "succeeded", "canceled", "") and not item.code:
                item.code = status  # go-azure-sdk puts the code under Status when Code is empty
        elif name == "operationid" and space:
            self.request_id = value
        return True

    def _new(self, line: Line) -> Item:
        self.items.append(Item(line.number))
        return self.items[-1]

    def errors(self) -> list[Item]:
        """Innermost items: JSON messages are opened up, a generic wrapper with children is dropped."""
        out: list[Item] = []
        for item in self.items:
            message = strip_quotes(item.message.strip())
            if looks_like_json(message) or ("{" in message and '"code"' in message):
                inner = arm_json.errors_in_text(message)
                if inner:
                    out.extend(Item(item.line_of(message, e.offset), e.code, e.message, e.target) for e in inner)
                    continue
            if message or item.code:
                out.append(Item(item.line, item.code, message, item.target))
        specific = [i for i in out if i.message and not arm_json.is_generic(i.code, i.message)]
        if specific and len(specific) < len(out):
            out = [i for i in out if i in specific or not i.message]
        return [i for i in out if i.message]


_AZURE_ERROR = re.compile(r"Azure Error: ([A-Za-z][\w.]*)(.*)$", re.S)
_INLINE_FIELD = re.compile(r"(?:^|\n)(Message|Target): ([^\n]*)")


def azure_error(text: str) -> Item | None:
    """msrestazure's `Azure Error: Code\\nMessage: ...\\nTarget: ...`, also with literal `\\n` escapes."""
    match = _AZURE_ERROR.search(text)
    if not match:
        return None
    rest = match.group(2).replace("\\n", "\n")
    item = Item(0, match.group(1))
    for name, value in _INLINE_FIELD.findall(rest):
        setattr(item, name.lower(), value.strip())
    return item
