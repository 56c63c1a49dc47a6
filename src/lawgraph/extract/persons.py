"""Persons: a name read right after a position (市委书记孙大军, 市长张广勇, 副区长李明).

A name is a common surname and one or two more characters, and must be followed by a word that ends a
name in this genre (主持, 先后, 带头, 同志, punctuation …); that is how two- and three-character names are
told apart without a dictionary of given names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..document import Document
from . import Found

_LEVEL_WORDS = ("省", "市", "州", "盟", "县", "区", "旗", "镇", "乡", "街道")
_LEVEL = f"(?:{'|'.join(_LEVEL_WORDS)})"
_AFTER_NAME = re.compile(r"(?:[0-9]|认真|高度|带领|主持|先后|带头|出席|强调|指出|同志|召开|多次|亲自|率队|率|"
                         r"调研|深入|听取|就|等|作|为|任|担任|"
                         r"牵头|参加|主讲|讲话|批示|作出|签发|围绕|专题|表示|要求|督导|带队|分管|主管|负责|部署|指导|"
                         r"在|对|到|与|和|、|，|。|；|,|\s)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    positions = sorted(lexicon.words("positions"), key=len, reverse=True)
    surnames = [s for line in lexicon.words("surnames") for s in line.split()]
    # The characters a match can start with, said first: the regex engine then rejects most of the text at
    # one test each, instead of trying every level word and position at every character.
    first = sorted({"常", "副", *(word[0] for word in _LEVEL_WORDS), *(position[0] for position in positions)})
    pattern = re.compile(rf"(?=[{''.join(first)}])"
                         rf"((?:常务副|副)?(?:{_LEVEL})?{lexicon.alternation(positions)})"
                         rf"[ \t]?([\u4e00-\u9fff]{{2,4}})")  # 县长 王强: a space in a signature or a heading
    single = frozenset(s for s in surnames if len(s) == 1)
    double = frozenset(s for s in surnames if len(s) == 2)
    return pattern, single, double


def find_persons(doc: Document) -> list[Found]:
    pattern, single, double = _patterns()
    view = doc.view.text
    found = []
    for match in pattern.finditer(view):
        position = match.group(1)
        start = match.start(2)
        surname = 2 if view[start:start + 2] in double else 1 if view[start] in single else 0
        if not surname:
            continue
        for length in (surname + 2, surname + 1):
            end = start + length
            if end <= len(view) and _AFTER_NAME.match(view, end) and all(
                    "\u4e00" <= c <= "\u9fff" for c in view[start:end]):
                found.append(Found(start, end, "Person", dict(name=view[start:end], position=position,
                                                              position_start=match.start(1))))
                break
    return found
