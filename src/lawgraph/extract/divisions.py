"""Administrative divisions named in a report, resolved to gazetteer codes, and the report's jurisdiction.

Full names (吕梁市, 交城县) are matched nationwide; short forms (交城, 孝义) and two-character full names
(临县, 城区) only within the province of the report's jurisdiction, where they are unambiguous enough to
trust. A name shared by several divisions is resolved to the one nearest the jurisdiction, or dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import lexicon
from ..document import Document
from ..gazetteer import CITY, COUNTY, MUNICIPALITIES, PROVINCE, Division, Gazetteer, province_abbreviations
from . import Found
from .report import TITLE_MARKS, read_info, title_line

# A county-level name followed by these is a word of its own (振兴县域, 面临县级), not the county.
_NOT_AFTER_COUNTY = set("域级城直属情乡")
# 全省 (and 法治山西 by name) refer to the province of a report.
_WHOLE_PROVINCE = re.compile(r"全省")
_OPENING = 400  # characters of the opening where the jurisdiction is stated
_HAN = re.compile(r"[\u4e00-\u9fff]")
# 在市委和县委的坚强领导下: 和县 (安徽) glued to the word before it, after a conjunction, is not a place.
_CONJUNCTIONS = set("和与及或并")
_SIGNATURE_ZONE = 200  # the end of a report, where the issuing organ signs
# How a report names its own level: 全县, 我市, 本区, and the bare organs at the head of a clause (县政府坚持…).
_SELF_LEVEL = re.compile(r"[全我本](省|市|县|区|州|盟|旗)(?![委长级直属])"
                         r"|(?:^|(?<=[,，。;；:：\n]))(省|市|县|区|州|盟|旗)(?:委、\2)?(?:人民)?政府(?!常务|办)", re.M)
_OWN_LEVEL = re.compile(r"[我本](省|市|县|区|州|盟|旗)(?![委长级直属])")  # how a report speaks of itself
_SUBJECT_AFTER = re.compile(r"下\s*[,，]?\s*(?:(?:我|全)(省|市|县|区|州|盟|旗)|(省|市|县|区|州|盟|旗)(?:人民)?政府)")
_DEPARTMENT_BEFORE = re.compile(r"[局委办厅署]$")
_PROVINCIAL_DEPARTMENT = re.compile(r"[我本]厅")  # only a province's departments are 厅 (省交通运输厅)
# …领导下，我局 / …领导下，省司法厅: a department of the level that leads it.
_DEPARTMENT_AFTER = re.compile(r"下\s*[,，]?\s*(?:(?:我|本)[局委办厅署]"
                               r"|(省|市|县|区|州|盟|旗)[\u4e00-\u9fff]{1,10}?[局委厅署])")
# The year that opens a report's body, before its subject: 2022年,省政府…; 2023 年,邹城坚持…
YEAR_OPENING = r"^\s*(?:19|20)[0-9]{2}\s*年(?:度|以来)?\s*[,，]\s*"
_OPENING_YEAR = re.compile(YEAR_OPENING, re.M)
# (2021年,根据市委的部署,市市场监管局…: the clause it works under comes first)
UNDER_CLAUSE = r"(?:(?:根据|按照|在)[^。,，]{2,40}?(?:部署|要求|领导下)\s*[,，]\s*)?"
# The subject right after the year that opens a report's body: 2022年,省政府…; 2021年,全市…; 2019年,我县….
# (2024年,县林业局…: a department of the 县 opens it.)
_OPENS_AS = re.compile(rf"{YEAR_OPENING}{UNDER_CLAUSE}(?:[全我本](省|市|县|区|州|盟|旗)"
                       r"|(省|市|县|区|州|盟|旗)(?:委、[省市县区州盟旗])?(?:人民)?政府"
                       r"|(省|市|县|区|州|盟|旗)[\u4e00-\u9fff]{1,8}?(?:局|厅|委员会|委(?![员托])))", re.M)
# (several leading organs, from the top down: the last is the report's own level, 在市委、市政府和区委坚强领导下)
_LED_BY = re.compile(r"在(?:中共)?"
                     r"(?:(?:省|市|县|区|州|盟|旗)委(?:、?(?:省|市|县|区|州|盟|旗)?(?:人民)?政府)?[、和及与])*"
                     r"(省|市|县|区|州|盟|旗)委(?:、?\1(?:人民)?政府)?(?:的)?(?:坚强|正确|有力)?领导"
                     r"(?:和[\u4e00-\u9fff]{2,12}?的?(?:有力|精心)?指导)?")  # …领导和司法部的有力指导下
_COMMITTEE_LEVEL = re.compile(r"(省|市|县|区|州|盟|旗)委")  # the committees such a clause names


def candidates(doc: Document, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """Longest-first, non-overlapping (view start, view end, name) matches of division names (computed once
    per document: the jurisdiction and the mentions both need them)."""
    cached = doc.cache.get("division-candidates")
    if cached is not None:
        return cached
    kept = _candidates(doc, gazetteer)
    doc.cache["division-candidates"] = kept
    return kept


# 新区 is the word for a new area, and how 滨海新区 and 浦东新区 call themselves (新区法治政府建设…), far more than
# the name of a 唐山 district of the 1980s.
_NEW_AREA = "新区"
_CALLS_ITSELF_NEW_AREA = re.compile(r"(?:^|(?<=[,，。;；\n]))[全我本]?新区(?![管委])", re.M)
# A short name whose last character and the next make a word is no place: 新市民 (not 新市区), 新区域.
_LEVEL_WORD = re.compile(r"市[民场容政]|区[域划]|县域")
# A name whose first character ends a word begun before it is no place: 沿海城市, 滨海城市 (a coastal city), not 海城市;
# 示范县 (a model county), not 范县.
_WORD_BEFORE = re.compile(r"[沿滨临]海城市|示范县")


def _candidates(doc: Document, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    view = doc.view.text
    found = sorted((m for m in gazetteer.find(view) if m[2] != _NEW_AREA
                    and (m[2] in gazetteer.by_name or not _LEVEL_WORD.match(view, m[1] - 1))
                    and not (m[0] > 0 and _WORD_BEFORE.match(view, m[0] - 1))),
                   key=lambda m: (-(m[1] - m[0]), m[0]))
    taken = bytearray(len(view) + 1)
    kept = []
    for start, end, name in found:
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append((start, end, name))
    kept.sort()
    return kept


def _resolve(options: list[Division], gazetteer: Gazetteer, home: str | None) -> Division | None:
    if len(options) == 1:
        return options[0]
    if home:
        near = [d for d in options if gazetteer.is_within(d.code, home) or gazetteer.is_within(home, d.code)]
        if len(near) == 1:
            return near[0]
        # Prefer the higher level (大理 → 大理白族自治州 over 大理市) when both are near.
        if near:
            return sorted(near, key=lambda d: ("Province", "City", "County").index(d.level))[0]
    return None


# The chain of organs a report follows, from the top down, names its superiors (落实中央、省和泰安市关于…的部署, in
# 肥城市's report): not the report's own place.
_SUPERIOR_BEFORE = re.compile(r"(?:中央|国家)、?省委?[和、及与]$")
# A place gone to or worked with (到永川区学习, 与武隆区对口协调) is another's, not the report's own.
_ELSEWHERE_BEFORE = re.compile(r"(?:到|赴|前往|与|同)$")


def _elsewhere(view: str, start: int) -> bool:
    return _ELSEWHERE_BEFORE.search(view, max(0, start - 2), start) is not None


def _glued(view: str, start: int, name: str) -> bool:
    """A two-character name (临县, 和县) right after a Chinese character other than 年, a conjunction (…方案和铜梁
    具体举措 lists a place) or 在 (在衡山落地落实 says where): part of running text, too weak to say what the report
    is about."""
    return len(name) < 3 and start > 0 and view[start - 1] not in "年和与及在" and bool(_HAN.match(view, start - 1))


def find_jurisdiction(doc: Document, gazetteer: Gazetteer) -> Division | None:
    """The division a report is about: the first full name of its title, else of the lines that sign it at
    the end, else of its opening (the addressee's line, XX市人民政府：, aside), descending into a child named
    right after it (重庆市渝北区, 开封市兰考县); else the most frequent full name. Names inside 《》 name a
    document's place, not the report's. When the report calls itself by another level (全县, 县政府 in a text
    that names only its province and city), the division of that level it names, in full or short (法治武义),
    within the one chosen (or anywhere, when none was), or named only in a title. Failing all, the one place
    named after 法治 (法治杭州: a report names its own place's campaign). Among the organs it worked under, the
    lowest (在宜春市委…和丰城市委的领导下); a report that says only 我省 of itself and names a county
    among others, or names the division of its own level above that county (株洲 … 茶陵县), that
    division; a provincial report (or a province's department, 我厅) that names no place, the province
    its document numbers, its leaders' visits or its secretary or governor of the report's year
    (省委书记张庆伟) point at; an office's address (地址:天津市和平区…) names its city, not the street's
    district. A place named only in titles or once in the body gives way to one the text names more
    (始兴林业); 新区 is how 滨海新区 and 浦东新区 speak of themselves. A place gone to or worked with (到永川区学习,
    与武隆区对口协调) is never the report's own."""
    view = doc.view.text
    titles = [m.span() for m in TITLE_MARKS.finditer(view)]
    found = candidates(doc, gazetteer)
    unbracketed = [m for m in found if not any(s <= m[0] < e for s, e in titles) and not _elsewhere(view, m[0])]
    named = [m for m in unbracketed
             if not _glued(view, m[0], m[2]) and not _SUPERIOR_BEFORE.search(view[max(0, m[0] - 8):m[0]])]
    # Full names anywhere, titles included, not glued to the text: the places of last resort.
    full_anywhere = [m for m in found if m[2] in gazetteer.by_name
                     and not _glued(view, m[0], m[2]) and not _elsewhere(view, m[0])]
    chosen = _named_jurisdiction(view, [m for m in named if m[2] in gazetteer.by_name], gazetteer)
    level = _self_level(view)
    if level == "区" and _REGION_ORGAN.search(view) and not _DISTRICT_ORGAN.search(view):
        level = "自治区"  # 我区, under the 自治区党委 and with no 区委 of its own: an autonomous region speaks
    if chosen is None and (nickname := _nicknamed(view, gazetteer)):
        return nickname
    if level and (chosen is None or not chosen.name.endswith(level)):
        # Inside a division already chosen, a short name glued to the text is safe enough (法治武义), and so is a
        # province's anywhere (对江苏工作的重要讲话).
        pool = unbracketed if chosen else [m for m in unbracketed if not _glued(view, m[0], m[2])
                                           or view[max(0, m[0] - 2):m[0]] == "法治"
                                           or _PLACE_GIVES.match(view, m[1])
                                           or any(d.level == PROVINCE for d in gazetteer.by_short.get(m[2], []))]
        chosen = _of_level(pool, level, chosen, gazetteer) or chosen
    opens_as = _first_sentence_level(view)
    first_sentence_end = view.find("。", 0, _OPENING) + 1 or _OPENING  # where the report says who it is
    title_level = level or opens_as  # 2024年,州政府办公室…: a 州's office
    if title_level and (chosen is None or not chosen.name.endswith(title_level)):
        # Named only in a title of its own (《金平县…实施办法》): still the division of that level.
        # (《法治天水》栏目: the short name after 法治 inside a title names the report's own place, too)
        # (《西双版纳法治政府建设实施纲要》: a short name that opens a title names the title's place too)
        in_titles = [m for m in found
                     if ((m[2] in gazetteer.by_name and not _glued(view, m[0], m[2]))  # 示范县 holds no 范县
                         or view[max(0, m[0] - 2):m[0]] == "法治"
                         or view[m[0] - 1:m[0]] in ("《", "〈"))
                     and any(s <= m[0] < e for s, e in titles)]
        chosen = (_of_level(in_titles, title_level, chosen, gazetteer)
                  # (nothing of that level inside it: a place the report only went to, 在重庆市荣昌区组织的…)
                  or (chosen is not None and _LEVEL_RANK[title_level] == _LEVEL_RANK[chosen.level]
                      and not _signed_or_titled(view, chosen) and _of_level(in_titles, title_level, None, gazetteer))
                  or chosen)

    if (opens_as and chosen is not None and _LEVEL_RANK[opens_as] < _LEVEL_RANK[chosen.level]
            and not _signed_or_titled(view, chosen)):
        # A report that opens as a higher level than any place it names in full (2022年,省政府坚持… naming 延安市
        # and 西安市莲湖区), untitled and unsigned: the division of that level that holds them all.
        chosen = _holding_all(named, opens_as, chosen, gazetteer) or chosen
    if chosen is None:  # a place named only in a title (《北京市法治政府建设实施方案》) is still a clue
        chosen = _most_named(view, full_anywhere, gazetteer) or _named_jurisdiction(view, full_anywhere, gazetteer)
        if chosen is not None and level and _LEVEL_RANK.get(level, 0) > _LEVEL_RANK[chosen.level]:
            return None  # a 市's report that names only its province's plan (《福建省…方案》): not the province's
    if chosen is None and (level in ("省", "自治区") or _PROVINCIAL_DEPARTMENT.search(view)):
        chosen = (_numbered_province(view, gazetteer) or _visited_province(view, gazetteer)
                  or _led_by(view, gazetteer, read_info(doc).year, municipal=False))
    elif chosen is None and level == "市":  # a municipality's report (全市, 市委) naming only its leaders
        chosen = _led_by(view, gazetteer, read_info(doc).year, municipal=True)
    if chosen is None:  # a department's report that names its place only in its campaign: 深入实施法治杭州六大专项
        chosen = _rule_of_law_place(found, view, gazetteer, level or opens_as)
    stated = _SUBJECT_AFTER.search(view, 0, _OPENING)
    stated_level = (stated.group(1) or stated.group(2)) if stated else None
    title = title_line(view)
    if (chosen is not None and stated_level and _LEVEL_RANK[stated_level] < _LEVEL_RANK[chosen.level]
            and not (title and chosen.name in view[slice(*title)])):
        # A report whose opening says it is of a higher level (…领导下，我省…) and that names only places inside it
        # (在长沙市芙蓉区开展试点): the division of that level above them.
        chosen = next((d for d in gazetteer.ancestors(chosen.code) if d.name.endswith(stated_level)), chosen)
    if (chosen is not None and chosen.level != COUNTY and _CALLS_ITSELF_NEW_AREA.search(view)
            and view.count(_NEW_AREA) >= 2):
        areas = [d for d in gazetteer.by_code.values() if d.parent == chosen.code and d.name.endswith(_NEW_AREA)
                 and not d.former]
        chosen = areas[0] if len(areas) == 1 else chosen  # 天津市 and 新区…: 滨海新区
    if chosen is not None and not _signed_or_titled(view, chosen):
        chosen = _led_below(view, named, chosen, gazetteer)
        chosen = _city_below_its_leaders(view, found, chosen, gazetteer) or chosen
        chosen = _opening_subject(view, named, chosen, gazetteer) or chosen
        chosen = _self_named_inside(view, found, chosen, gazetteer) or chosen
        if chosen.name not in view[:first_sentence_end]:
            # Not named where the report says who it is: a place of the same level the text names more often is
            # likelier its own (宜春—长沙市全程网办 once, 宜春 and 《宜春市公安局…》 more).
            chosen = _most_named(view, full_anywhere, gazetteer, chosen) or chosen
    if (chosen is not None and chosen.level == COUNTY and level == "市" and _HOLDS_COUNTIES.search(view)
            and not _signed_or_titled(view, chosen)):
        # A city that speaks of the counties below it (市县两级) names a county-level city (安丘市) as one of them.
        return next((d for d in gazetteer.ancestors(chosen.code) if d.level == CITY), chosen)
    if chosen is None or _signed_or_titled(view, chosen) or not level or chosen.name.endswith(level):
        return chosen
    if _LEVEL_RANK.get(level, 0) > _LEVEL_RANK[chosen.level]:
        return None  # a city's bureau that names only its province (福建省市场监管局): its own city goes unnamed
    opens_with_it = bool(named) and named[0][2] in (chosen.name, chosen.short) and named[0][0] < first_sentence_end
    if opens_with_it:
        return chosen  # 2019年,西安市委、市政府…我省《实施纲要》: the place it opens with
    above = next((d for d in gazetteer.ancestors(chosen.code) if d.name.endswith(level)), None)
    if above is None:
        return chosen
    # A report that says 我省 and no other 我X, naming a county among others (瓮安县), or that names the division of
    # its level above the one chosen (株洲 in a 市's report that names 茶陵县 in full): that division.
    says_only_its_level = {m.group(1) for m in _OWN_LEVEL.finditer(view)} == {level}
    above_named = any(name in (above.name, above.short) for _s, _e, name in found)
    return above if says_only_its_level or above_named else chosen


# How a prefecture-level city speaks of the counties below it; a county-level city has only towns below.
# (示范县(市、区) is the name of an honour a county-level city wins, not its counties)
_HOLDS_COUNTIES = re.compile(r"市、?县两级|市、?县、?乡三级|(?<!示范)各?县[(（]?市[、,，]?区[)）]?|县区")


# What a place gives, said by the report of that place: 干出杭州担当, 贡献宁波力量, 打造温州样板.
_PLACE_GIVES = re.compile(r"担当|贡献|力量|样板|篇章|答卷")


def _self_named_inside(view: str, found: list[tuple[int, int, str]], chosen: Division,
                       gazetteer: Gazetteer) -> Division | None:
    """The one place inside `chosen` the report names as its own, by the goal it builds (新丹阳) or what it gives
    (丹阳担当), or None: 在镇江市委市政府的领导下,我市… is 丹阳's report, not 镇江's. (法治毕节 in a province's report
    is a city's campaign it went to.)"""
    own = {d.code for start, end, name in found
           if name not in (chosen.name, chosen.short)
           and (view[start - 1:start] == "新" or _PLACE_GIVES.match(view, end))
           for d in gazetteer.by_name.get(name, []) + gazetteer.by_short.get(name, [])
           if d.code != chosen.code and gazetteer.is_within(d.code, chosen.code)}
    return _the_one(own, gazetteer)


def _opening_subject(view: str, named: list[tuple[int, int, str]], chosen: Division,
                     gazetteer: Gazetteer) -> Division | None:
    """The place inside `chosen` that opens the report's body as its subject (2023年,邹城坚持…, naming 济宁市
    later), or None."""
    opening = _OPENING_YEAR.search(view, 0, _OPENING)
    if opening is None:
        return None
    subject = next((name for start, _end, name in named if start == opening.end()), None)
    if subject is None or subject in (chosen.name, chosen.short):
        return None  # 2024年,淮安…: the city, not its district 淮安区
    inside = {d.code for d in gazetteer.by_name.get(subject, []) + gazetteer.by_short.get(subject, [])
              if d.code != chosen.code and gazetteer.is_within(d.code, chosen.code)}
    return _the_one(inside, gazetteer)


# The organs a report worked under, named from the top down: 在宜春市委、市政府和丰城市委的领导下.
_LEADERS = re.compile(r"在([^。;；,，]{2,40}?)的?(?:坚强|正确|有力)?领导")


def _led_below(view: str, named: list[tuple[int, int, str]], chosen: Division, gazetteer: Gazetteer) -> Division:
    """The lowest division named among the organs that lead the report, when the one chosen is above it: the
    leaders run from the top down, and the last is the report's own."""
    for leaders in _LEADERS.finditer(view, 0, _OPENING):
        inside = [d for start, _end, name in named if leaders.start(1) <= start < leaders.end(1)
                  for d in gazetteer.by_name.get(name, [])]
        if chosen in inside:
            below = [d for d in inside if d != chosen and gazetteer.is_within(d.code, chosen.code)]
            return below[-1] if below else chosen
    return chosen


# …领导下,我市: what the report calls itself, right after the organs that led it.
_SELF_AFTER_LEADERS = re.compile(r"下?\s*[,，]\s*我市")
_AFTER_LEADERS = re.compile(r"下?\s*[,，]\s*")


def _city_below_its_leaders(view: str, found: list[tuple[int, int, str]], chosen: Division,
                            gazetteer: Gazetteer) -> Division | None:
    """The county-level city inside `chosen` that the report names (in a title of its own, say), when the report
    says 我市 of itself right after naming `chosen`'s organs as those that led it: 在十堰市委、市政府的坚强领导下,
    我市… with 《丹江口市法治政府建设实施方案》 is 丹江口市's report, not 十堰市's."""
    if chosen.level != CITY:
        return None
    led = _LEADERS.search(view, 0, _OPENING)
    if led is not None and (after := _AFTER_LEADERS.match(view, led.end())):
        # 在吕梁市委、市政府的坚强领导下,汾阳市委、市政府坚持…: the place that speaks right after its leaders
        subject = {d.code for start, _end, name in found if start == after.end()
                   for d in gazetteer.by_name.get(name, []) if gazetteer.is_within(d.code, chosen.code)
                   and d.code != chosen.code}
        if one := _the_one(subject, gazetteer):
            return one
    if (led is None or not _SELF_AFTER_LEADERS.match(view, led.end())
            or not any(name in led.group(1) for name in (chosen.name, chosen.short) if name)):
        return None
    cities = {d.code for _start, _end, name in found for d in gazetteer.by_name.get(name, [])
              if d.level == COUNTY and d.name.endswith("市") and gazetteer.is_within(d.code, chosen.code)}
    return _the_one(cities, gazetteer)


def _the_one(codes: set[str], gazetteer: Gazetteer) -> Division | None:
    """The division when the clues name one and only one, else None."""
    return gazetteer.by_code.get(next(iter(codes))) if len(codes) == 1 else None


def _rule_of_law_place(named: list[tuple[int, int, str]], view: str, gazetteer: Gazetteer,
                       level: str | None = None) -> Division | None:
    """The one division named right after 法治 (法治杭州, 法治东西湖), full or short, or None: a report names its own
    place's rule-of-law campaign. A short name of several (法治岳阳: 岳阳市 and 岳阳县) is the one of the level the
    report speaks as."""
    found = {d.code for start, _end, name in named if view[max(0, start - 2):start] == "法治"
             for d in gazetteer.by_name.get(name) or gazetteer.by_short.get(name, [])}
    if len(found) > 1 and level:
        found = {code for code in found if gazetteer.by_code[code].name.endswith(level)}
    return _the_one(found, gazetteer)


def _most_named(view: str, titled: list[tuple[int, int, str]], gazetteer: Gazetteer,
                like: Division | None = None) -> Division | None:
    """Of several places named only in titles (《广东省…》《始兴县…》), the one the text names most often, in full or
    short (始兴林业): a report names its own place more than the province whose plan it follows; None on a tie.
    With `like`, only places of its level and itself."""
    places = {d for _s, _e, name in titled for d in gazetteer.by_name[name] if len(gazetteer.by_name[name]) == 1
              and (like is None or d.level == like.level)}
    if like is not None:
        places.add(like)
    if len(places) < 2:
        return None
    counts = Counter({d: view.count(d.short or d.name) for d in places}).most_common(2)
    return counts[0][0] if counts[0][1] > counts[1][1] else None


def _first_sentence_level(view: str) -> str | None:
    """The level a report's body opens as, its first words after the year: 省 in 2022年,省政府坚持…, 市 in
    2021年,全市各区、各部门…."""
    found = _OPENS_AS.search(view, 0, _OPENING)
    return next((level for level in found.groups() if level), None) if found else None


def _signed_or_titled(view: str, division: Division) -> bool:
    """Whether the title line names the division, or a line of the signature opens with its name."""
    title = title_line(view)
    names = (division.name, division.short or division.name)
    signature = [line.strip() for line in view[-_SIGNATURE_ZONE:].splitlines()]
    return bool(title and any(name in view[slice(*title)] for name in names)) or any(
        line.startswith(names) for line in signature)


def _holding_all(named: list[tuple[int, int, str]], level: str, chosen: Division,
                 gazetteer: Gazetteer) -> Division | None:
    """The division of `level` above `chosen` that holds every place named in full, or None."""
    above = next((d for d in gazetteer.ancestors(chosen.code)
                  if d.name.endswith(level) and not (level == "区" and d.level != COUNTY)), None)  # not 自治区
    if above is None:
        return None
    codes = {d.code for _s, _e, name in named for d in gazetteer.by_name.get(name, [])}
    return above if all(gazetteer.is_within(code, above.code) for code in codes) else None


# A document's number opens with its issuer's code, and a provincial organ's code with the province's
# abbreviation: 苏依法办〔2019〕5号, 黑政规[2017]34号, 豫办〔2015〕14号.
_DOCUMENT_NUMBER = re.compile(r"([\u4e00-\u9fff]{2,6})[〔\[［][0-9]{4}[〕\]］]第?[0-9]+号")
_ISSUER_CODE = re.compile(r"政|委|办|发|依法|司|府|法|人大|编|财|教|公")


def _numbered_province(view: str, gazetteer: Gazetteer) -> Division | None:
    """The province of a provincial report that never names it, from the numbers of the documents it cites, when
    those that open with a province's abbreviation all name the same one."""
    codes = set()
    for number in _DOCUMENT_NUMBER.finditer(view):
        prefix = number.group(1)
        # The code may follow other words (印发苏政发〔…〕): its abbreviation is the last one before an organ's code.
        starts = [i for i in range(len(prefix) - 1) if prefix[i] in province_abbreviations()
                  and _ISSUER_CODE.match(prefix, i + 1)]
        if starts:
            codes.add(province_abbreviations()[prefix[starts[-1]]])
    return _the_one(codes, gazetteer)


_VISITED = re.compile(r"(?:来|到|赴)([\u4e00-\u9fff])(?:考察|视察|调研)")


def _visited_province(view: str, gazetteer: Gazetteer) -> Division | None:
    """The province a provincial report names only by its abbreviation, where the leaders came to see it
    (习近平总书记历次来陕考察), when one province is so named."""
    abbreviations = province_abbreviations()
    found = {abbreviations[m.group(1)] for m in _VISITED.finditer(view) if m.group(1) in abbreviations}
    return _the_one(found, gazetteer)


# A leader's name beside the post: 省委书记张庆伟, 马兴瑞省长, 自治区主席布小林.
_LEADERS_POST = r"(?:省委|自治区党委|市委|党委)?书记|省长|(?:自治区)?主席|市长"


def _led_by(view: str, gazetteer: Gazetteer, year: int | None, municipal: bool) -> Division | None:
    """The province (or, `municipal`, the province-level city) whose party secretary or governor the report names
    beside the post, in a year the lexicon says they held it, when the names point at one."""
    found = set()
    for name, code, first, last in _provincial_leaders():
        if (code[:2] in MUNICIPALITIES) != municipal or name not in view or (year and not first <= year <= last):
            continue
        if re.search(rf"(?:{_LEADERS_POST}){re.escape(name)}|{re.escape(name)}(?:{_LEADERS_POST})", view):
            found.add(code)
    return _the_one(found, gazetteer)


@lru_cache(maxsize=1)
def _provincial_leaders() -> list[tuple[str, str, int, int]]:
    """(name, province code, first year, last year) of the lexicon's provincial leaders."""
    rows = []
    for line in lexicon.words("provincial_leaders"):
        name, code, _post, years = (part.strip() for part in line.split("|"))
        first, last = (int(year) for year in years.split("–"))
        rows.append((name, code, first, last))
    return rows


def _nicknamed(view: str, gazetteer: Gazetteer) -> Division | None:
    """The city a report names by its common nickname after 法治 (法治瓷都 is 景德镇市), when only one is so named."""
    found = {code for nickname, code in _nicknames().items() if f"法治{nickname}" in view}
    return _the_one(found, gazetteer)


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, str]:
    """Nickname → division code, from the lexicon (nickname | code | name)."""
    table = {}
    for line in lexicon.words("city_nicknames"):
        nickname, code, _name = (part.strip() for part in line.split("|"))
        table[nickname] = code
    return table


def _named_jurisdiction(view: str, matches: list[tuple[int, int, str]], gazetteer: Gazetteer) -> Division | None:
    title = title_line(view)
    in_title = [m for m in matches if title and title[0] <= m[0] < title[1]]
    signed = [m for m in matches if m[0] >= len(view) - _SIGNATURE_ZONE and _starts_line(view, m[0])
              and not _addressee(view, m[1])]
    opening = [m for m in matches if m[0] < _OPENING and not _addressee(view, m[1])]
    pool = in_title or signed[-1:] or opening or matches
    if not pool:
        return None
    counts = Counter(m[2] for m in matches)
    first = pool[0]
    options = gazetteer.by_name[first[2]]
    chosen = options[0] if len(options) == 1 else max(
        options, key=lambda d: (counts[d.name], _ancestors_named(view, d, gazetteer)))
    if view[max(0, first[0] - 3):first[0]].rstrip(":：").endswith("地址"):
        return chosen  # an office's address (地址:天津市和平区建设路18号) names the street of a city's organ
    # Descend while the next match follows immediately and is a child of the current one.
    following = [m for m in matches if m[0] >= first[1]]
    cursor = first[1]
    for start, end, name in following:
        if start != cursor:
            break
        child = next((d for d in gazetteer.by_name[name] if d.parent == chosen.code), None)
        if child is None:
            break
        chosen, cursor = child, end
    return chosen


def _ancestors_named(view: str, division: Division, gazetteer: Gazetteer) -> int:
    """How many of the divisions above `division` the text names, in full or short: which of two 南山区 a report
    means (Shenzhen's, in a text that names 广东)."""
    named, code = 0, division.parent
    while code is not None and code in gazetteer.by_code:
        above = gazetteer.by_code[code]
        named += above.name in view or bool(above.short and above.short in view)
        code = above.parent
    return named


# An autonomous region's organs, named by its level word alone (自治区党委), and a district's own (区委, 区政府):
# 我区 is the region speaking only where the text names the first and not the second.
_REGION_ORGAN = re.compile(r"自治区(?:党委|人民政府|政府)")
_DISTRICT_ORGAN = re.compile(r"(?<!自治)区(?:委|人民政府|政府)")
# How far down a level word or a division sits: a report that calls itself 市 is below any province.
_LEVEL_RANK = {"Province": 1, "省": 1, "自治区": 1, "City": 2, "市": 2, "州": 2, "盟": 2, "地区": 2,
               "County": 3, "县": 3, "区": 3, "旗": 3}


def _self_level(view: str) -> str | None:
    """The level a report's opening says it is of: the subject after the committee it worked under (在省委、省政府的
    坚强领导下，我市…: a 市's), or a department working under its own level's committee (市司法局在市委、市政府的坚强
    领导下: a 市's); else the level word it uses of itself most (县 in 全县, 县政府), when that clearly leads."""
    if led := _LED_BY.search(view, 0, _OPENING):
        if subject := _SUBJECT_AFTER.match(view, led.end()):
            return subject.group(1) or subject.group(2)
        department = _DEPARTMENT_AFTER.match(view, led.end())  # 在市委市政府的领导下,我局…: a department of that level
        if department and department.group(1) in (None, led.group(1)):
            return led.group(1)
        if _DEPARTMENT_BEFORE.search(view, max(0, led.start() - 2), led.start()):
            return led.group(1)
        if len(set(_COMMITTEE_LEVEL.findall(led.group()))) > 1:
            return led.group(1)  # 在市委、市政府和区委坚强领导下: the lowest of the committees it names is its own
    counts: Counter[str] = Counter()
    for said in _SELF_LEVEL.finditer(view):
        # 我市 and 本市 say who speaks; 全省 may only rank it (全省第一), so it weighs half as much.
        counts[said.group(1) or said.group(2)] += 2 if said.group()[0] in "我本" else 1
    counts = counts.most_common(2)
    if not counts or (len(counts) > 1 and (counts[0][1] < 2 or counts[1][1] == counts[0][1])):
        return None  # none, or no clear lead (once alone is enough: 县政府坚持… in an excerpt)
    return counts[0][0]


def _of_level(named: list[tuple[int, int, str]], level: str, within: Division | None,
              gazetteer: Gazetteer) -> Division | None:
    """The division whose name ends in `level`, named in full or short, inside `within` (when given) and
    unambiguous: the most often named, then the first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for start, _end, name in named:
        options = [d for d in gazetteer.by_name.get(name, []) + gazetteer.by_short.get(name, [])
                   if d.name.endswith(level) and (within is None or gazetteer.is_within(d.code, within.code))]
        if len({d.code for d in options}) == 1:
            counts[options[0].code] += 1
            first.setdefault(options[0].code, start)
    if not counts:
        return None
    best = min(counts, key=lambda code: (-counts[code], first[code]))
    return gazetteer.by_code[best]


def _starts_line(view: str, start: int) -> bool:
    line_start = view.rfind("\n", 0, start) + 1
    return not view[line_start:start].strip()


# The addressee's line ends in a colon, on a line of its own or before the body on the same line (中共嘉兴市委、嘉兴
# 市人民政府: 2020年,海宁市…).
_ADDRESSEE_END = re.compile(r"[:：]\s*(?:$|(?:19|20)[0-9]{2}\s*年)", re.M)
_ADDRESSEE_LENGTH = 40
_SENTENCE_MARK = re.compile(r"[。,，;；]")


def _addressee(view: str, end: int) -> bool:
    """XX市人民政府： (or 中共XX州委、XX州人民政府：) on a line of its own, or before the year that opens the body on
    the same line: the report is addressed to it, not about it."""
    line_start = view.rfind("\n", 0, end) + 1
    colon = _ADDRESSEE_END.search(view, end, line_start + _ADDRESSEE_LENGTH)
    return colon is not None and not _SENTENCE_MARK.search(view, line_start, colon.start())


# A list of places said to be such: 深圳、长沙等6个地方, 银川、固原等城市.
_PLACE_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})等"
                         r"(?:[0-9一二三四五六七八九十]+个)?(?:城市|地方|地区|省份|省市|地市|市县|地)")


def _listed_places(view: str) -> dict[int, int]:
    """End → start of each item of such a list (the first may have the words before it glued on: 借鉴银川)."""
    items = {}
    for match in _PLACE_LIST.finditer(view):
        at = match.start(1)
        for item in match.group(1).split("、"):
            items[at + len(item)] = at
            at += len(item) + 1
    return items


def _county_word(view: str, span: Found, named_in_full: set[str]) -> bool:
    """A county said only by its short name glued into running text on both sides (辽宁振兴发展, 审计资源利用,
    行政和法治: 振兴, 资源, 政和 are words too), its full name said nowhere: a word, not that county."""
    return (span.kind == COUNTY and span.data["short"] and not span.data["heads_title"]
            and span.data["code"] not in named_in_full and _glued(view, span.start, view[span.start:span.end])
            and bool(_HAN.match(view, span.end)))


def find_divisions(doc: Document, gazetteer: Gazetteer, home: Division | None) -> list[Found]:
    """Division mentions of kind County, City or Province with `code` and `name`."""
    home_code = home.code if home else None
    home_province = home.province_code if home else None
    spans: list[Found] = []
    view = doc.view.text
    listed = _listed_places(view)
    for start, end, name in candidates(doc, gazetteer):
        full = gazetteer.by_name.get(name, [])
        short = gazetteer.by_short.get(name, [])
        options = full or short
        list_item_start = listed.get(end)
        if not full and list_item_start is not None and list_item_start <= start:
            # 学习借鉴银川、固原等城市经验: places listed as such are places anywhere; the highest level, if one.
            top = min((_LEVEL_RANK[d.level] for d in options), default=0)
            options = [d for d in options if _LEVEL_RANK[d.level] == top]
        elif not full or len(name) < 3:
            # Short forms and two-character names only inside the home province.
            options = [d for d in options if home_province and d.province_code == home_province]
        if not options:
            continue
        division = _resolve(options, gazetteer, home_code)
        if division is None:
            continue
        if division.level == COUNTY and end < len(view) and view[end] in _NOT_AFTER_COUNTY and len(name) < 4:
            continue
        if len(name) < 3 and name[0] in _CONJUNCTIONS and _glued(view, start, name):
            continue
        # A short name that opens a title or follows 法治 in one names the place (《杭州高新区条例》, 《法治湖北…》);
        # elsewhere inside a title it may be a word (《中华人民共和国…》 holds 共和).
        heads_title = not full and (view[start - 1:start] in ("《", "〈") or view[max(0, start - 2):start] == "法治")
        spans.append(Found(start, end, division.level, dict(code=division.code, name=division.name,
                                                            short=not full, heads_title=heads_title)))
    named_in_full = {span.data["code"] for span in spans if not span.data["short"]}
    spans = [span for span in spans if not _county_word(view, span, named_in_full)]
    if home is not None:
        province = gazetteer.by_code.get(home.province_code)
        if province is not None:
            for match in _WHOLE_PROVINCE.finditer(view):
                spans.append(Found(match.start(), match.end(), province.level,
                                   dict(code=province.code, name=province.name, short=True, reference=True)))
    return spans
