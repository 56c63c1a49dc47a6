"""Agencies: organs of the party and the state, read from how their names are built.

A local organ's name is a jurisdiction and a body: a division name (吕梁市, 柳林县) or a level word
(市, 县, 省, 中央) followed by a body from the lexicon (司法局, 人大常委会, 委全面依法治市委员会 …) or of
the general shape …局/厅/委员会/办公室. A bare level word is resolved against the report's jurisdiction
(市司法局 in a report of 吕梁市 is 吕梁市's); when it cannot be (县司法局 in a city's report means any
county's), no agency is emitted: a generic reference is not an organ. Central organs come from a lexicon.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import lexicon
from ..document import Document
from ..gazetteer import Division, Gazetteer, province_abbreviations
from . import Found
from .report import title_line

NATIONAL = "CN"  # jurisdiction key of central organs

_LEVELS = "中央|国家|自治区|省|市|州|盟|地区|县|区|旗"
# A level word preceded by one of these is part of another word (城市, 全市, 各县, 市县两级, 辖区) or of
# another organ's name (团市委: the Youth League's).
_NOT_BEFORE_LEVEL = set("全各本该我城都超上门股集夜闹坊两三四五六七八九十多每外省市县区乡镇州辖社园景片小新级团")
# After the bare party committee (市委) these make a position (市委书记, 市委常委), not the organ.
# Words that begin with a level word without being one (市场监管局 of 国家市场监管总局 is not 市 + 场监管局).
_WORDS_OF_A_LEVEL = {"市": "市场", "区": "区域", "县": "县域"}
_POSITION_AFTER_COMMITTEE = re.compile(r"(?:副?书记|常委(?!会)|委员)")
_GENERIC_CORE = r"[\u4e00-\u9fff]{2,10}?"
# 办 ends an office's short name (区综合指导办), not a verb's (举办, 通办) nor 办法
# 局 ends a bureau's name, not a word's (发展大局, 全局, 格局, 布局, 开局); a sector's law-enforcement brigade is
# an organ of its own (县交通运输综合行政执法大队)
_GENERIC_SUFFIX = (r"(?:(?<![大全格布结当开残骗赌时僵棋])局|厅|委员会|办公室|执法(?:大队|支队|总队)"
                   r"|(?<![举主承协督查包合代筹试照开兴交转领帮快即速通网好能可难创法])"
                   r"办(?![法理事公结案件好成实学]))")
_STOP_IN_CORE = set("的了与及并对为在把被将向从由等是各全该每其这那之、，。；：,;:()")
# A level's own organ (省委, 市政府) opening what would be a generic name: see _names_another_place.
_LEVEL_ORGAN_START = re.compile(r"(自治区|省|市|州|县|区|旗|盟)(?:委|政府|人大|政协)")


def _names(lexicon_name: str) -> tuple[dict[str, str], str]:
    """Every name of a lexicon of organs → its canonical form, and a regex alternation, longest first."""
    canonical: dict[str, str] = {}
    for line in lexicon.words(lexicon_name):
        names = [n.strip() for n in line.split("|")]
        for name in names:
            canonical.setdefault(name, names[0])
    return canonical, lexicon.alternation(canonical)


@lru_cache(maxsize=1)
def _bodies() -> tuple[dict[str, str], re.Pattern[str]]:
    """Every body name → its canonical form, and a regex matching a level word then a body."""
    canonical, alternatives = _names("agency_bodies")
    pattern = re.compile(
        rf"(?P<level>{_LEVELS})(?:第[一二三四五六七八九十]+届)?(?:(?P<body>{alternatives})|(?P<generic>{_GENERIC_CORE}{_GENERIC_SUFFIX}))")
    return canonical, pattern


@lru_cache(maxsize=1)
def _body_only() -> re.Pattern[str]:
    """Bodies that name an organ after a bare place name, without 市/县 (courts, arbitration, and the vertically
    managed customs and maritime bureaus: 杭州海关, 舟山海事局)."""
    canonical, _ = _names("agency_bodies")
    bodies = [n for n in canonical if n.endswith(("法院", "中院", "仲裁委员会", "仲裁委", "海关", "检察院", "海事局",
                                                   "海事处"))]
    return re.compile(lexicon.alternation(bodies))


@lru_cache(maxsize=1)
def _source_body() -> re.Pattern[str]:
    """A page header's source line that names a body alone (来源：司法局): the organ of the report's place."""
    canonical, _ = _names("agency_bodies")
    bodies = lexicon.alternation(n for n in canonical if n.endswith(_DEPARTMENT_ENDINGS))
    return re.compile(rf"(?:来源|发布机构|发布机关)\s*[:：]\s*({bodies})(?=\s|$)", re.M)


_DEPARTMENT_ENDINGS = ("局", "厅", "委", "委员会", "办", "办公室")


@lru_cache(maxsize=1)
def _national() -> tuple[dict[str, str], re.Pattern[str]]:
    canonical, alternatives = _names("national_agencies")
    # 民政部门 and 教育部门 are classes of departments, not the ministries.
    return canonical, re.compile(rf"(?:{alternatives})(?!门)")


def central_organ_names() -> frozenset[str]:
    """Every name of every central organ in the lexicon (中共中央, 党中央, 司法部 …)."""
    return frozenset(_national()[0])


_NOT_BEFORE_NATIONAL = set("省市县区州")  # 市民政局 … name a local bureau, not the ministry
# 中央 on its own is the Party Centre before a title it issued (中央《…纲要》) and first in a list of the levels
# whose decisions a report carries out (落实中央、省、市的部署, 中央和省委省政府), and before what it decided or asked
# (中央决策部署, 按照中央要求), or what it leads beside a committee's own (中央全面依法治国和省委全面依法治省);
# elsewhere it starts another word (中央媒体, 中央依法治国办, 中央全面依法治国工作会议, 中央和国家机关: a class).
_CENTRE = re.compile(r"(?<![党中共])中央(?=《|关于|[、和及与](?:省|市|县|区|州|自治区)(?!直|属|场|民|区县|县区)"
                     r"|(?:有关|的)?(?:决策部署|要求|统一部署|部署)"
                     r"|(?:全面)?依法治国[、和及与](?:省|市|县|区|州|自治区)委)")
# 中办 and 国办, the general offices, as they issue (中办、国办《…规定》, 中办国办印发); not in 中办发〔…〕.
_GENERAL_OFFICES = re.compile(r"(中办|国办)(?=[、《]|国办|印发|联合)")
_GENERAL_OFFICE_BODY = {"中办": "中共中央办公厅", "国办": "国务院办公厅"}
# The government's party group named without its level (召开政府党组会议, 组织政府党组理论学习): the report's own
# place's; 市政府党组 and 人民政府党组 are named with their level, 乡镇政府党组 and 各级政府党组 are classes.
_BARE_GOVERNMENT_GROUP = re.compile(r"(?<![省市县区州旗盟乡镇民级])政府党组")
# A development zone's own organs, named by its kind of zone or bare: its party working committee (新区党工委,
# 园区党工委会, 纳入党工委理论学习) and, after a party committee, its administrative committee (党工委、管委会,
# 高新区党委管委会). Not a kind of committee listed in brackets (各党委(党组、党工委)), nor a street's (街道党工委).
_ZONE_KIND = r"(?:高新区|经开区|开发区|新区|园区|示范区|区)"
_ZONE_PARTY_COMMITTEE = re.compile(rf"(?:{_ZONE_KIND}|(?<![\u4e00-\u9fff(（、])|(?<=[在以入向和与及将对由]))党工委"
                                   r"(?![^,，。；]{0,4}[)）])")
_ZONE_ADMINISTRATION = re.compile(rf"(?:(?<=党工委)|(?<=党委))[、和及与]?(?:{_ZONE_KIND})?管委会")
# A zone's own department or court named by its kind of zone alone (新区司法局在…, 邀请新区法院, 高新区综治局,
# 高新区党委): the report's zone's. Not inside a longer name (浦东新区司法局: a district's, named in full).
_ZONE_ORGAN = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[在由和与及经向对将请内]))(?:高新区|经开区|开发区|新区)"
                         r"(?P<body>党委|法院|人民法院|检察院|人民检察院|[\u4e00-\u9fff]{2,6}?局)(?![长级面])")
# A county's or district's own organs listed bare: 人大、政协、监委、法院、检察院.
_OWN_ORGANS = {"人大": "人大", "人大常委会": "人大常委会", "政协": "政协", "监委": "监委", "纪委监委": "纪委监委",
               "法院": "法院", "人民法院": "法院", "检察院": "检察院", "人民检察院": "检察院"}
_OWN_ORGAN = "|".join(sorted(_OWN_ORGANS, key=len, reverse=True))
# Not after a level word or 国: 区人大、… is named with its level; 全国人大 is national. Three or more after a verb
# (支持人大、政协、监委、法院), two at least at a clause's head (人大、政协等部门).
_OWN_ORGAN_LIST = re.compile(rf"(?<![省市县区州旗盟国])(?:{_OWN_ORGAN})(?:、(?:{_OWN_ORGAN})){{2,}}"
                             rf"|(?<![\u4e00-\u9fff])(?:{_OWN_ORGAN})(?:、(?:{_OWN_ORGAN}))+")


def _national_matches(view: str):
    """Names of central organs not preceded by a level word. The preceding character is tested here, as a
    lookbehind would (a rejected name lets the search go on from its next character): a pattern that opens with
    a lookbehind is tried at every character of the text, one that opens with the names only where one starts."""
    _, pattern = _national()
    position = 0
    while (match := pattern.search(view, position)) is not None:
        if match.start() > 0 and view[match.start() - 1] in _NOT_BEFORE_NATIONAL:
            position = match.start() + 1
            continue
        yield match
        position = match.end()


_PARTY_BEFORE = re.compile(r"(?:中共|中国共产党|政协|中国人民政治协商会议)$")
# Organs whose name says which organ they sit under: 市委全面依法治市委员会 and 市委政法委 under 市委,
# 市政府办公室 and 市政府党组 under 市政府, 市人大常委会 under 市人大.
_PARENTS = ("委", "政府", "人大")


_TOWN_ORGAN = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,4}?)(镇|乡|街道)(人民政府|政府|党委|办事处|"
                         r"司法所|派出所|"
                         r"人大主席团|综合行政执法队|综合执法队|便民服务中心)")
_NOT_A_TOWN = set("各全该本乡镇区县市省个一二两三四五六七八九十等和及与是、")


@lru_cache(maxsize=4096)  # a report names each of its organs several times
def parent_body(body: str) -> str | None:
    """The body of the organ that `body` sits under, by its name, or None."""
    if body == "人大工委":
        return None  # a 地区's or a street's: the congress it works for sits a level above, not in its place
    for parent in _PARENTS:
        if body.startswith(parent) and body != parent and not body.startswith("委员会"):
            return parent
    return None


# The level words that name the report's own place or one above it (not 中央/国家, which always resolve).
_LEVELS_OF_A_PLACE = ("省", "自治区", "市", "州", "盟", "县", "区", "旗")


@lru_cache(maxsize=1024)  # every 市/县 of a report asks the same question
def resolve_level(level: str, home: Division | None, gazetteer: Gazetteer) -> str | None:
    """The jurisdiction code a bare level word refers to in a report of `home`, or None."""
    if level in ("中央", "国家"):
        return NATIONAL
    if home is None:
        return None
    chain = gazetteer.ancestors(home.code)
    if level in ("省", "自治区"):
        return next((d.code for d in chain if d.level == "Province" and not d.name.endswith("市")), None)
    for division in chain:
        if division.name.endswith(level) and (level != "区" or division.level == "County"):
            return division.code
    return None


# A prefecture (地区) or a league (盟) names its own organs without the place: 地委 (its party committee,
# not 委托 or 委员), 行署 (its 行政公署).
_PREFECTURE_ORGAN = re.compile(r"(?P<party>地委)(?![托员任派])|(?P<office>行政公署|行署)")


def _prefecture_organs(view: str, home: Division, gazetteer: Gazetteer) -> list[Found]:
    prefecture = next((d for d in gazetteer.ancestors(home.code) if d.name.endswith(("地区", "盟"))), None)
    if prefecture is None:
        return []
    found = []
    for match in _PREFECTURE_ORGAN.finditer(view):
        if match.group("party") and (not prefecture.name.endswith("地区")
                                     or _POSITION_AFTER_COMMITTEE.match(view, match.end())):
            continue  # 地委书记: a post
        body = "委" if match.group("party") else "行政公署"
        found.append(Found(match.start(), match.end(), "Agency",
                           dict(jurisdiction=prefecture.code, body=body, level="")))
    return found


# A unit named after the organ it belongs to: a bureau's branch (市生态环境局夷陵区分局, 市公安局西陵分局), a
# brigade or a centre (区农业农村局综合执法大队, 司法部法律援助中心), a ministry's department (财政部条法司):
# an organ of its own, under that organ.
_SECTION_END = r"(?![理罚置分长级技学研室所事法])"  # 科, 处 and 司 that end a section's name, not 处理, 科技, 司长 …
_SUBUNIT = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?:分局|大队|支队|中心|(?:科|处|司){_SECTION_END})")
_PARTY_GROUP = re.compile(r"(?:党组|党委)(?!书记|副书记|委员|成员)")
_NOT_A_SUBUNIT_START = re.compile(r"会同|联合|牵头|指导|组织|开展|推动|督促|协调|按照|依托|通过|"
                                  r"[在对向与和及为从把将由等]")


def _with_subunit(view: str, span: Found) -> Found:
    """The unit when an organ's name goes on into one of its own (under the organ); else the span."""
    body = span.data.get("body", "")
    if body.endswith(("局", "厅", "部", "署", "委", "办")) and (group := _PARTY_GROUP.match(view, span.end)):
        # 自然资源部党组, 市司法局党委: the department's party group, under it (not 党组书记, a post)
        return Found(span.start, group.end(), "Agency", dict(span.data, body=body + group.group(), parent=body))
    if body.endswith(("管理委员会", "管委会")) and (department := _listed_body().match(view, span.end)):
        # 湘江新区管理委员会应急管理局: the zone's department, named after the zone's committee
        return Found(span.start, department.end(), "Agency",
                     dict(span.data, body=body + department.group(), parent=body))
    unit = _SUBUNIT.match(view, span.end) if body.endswith(("局", "厅", "部", "署")) else None
    if (unit is None or any(c in _STOP_IN_CORE for c in unit.group())
            or _NOT_A_SUBUNIT_START.match(unit.group())):
        return span
    data = dict(span.data, body=body + unit.group(), parent=body)
    return Found(span.start, unit.end(), "Agency", data)


# Bodies listed after an organ named with its level share that level: 区法院、司法局及信访办.
_LIST_JOIN = set("、和及与")
_AFTER_LISTED = set("和及与等的在对为共均、，。；,;:：)）")
_NOT_LISTED = {"委", "党委", "委员会", "政府", "人民政府"}


@lru_cache(maxsize=1)
def _listed_body() -> re.Pattern[str]:
    canonical, _ = _names("agency_bodies")
    return re.compile(lexicon.alternation(n for n in canonical if n not in _NOT_LISTED and len(n) >= 2))


def _listed_bodies(view: str, spans: list[Found], canonical: dict[str, str]) -> list[Found]:
    found = []
    for span in spans:
        if not span.data.get("level") or span.data["jurisdiction"] == NATIONAL:
            continue
        position = span.end
        while position < len(view) - 1 and view[position] in _LIST_JOIN:
            match = _listed_body().match(view, position + 1)
            if match is None or (match.end() < len(view) and _HAN.match(view, match.end())
                                 and view[match.end()] not in _AFTER_LISTED):
                break
            body = canonical.get(match.group(), match.group())
            data = dict(jurisdiction=span.data["jurisdiction"], body=body, level="")
            if parent := parent_body(body):
                data["parent"] = parent
            found.append(Found(match.start(), match.end(), "Agency", data))
            position = match.end()
    return found


# Groups and committees named for their task: 县机构改革领导小组, 法治石家庄建设领导小组办公室,
# 靖边县创建全省法治政府示范县领导小组, 中关村管委会, 北京大兴国际机场临空经济区联合管委会, and the rule-of-law
# committee's coordination groups (执法协调小组, 省委全面依法治省委员会守法普法协调小组).
_GROUP = re.compile(r"领导小组办公室|领导小组|协调小组|管理委员会|管委会")
_GROUP_BREAK = re.compile(r".*[,，。；;：:、\n“”()（）《》]", re.S)  # greedy: up to the last break
# The first verb: a later one may be inside the name (临空经济区).
_GROUP_VERB = re.compile(r".*?(?:下设|组建|成立|设立|调整|充实|推动|健全|完善|建立|召开|经过|根据|按照|通过|由|将|把"
                         r"|担任|明确|发挥|坚持|依托|督促|简称|会议[和及与]"
                         # a leader's post, name and 任: 省委书记林铎任省委…领导小组组长
                         r"|(?:书记|[市县区省州]长|主任|主席)(?:[\u4e00-\u9fff]{2,3})?任)+了?", re.S)
# A coordination group's name is its field, after its committee's name at most: what a conjunction joins
# before it is another organ (市委全面依法治市委员会和守法普法协调小组).
# …and so is the committee's office (县委依法治县办执法协调小组).
_COORDINATION_JOIN = re.compile(r".*(?:[和及与]|依法治[省市县区州旗盟]办)", re.S)  # greedy: up to the last one
# The committee a coordination group belongs to, opening its name (区委全面依法治区委员会执法协调小组).
_RULE_OF_LAW_COMMITTEE = re.compile(r"(?:党?委)?(?:全面)?依法治[省市县区州旗盟]委员会")
# A count names several groups, not one (四个协调小组, 4个协调小组, 各个协调小组).
_COUNTED = re.compile(r"[0-9一二两三四五六七八九十几]个|各")
# What cannot stand inside such a name (全 and 各 may: 创建全省法治政府示范县领导小组).
_STOP_IN_GROUP = set("的了与及并对为在把被将向从由等是、，。；：,;:()")
_NOT_A_GROUP_START = set("各全该本其这那此有相等的")
_SITTING = re.compile(r"第[0-9一二三四五六七八九十]+[次届]")
# A group that each of several units set up for itself (各乡镇相应成立了…领导小组, 市、县区相继调整充实了…领导小组,
# 各级…领导小组): a kind of group, no one organ. The clause before it says so.
# Not its members (各科室负责人为成员的…领导小组), nor several groups set up at once (分别成立了…).
_EACH_ITS_OWN = re.compile(r"(?:各(?![项类种方面])|均|都|相应|相继|两级|三级)"
                           r"(?:(?!成员|组员|参加)[^,，。；;：:！？\n])*$")
_CLAUSE_BEFORE = 40  # characters
_GROUP_NOTE = re.compile(r"[(（][\u4e00-\u9fff]{1,6}[)）]")
_QUOTED_IN_GROUP = re.compile(r"“[\u4e00-\u9fff]{2,16}”(?=[\u4e00-\u9fff]*$)")
_OWN_BODY = re.compile(r"我[局厅委办部]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


# A field listed before it, a short item of its own (执法、): 会议、执法协调小组 names one.
_FIELD_LISTED = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[和及与]))[\u4e00-\u9fff]{2,4}、$")


def _last_of_a_list(view: str, start: int, kind: str) -> bool:
    """Whether a coordination group's name is the last of a list sharing its suffix (执法、司法、守法普法协调小组):
    several groups, none named in full."""
    return kind == "协调小组" and _FIELD_LISTED.search(view, max(0, start - 6), start) is not None


def _set_up_by_each(view: str, start: int) -> bool:
    """Whether the clause before a group's name says each of several units has one (各部门均成立了…领导小组)."""
    clause = re.split(r"[,，。；;：:！？\n]", view[max(0, start - _CLAUSE_BEFORE):start])[-1]
    return _EACH_ITS_OWN.search(clause) is not None


def _named_groups(view: str, home: Division | None, gazetteer: Gazetteer,
                  divisions: list[Found], unplaced: str | None = None) -> list[Found]:
    division_at = {d.start: d for d in divisions if not d.data.get("reference")}
    found = []
    for match in _GROUP.finditer(view):
        window_start = max(0, match.start() - 24)
        start = window_start
        # A short note in brackets stays inside the name: 建设法治政府(依法行政)工作领导小组.
        # …and so does a quoted name: 创建“全国法治政府建设示范区”工作领导小组.
        window = _GROUP_NOTE.sub(lambda note: "_" * len(note.group()), view[window_start:match.start()])
        window = _QUOTED_IN_GROUP.sub(lambda quote: "_" * len(quote.group()), window)
        if cut := _GROUP_BREAK.match(window):
            start = window_start + cut.end()
        if match.group() == "协调小组" and (joined := _COORDINATION_JOIN.match(view, start, match.start())):
            start = joined.end()
        if verb := _GROUP_VERB.match(view, start, match.start()):
            start = verb.end()
        if (of := view.rfind("的", start, match.start())) >= 0:
            start = of + 1  # …为成员的全面依法治县工作领导小组: the name starts after 的
        if self_reference := _OWN_BODY.match(view, start, match.start()):
            start = self_reference.end()  # 我局法治建设工作领导小组: the group, not the reference
        name = view[start:match.start()]
        # A place or a level word inside the name starts it (两轮县机构改革…), unless 法治 or 依法治 opens it.
        opens_with_rule_of_law = name.startswith(("法治", "依法治", "全面依法治"))  # 全面依法治县工作领导小组
        place = None
        for at in range(start, match.start()):
            if at in division_at:
                place = division_at[at]
                break
            if (view[at] in "省市县区州旗" and not opens_with_rule_of_law and at + 1 < match.start()
                    and view[max(0, at - 3):at] != "依法治"  # 推进全面依法治区工作领导小组: 区 is the task's
                    # 我市在省委…小组, 工业园区…小组: the level word is part of another word
                    and view[at - 1] not in _NOT_BEFORE_LEVEL - set("全新")):
                place = at
                break
        if isinstance(place, Found):
            innermost = place  # 广州市番禺区委…: the group is the district's, not the city's
            while (inner := division_at.get(innermost.end)) is not None and inner.end < match.start():
                innermost = inner
            jurisdiction, start = innermost.data["code"], start if opens_with_rule_of_law else place.start
            body_start = start if opens_with_rule_of_law else innermost.end
        elif isinstance(place, int):
            jurisdiction, start, body_start = resolve_level(view[place], home, gazetteer), place, place + 1
            if view[place - 1] == "全":
                start = place - 1  # 全市依法行政工作领导小组: the whole city's, said so
        else:
            jurisdiction, body_start = (home.code if home else unplaced), start
        body = view[body_start:match.end()]
        core = view[body_start:match.start()]
        plain_core = _GROUP_NOTE.sub("", core).replace("等级", "")  # (执法资格等级考试领导小组: 等 names no list)
        if (jurisdiction is None or len(core) < 2 or (core[0] in _NOT_A_GROUP_START and not core.startswith("全面"))
                or _SITTING.match(core)  # 召开第一次领导小组会议: a sitting, the group unnamed
                or core.endswith("任")  # 局长任领导小组组长: the post a leader holds on a group named before
                or any(c in _STOP_IN_GROUP for c in plain_core) or not _HAN.match(core)
                or _last_of_a_list(view, start, match.group()) or _COUNTED.search(core)
                or _set_up_by_each(view, start)):
            continue
        aliases = [(body_start, match.end())] if view[start] == "全" else []  # …and named without it
        committee = _RULE_OF_LAW_COMMITTEE.match(core) if match.group() == "协调小组" else None
        if committee and committee.end() < len(core):
            body = body[committee.end():]  # the committee's 执法协调小组 is the 执法协调小组 named alone
            aliases = [(body_start + committee.end(), match.end())]
        found.append(Found(start, match.end(), "Agency",
                           dict(jurisdiction=jurisdiction, body=body, level="", alias_spans=aliases)))
    return found


# The rule-of-law committee and its office named without the party committee before them: 依法治县委员会.
_RULE_OF_LAW_ORGAN = re.compile(r"(?<![委面])(?:全面)?依法治(?P<level>[省市县区州旗盟])"
                                r"(?P<body>委员会办公室|委员会|办)")


# …and named with the province's one-character abbreviation: 自治区党委全面依法治藏委员会(办公室), 依法治疆办,
# 自治区全面依法治藏委员会 (the region's, its party committee left unsaid).
_PROVINCE_RULE_OF_LAW_ORGAN = re.compile(r"(?:(?:中共)?(?:自治区党委|省委|市委)|自治区)?"
                                         r"(?:全面)?依法治(?P<abbr>[^\W\d_])(?P<body>委员会办公室|委员会|办)")


# …and the central committee and its office named without 中央 (在全面依法治国委员会第三次会议上,
# 上报至依法治国办): not a local committee's (委全面依法治国…), nor after 中央.
_CENTRAL_RULE_OF_LAW_ORGAN = re.compile(r"(?<![央委面])(?:全面)?依法治国(?P<body>委员会办公室|委员会|办)")
_CENTRAL_RULE_OF_LAW_BODY = {"委员会": "中央全面依法治国委员会", "委员会办公室": "中央依法治国办",
                             "办": "中央依法治国办"}


# …and an autonomous region's, named by 区 after the region's committee (自治区党委全面依法治区委员会,
# 自治区党委依法治区办): the region's, not a district's.
_REGION_RULE_OF_LAW_ORGAN = re.compile(r"(?:中共)?自治区党?委(?:全面)?依法治区(?P<body>委员会办公室|委员会|办)")


def _rule_of_law_organs(view: str, home: Division | None, gazetteer: Gazetteer,
                        canonical: dict[str, str]) -> list[Found]:
    found = [Found(m.start(), m.end(), "Agency",
                   dict(jurisdiction=NATIONAL, body=_CENTRAL_RULE_OF_LAW_BODY[m.group("body")], level=""))
             for m in _CENTRAL_RULE_OF_LAW_ORGAN.finditer(view)]
    if (region := resolve_level("自治区", home, gazetteer)) is not None:
        for match in _REGION_RULE_OF_LAW_ORGAN.finditer(view):
            body = "委全面依法治区" + ("委员会办公室" if match.group("body") == "办" else match.group("body"))
            found.append(Found(match.start(), match.end(), "Agency",
                               dict(jurisdiction=region, body=body, level="", parent="委")))
    for match in _PROVINCE_RULE_OF_LAW_ORGAN.finditer(view):
        if (code := province_abbreviations().get(match.group("abbr"))) is not None:
            body = "党委全面依法治" + match.group("abbr") + {"办": "委员会办公室"}.get(match.group("body"),
                                                                       match.group("body"))
            found.append(Found(match.start(), match.end(), "Agency",
                               dict(jurisdiction=code, body=body, level="", parent="党委")))
    for match in _RULE_OF_LAW_ORGAN.finditer(view):
        jurisdiction = resolve_level(match.group("level"), home, gazetteer)
        body = "委" + match.group().removeprefix("全面").replace("依法治", "全面依法治", 1)
        body = canonical.get(body, canonical.get("委" + match.group().removeprefix("全面"), body))
        if jurisdiction is not None:
            found.append(Found(match.start(), match.end(), "Agency",
                               dict(jurisdiction=jurisdiction, body=body, level="", parent="委")))
    return found


# A department reporting on itself (浙江省司法厅2023年法治政府建设年度报告) names itself by its last character:
# 我厅, 本局, and its party group at the head of a clause, 厅党组.
# Not 本办法, 基本局面, 我办理, 本委员会, 我委托.
_SELF = re.compile(r"[我本](?P<own>[厅局委办署部])(?![员托面法理公事结门])"
                   # 局党组 on its own, after a verb or a particle (发挥局党组的作用, 坚持局党组…, 落实局党组…), not
                   # inside a name (司法局党组), and a section of its own: 局政策法规科, 厅法规处
                   r"|(?:(?<![\u4e00-\u9fff])|(?<=[挥开强由在对的和与及经用入为过定善织行次持实了来以年])|(?<=开展))"
                   r"(?P<group_of>[厅局委办署部])"
                   r"(?:(?P<group>党组|党委)(?!书记|副书记|委员|成员)"  # 局党组书记: a post
                   rf"|(?P<section>[\u4e00-\u9fff]{{2,6}}?[处科股司]){_SECTION_END})")


# A department's legal section named alone, in its own report (办公室设在政策法规股, 设立了法规处, 法制科,
# 设在了法制司), also when merged with another (校园安全与法规处, 设在安运法规股).
_LEGAL_SECTION = re.compile(rf"(?:(?<=设在)(?!了)[\u4e00-\u9fff]{{2}}|[^\W\d_由在为对从将把向的了和及]{{2,6}}与)?"
                            rf"(?:政策)?法[规制][处科股司]{_SECTION_END}")
_OPENING_SUBJECT = 24  # characters: where an excerpt's first sentence names who reports (2022年,长治市司法局…)
# …after the organs it says it was led or guided by (2022年,在市委、市政府的领导下,在省应急管理厅的指导下,
# 市应急管理局…).
_LEADERSHIP_CLAUSES = re.compile(r"\s*(?:[0-9]{4}年(?:度|以来)?[,，]\s*)?(?:在[^,，。；;]{2,40}?下[,，]\s*)+")


def _kind_of_department(body: str) -> str | None:
    """The character a department calls itself by (厅, 局, 委 …: 我委, 委党委), or None: 卫生健康委员会 is a 委."""
    kind = "委" if body.endswith("委员会") else body[-1]
    return kind if kind in "厅局委办署部" else None


def _self_references(view: str, spans: list[Found], jurisdiction: str | None, home: Division | None = None,
                     gazetteer: Gazetteer | None = None) -> list[Found]:
    """Where a department named in the report's title calls itself 我厅 or 本局, or names its 厅党组 or one of
    its own sections (局政策法规科). A department that never names itself still has its party group (局党组),
    named as the text names it."""
    # The department is named in the title, or, in an excerpt without one, as the subject of its opening
    # (2022年,长治市司法局坚持…).
    # A title that names no organ may have its department on a line of its own above it (天津市商务局\n2019年度…报告).
    titled_line = title_line(view)
    opening = _LEADERSHIP_CLAUSES.match(view)
    title = titled_line or (opening.end() if opening else 0, (opening.end() if opening else 0) + _OPENING_SUBJECT)
    if not any(title[0] <= s.start < title[1] for s in spans):
        title = (0, title[1])
    titled = [s for s in sorted(spans, key=lambda s: s.start) if title[0] <= s.start < title[1]]
    author = next((s for s in titled if s.data["body"] not in ("委", "政府") and _kind_of_department(s.data["body"])),
                  None)
    # (a government's report, titled by it, has no 局党组 of its own; the organs opening an untitled excerpt may only
    # lead the department: 在市委、市政府的领导下,我局…)
    if author is None:
        if titled and titled_line:
            return []
        return (_unnamed_department_group(view, spans, jurisdiction)
                + _counterparts(view, spans, None, home, gazetteer))
    # by its name as written: 市交通运输委员会 calls itself 委 (委党组), though the lexicon's 交通运输局 says 局
    own = _kind_of_department(view[author.start:author.end]) or _kind_of_department(author.data["body"])
    found = []
    for match in _SELF.finditer(view, title[1]):
        if match.group("own") == own:
            found.append(Found(match.start(), match.end(), "Agency", dict(author.data, self_reference=True)))
        elif match.group("group_of") == own:
            unit = match.group("group") or match.group("section")
            if any(c in _STOP_IN_CORE for c in unit) or _NOT_A_SUBUNIT_START.match(unit):
                continue
            data = dict(jurisdiction=author.data["jurisdiction"], body=author.data["body"] + unit,
                        level="", parent=author.data["body"])
            found.append(Found(match.start(), match.end(), "Agency", data))
    for match in _LEGAL_SECTION.finditer(view, title[1]):
        data = dict(jurisdiction=author.data["jurisdiction"], body=author.data["body"] + match.group(),
                    level="", parent=author.data["body"])
        found.append(Found(match.start(), match.end(), "Agency", data))
    return found + _counterparts(view, spans, author, home, gazetteer)


# A department's counterpart at a level, named by the level and its kind alone (在市局的指导下, 被省厅评为,
# 落实总局部署, 市局党委): in a department's report, the department of its own line at that level. After a verb or a
# particle, not inside a word (全市局级, 各市局, 市场监管总局), nor a post (市局长).
_COUNTERPART = re.compile(r"(?:(?<![\u4e00-\u9fff])"
                          r"|(?<=[挥开强由在对的和与及经用入为过定善织行次持实了来以年照被向请接]))"
                          r"(?P<level>省|自治区|市|总)(?P<kind>[局厅])(?P<group>党组|党委)?(?![长级])")


def _counterparts(view: str, spans: list[Found], author: Found | None, home: Division | None,
                  gazetteer: Gazetteer | None) -> list[Found]:
    """The departments of the report's own line at another level, named by level and kind (省厅, 市局党组): the
    author's line at that level (嘉定区市场监管局's 市局 is 上海市市场监督管理局), else the one department of that
    kind the report names at that level, else a name of its own."""
    if gazetteer is None:
        return []
    line = author.data["body"] if author is not None and _heads_a_line(author) else None
    found = []
    for match in _COUNTERPART.finditer(view):
        level, kind, group = match.group("level", "kind", "group")
        jurisdiction = NATIONAL if level == "总" else resolve_level(level, home, gazetteer)
        if jurisdiction is None or (group and _GROUP_GATHERS.match(view, match.end())):
            continue  # (局党组理论学习中心组: the group's study circle, not the group)
        named = {s.data["body"] for s in spans if s.data["jurisdiction"] == jurisdiction and _heads_a_line(s)
                 and s.data["body"].endswith(kind)}
        body = (_counterpart_body(line, level, kind) if line else None) or (named.pop() if len(named) == 1 else kind)
        data = dict(jurisdiction=jurisdiction, body=body + (group or ""), level="")
        if group:
            data["parent"] = body
        found.append(Found(match.start(), match.end(), "Agency", data))
    return found


def _heads_a_line(span: Found) -> bool:
    """Whether an organ is a department of a line of work (生态环境局), not a party, government or congress office."""
    body = span.data["body"]
    return (span.data["jurisdiction"] != NATIONAL and "parent" not in span.data and body.endswith(("局", "厅"))
            and not body.startswith(_PARENTS))


def _counterpart_body(author_body: str, level: str, kind: str) -> str | None:
    """The body of the author's line at `level`: 生态环境局 → 生态环境厅 (省厅),
    市场监督管理局 → 国家市场监督管理总局 (总局); None when the line has no central bureau."""
    stem = author_body.removesuffix("委员会")[:-1] if author_body.endswith("委员会") else author_body[:-1]
    if level == "总":
        national, _ = _national()
        return national.get("国家" + stem + "总局") or national.get(stem + "总局")
    canonical, _ = _bodies()
    return canonical.get(stem + kind, stem + kind)


def _unnamed_department_group(view: str, spans: list[Found], jurisdiction: str | None) -> list[Found]:
    """The party group of a department that speaks of itself (我局, 局党组) but names itself nowhere: the
    group by its bare name (局党组), the kind the report calls itself by most."""
    kinds = Counter(m.group("own") or m.group("group_of") for m in _SELF.finditer(view)
                    if m.group("own") or m.group("group"))
    if jurisdiction is None or not kinds:
        return []
    own = kinds.most_common(1)[0][0]
    # …and its legal section (我局…办公室设在政策法规处), by its bare name too
    sections = [Found(m.start(), m.end(), "Agency", dict(jurisdiction=jurisdiction, body=own + m.group(), level=""))
                for m in _LEGAL_SECTION.finditer(view)]
    if any(span.data["body"].endswith((own + "党组", own + "党委")) for span in spans):
        return sections  # 市财政局党组 named in full: the group is that one
    return sections + [Found(m.start(), m.end(), "Agency", dict(jurisdiction=jurisdiction, body=m.group(), level=""))
                       for m in _SELF.finditer(view) if m.group("group_of") == own and m.group("group")
                       and not _GROUP_GATHERS.match(view, m.end())]


# A sitting of the group or its study circle (局党组会, 局党委理论学习中心组), not the group acting.
_GROUP_GATHERS = re.compile(r"会|理论学习|中心组")


def find_agencies(doc: Document, gazetteer: Gazetteer, home: Division | None,
                  divisions: list[Found]) -> list[Found]:
    """Agency mentions with `jurisdiction` (a division code or CN) and `body` (canonical) in data."""
    canonical, pattern = _bodies()
    view = doc.view.text
    # A report that names no place of its own (an excerpt that starts mid-text) still names its organs by level:
    # 县委 there is the report's county's committee, whichever county that is.
    unplaced = None if home is not None else f"report:{doc.doc_id}"
    # Division mentions by the view offset where they end, to read 吕梁市政府 as 吕梁市 + 政府.
    division_by_end = {d.end: d for d in divisions if not d.data.get("reference")}
    spans: list[Found] = []
    position = 0
    # A rejected candidate must not hide one that starts inside it (杭州市司法局: 州… fails, 市司法局 is it),
    # so the search moves on by one character after a rejection.
    while (match := pattern.search(view, position)) is not None:
        agency = _agency_at(match, view, canonical, division_by_end, home, gazetteer, unplaced)
        if agency is None:
            position = match.start() + 1
            continue
        spans.append(agency)
        position = match.end()
    # Organs of a named town or street (城关镇人民政府, 丰台街道办事处): below the gazetteer, so they belong
    # to the report's jurisdiction; 乡镇人民政府 and 各街道 are classes, not names.
    if home is not None:
        for match in _TOWN_ORGAN.finditer(view):
            if match.group(1)[0] in _NOT_A_TOWN or match.group(1)[-1] in _NOT_A_TOWN:
                continue
            body = match.group(1) + match.group(2) + canonical.get(match.group(3), match.group(3))
            spans.append(Found(match.start(), match.end(), "Agency",
                               dict(jurisdiction=home.code, body=body, level=match.group(2))))
        spans += _prefecture_organs(view, home, gazetteer)
    # A body right after a short place name: 杭州互联网法院, 宜昌中院.
    body_only = _body_only()
    for division in divisions:
        if (division.data.get("short") and not division.data.get("reference")
                and (match := body_only.match(view, division.end)) is not None):
            key_body = canonical.get(match.group(), match.group())
            data = dict(jurisdiction=division.data["code"], body=key_body, level="")
            spans.append(Found(division.start, match.end(), "Agency", data))
    spans += _listed_bodies(view, spans, canonical)
    spans += _named_groups(view, home, gazetteer, divisions, unplaced)
    spans += _rule_of_law_organs(view, home, gazetteer, canonical)
    national, _ = _national()
    for match in _national_matches(view):
        name = match.group(0)
        # 国家公安部: the state said before a ministry's name, as people say it, is part of the mention
        said_with_state = name.endswith("部") and view[max(0, match.start() - 2):match.start()] == "国家"
        start = match.start() - 2 if said_with_state else match.start()
        spans.append(Found(start, match.end(), "Agency", dict(jurisdiction=NATIONAL, body=national[name], level="")))
    for match in _CENTRE.finditer(view):
        spans.append(Found(match.start(), match.end(), "Agency",
                           dict(jurisdiction=NATIONAL, body="中共中央", level="")))
    for match in _GENERAL_OFFICES.finditer(view):
        spans.append(Found(match.start(), match.end(), "Agency",
                           dict(jurisdiction=NATIONAL, body=_GENERAL_OFFICE_BODY[match.group(1)], level="")))
    if home is not None:
        for match in _OWN_ORGAN_LIST.finditer(view):
            at = match.start()
            for name in match.group().split("、"):
                spans.append(Found(at, at + len(name), "Agency", dict(jurisdiction=home.code, body=_OWN_ORGANS[name],
                                                                      level="")))
                at += len(name) + 1
    if home is not None or unplaced:
        spans += [Found(m.start() + (m.group()[0] in "、和及与"), m.end(), "Agency",
                        dict(jurisdiction=home.code if home else unplaced, body=body, level=""))
                  for pattern, body in ((_ZONE_PARTY_COMMITTEE, "党工委"), (_ZONE_ADMINISTRATION, "管委会"))
                  for m in pattern.finditer(view)]
        spans += [Found(m.start(), m.end(), "Agency", dict(jurisdiction=home.code if home else unplaced,
                                                           body=canonical.get(m.group("body"), m.group("body")),
                                                           level=""))
                  for m in _ZONE_ORGAN.finditer(view) if not any(c in _STOP_IN_CORE for c in m.group("body"))]
    if home is not None:
        spans += [Found(m.start(), m.end(), "Agency", dict(jurisdiction=home.code, body="政府党组", level="",
                                                           parent="政府"))
                  for m in _BARE_GOVERNMENT_GROUP.finditer(view)]
    if (home is not None or unplaced) and (source := _source_body().search(view, 0, 600)):
        # 来源：司法局 in a page's header: the publisher is the report's own department.
        spans.append(Found(source.start(1), source.end(1), "Agency",
                           dict(jurisdiction=home.code if home else unplaced, body=canonical[source.group(1)],
                                level="")))
    for span in list(spans):
        # 区人大及其常委会: the standing committee, named by its body alone after the congress.
        if span.data["body"] == "人大" and view.startswith("及其常委会", span.end):
            spans.append(Found(span.end + 2, span.end + 5, "Agency", dict(span.data, body="人大常委会", level="")))
    spans = [_with_subunit(view, span) for span in spans]
    spans += _self_references(view, spans, home.code if home else unplaced, home, gazetteer)
    # A party school (市委党校) is read, so that its 市委 is not, but it is a school, not an organ.
    return [span for span in spans if not span.data["body"].endswith("党校")]


def _names_another_place(match: re.Match[str], division_by_end: dict[int, Found]) -> bool:
    """Whether a generic name after a level word is another place's organ, read from that place's own words:
    another level's committee (汉滨区 + 省委…委员会: the province's), or a division inside it after a division's
    name (上海市浦东新区发展和改革委员会: the district's; after a bare level word the place is only where the
    level's organ sits: 省福州高速公路管理局)."""
    generic_start, level = match.start("generic"), match.group("level")
    opening = _LEVEL_ORGAN_START.match(match.group("generic"))
    if opening and opening.group(1) != level:
        return True
    return match.start() + len(level) in division_by_end and any(
        (inner := division_by_end.get(at)) is not None and inner.start >= generic_start
        for at in range(generic_start + 2, match.end()))


def _agency_at(match: re.Match[str], view: str, canonical: dict[str, str], division_by_end: dict[int, Found],
               home: Division | None, gazetteer: Gazetteer, unplaced: str | None = None) -> Found | None:
    """The agency a match of level word + body names, or None when it is not one (a position, a meeting,
    a class of departments, a level word that is part of another word or cannot be resolved)."""
    level, body, generic = match.group("level"), match.group("body"), match.group("generic")
    start, end = match.start(), match.end()
    if generic and any(c in _STOP_IN_CORE for c in generic):
        return None
    if generic and _names_another_place(match, division_by_end):
        return None
    name_body = body or generic
    if view.startswith(_WORDS_OF_A_LEVEL.get(level, "\0"), start):
        return None  # 市场监管总局, 区域, 县域: the level word is part of another word
    after = view[end:end + 4]
    if name_body in ("委", "党委") and _POSITION_AFTER_COMMITTEE.match(after):
        return None
    if name_body.endswith("部") and after.startswith("门"):
        return None
    if (name_body == "人大" and after.startswith("代表")) or (name_body == "政协" and after.startswith("委员")):
        return None  # 人大代表, 政协委员: deputies and members, not the congress or the committee
    # The level word may end a division name (吕梁市 + 司法局) or stand alone (市 + 司法局).
    owner = division_by_end.get(start + len(level))
    named = owner is not None and owner.start <= start
    if not named and (before := division_by_end.get(start)) is not None and view[before.start:start].endswith(level):
        owner, named = before, True  # 南昌市市政府, 浚县县委: the level said again after the division's name
    if named:
        start = owner.start
        jurisdiction = owner.data["code"]
        # 北京市海淀区人民法院: take in the divisions named before it, too.
        while (outer := division_by_end.get(start)) is not None:
            start = outer.start
    else:
        if start > 0 and view[start - 1] in _NOT_BEFORE_LEVEL and start not in division_by_end:
            return None  # (but 汉滨区省委…: a place, then another level's organ)
        jurisdiction = resolve_level(level, home, gazetteer)
        if jurisdiction is None and unplaced and level in _LEVELS_OF_A_PLACE:
            jurisdiction = f"{unplaced}/{level}"
        if jurisdiction is None:
            return None
    key_body = canonical.get(name_body, name_body)
    # 中共吕梁市委, 中国共产党吕梁市委员会; 政协吕梁市委员会 is the CPPCC's committee, not the party's.
    party = _PARTY_BEFORE.search(view, max(0, start - 12), start)
    if name_body == "委员会" and not named and party is None:
        return None  # …依法治旗委员会: the tail of a committee's name, not 旗委
    if party is not None:
        start = party.start()
        if party.group() in ("政协", "中国人民政治协商会议"):
            if name_body != "委员会":
                return None
            key_body = "政协"
    if level in ("中央", "国家"):
        # 国家市场监管总局 is the central organ the lexicon knows as 国家市场监督管理总局.
        central = _national()[0].get(view[start:end]) or _national()[0].get(view[start:end].removeprefix(level))
        key_body = central or (key_body if body else level + key_body)
    data = dict(jurisdiction=jurisdiction, body=key_body, level=level)
    if parent := parent_body(key_body):
        data["parent"] = parent
    return Found(start, end, "Agency", data)
