"""The development zone or new area a report is about (北京经济技术开发区, 两江新区, 深汕特别合作区).

Such a zone is governed by an administrative committee much as a county is, and publishes its own reports, but
it is no administrative division and has no code: the gazetteer cannot hold it. Its name has a grammar (a name,
then the kind of zone), and a report names it where it names its subject: at the head of its title, or as the
subject of its opening sentence (2021年,在市委、市政府的坚强领导下,北京经济技术开发区坚持…).
"""

from __future__ import annotations

import re

from ..document import Document, Span
from ..gazetteer import Division, Gazetteer
from .divisions import UNDER_CLAUSE, YEAR_OPENING
from .report import title_line

_KINDS = "经济技术开发区|高新技术产业开发区|经济开发区|经开区|高新区|新区|特别合作区"
# 广西-东盟经济技术开发区: two names joined by a hyphen. (新区司法局在新区党工委…: no organ or particle inside a name)
_NAME_CHAR = r"(?:(?![在的和与及局委办厅处])[\u4e00-\u9fff])"
_NAME = rf"(?P<zone>{_NAME_CHAR}{{2,8}}?(?:-{_NAME_CHAR}{{2,4}})?(?:{_KINDS}))"
_ZONE = re.compile(_NAME)
_TITLED = re.compile(rf"(?:(?:19|20)[0-9]{{2}}\s*年度?)?{_NAME}")
_OPENS = re.compile(rf"{YEAR_OPENING}{UNDER_CLAUSE}{_NAME}", re.M)
_NOT_A_NAME = set("全我本各该")  # 全市高新区, 本新区: how a report speaks of a zone, not its name


def find_zone(doc: Document, gazetteer: Gazetteer, home: Division | None) -> Span | None:
    """The zone the report is about, as a span of its text, with its name (in the view's script) and the code of
    the division it lies in (`within`, the report's jurisdiction or a division opening the zone's name) in its
    data; None for a report of a division. A division's full name before the zone's is the place it lies in
    (深圳市深汕特别合作区); a zone that is a division (滨海新区, 浦东新区) or a county's (…县经济开发区) is none."""
    view = doc.view.text
    title = title_line(view)
    match = (_TITLED.match(view, title[0]) if title else None) or _OPENS.search(view, 0, 400)
    if match is None:
        return None
    start, name = match.start("zone"), match.group("zone")
    for cut in range(len(name) - 3, 1, -1):  # (what is left keeps a name and a kind: 深汕 + 特别合作区)
        if name[:cut] in gazetteer.by_name:
            start, name = start + cut, name[cut:]
            break
    if name in gazetteer.by_name or name[0] in _NOT_A_NAME or not _ZONE.fullmatch(name):
        return None
    within = home.code if home else _opening_division(name, gazetteer)
    return doc.span_from_view(start, start + len(name), "Zone", name=name, within=within)


def _opening_division(name: str, gazetteer: Gazetteer) -> str | None:
    """The one division whose name or short name opens the zone's name: 兰州 of 兰州新区."""
    for cut in range(len(name) - 2, 1, -1):
        options = gazetteer.by_name.get(name[:cut], []) + gazetteer.by_short.get(name[:cut], [])
        if len({d.code for d in options}) == 1:
            return options[0].code
    return None
