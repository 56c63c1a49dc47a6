"""Relations stated within one sentence, each kept with the sentence that supports it.

- issuedBy: an agency, a verb of issuing, then the documents it issued (市人大常委会出台《…条例》; 市委、市政府
  印发《A》《B》), or a document then 经/由 an agency and such a verb (《…》经市人大常委会审议通过).
- locatedIn: a county or city that opens a clause and a programme later in that clause (柳林县先行先试
  “一体建设”试点; 离石区成为…“一件事”线上办理试点).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import Found
from .programs import known_programme

_ISSUE = (r"(?:制定出台|制定印发|研究出台|审议并?通过|印发实施|出台了|印发了|制定了|作出了|出台|印发|下发|制定|制发|"
          r"修订完善|修改完善|制定完善|"  # (修订完善《…》: revised it)
          r"发布|公布|编制|修订|修改|起草|"
          r"草拟|颁布|通过|作出)")
# Issuers joined by others left unnamed stay issuers: 省人社厅等七部门《关于…的通知》.
_OTHERS = r"(?:等\s*[0-9一二三四五六七八九十]+\s*[个家]?(?:部门|单位))?"
# When an organ issued it, between the organ and its verb: 市政府于2018年4月21日下发了《…》.
_ON_A_DATE = r"(?:于(?:[0-9]{4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:上旬|中旬|下旬|初|底)?)?"
# Between an agency and its verb: at most a few words (先后, 研究, 审议).
_AGENCY_TO_VERB = re.compile(rf"^{_OTHERS}{_ON_A_DATE}[^,;。!?、“”《》]{{0,8}}?{_ISSUE}+"
                             # A body adopting documents at its meeting: …委员会召开第四次全体会议，审议通过《…》
                             r"|^(?:召开)?第[一二三四五六七八九十0-9]+次(?:全体)?(?:[(（]扩大[)）])?会议,?(?:审议并?通过|通过|审定)")
# A document's number after its title: 《…的通知》(豫办〔2015〕13号).
_FILE_NUMBER = r"[(（][^()（）〔〕]{0,12}[〔\[(（][0-9]{4}[〕\])）][^()（）]{0,6}号[)）]"
# Between the verb and the documents, and between documents: only joining words (and file numbers).
_JOINING = re.compile(rf"^(?:[、和及与并,]|了|的|关于|等|以及|年度|《|》|{_FILE_NUMBER}|\s)*$")
# A following clause that goes on with the same subject: 市人大常委会审议通过《A》,修订《B》.
_SAME_SUBJECT_VERB = re.compile(rf"^[,;、]\s*(?:并|还|同时)?{_ISSUE}")
# An organ that asked for the document (按照市政府要求制定了…方案) did not issue it (but 研究部署并印发: it did).
_ASKED = re.compile(r"要求|安排|指示|委托")
# An organ cited as the authority (根据国务院决定印发《…》, 按照省委部署制定…): its decision, not its document.
_CITING = ("根据", "按照", "依据", "遵照")
_CITED_DECISION = re.compile(r"决定|部署")
_PASSIVE = re.compile(r"^[^,;。!?]{0,4}?(?:经|由)$")
_PASSIVE_VERB = re.compile(rf"^[^,;。!?《》]{{0,8}}?{_ISSUE}")
_CLAUSE_BREAK = re.compile(r"[,;。!?:\n]")
_SEGMENT_CHARS = frozenset(";。!?\n")
_SENTENCE_CHARS = frozenset("。!?\n")
_PLACE_KINDS = ("County", "City")
_GROUP_JOIN = re.compile(r"[、和及与]")  # between names listed together
_ISSUERS_JOIN = re.compile(r"[、和及与]?")  # issuers are also written together (以省委省政府名义印发)


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str  # issuedBy, locatedIn
    subject: Found
    object: Found
    evidence: tuple[int, int]  # view span of the supporting sentence


@dataclass(frozen=True, slots=True)
class _Breaks:
    """Where a text's clauses, segments (up to ;) and sentences end: sorted offsets of their punctuation."""

    clause: list[int]
    segment: list[int]
    sentence: list[int]


@lru_cache(maxsize=4)
def _breaks(view: str) -> _Breaks:
    """One pass over the text, so that each metric looks its bounds up instead of scanning for them."""
    clause = [match.start() for match in _CLAUSE_BREAK.finditer(view)]
    return _Breaks(clause, [p for p in clause if view[p] in _SEGMENT_CHARS],
                   [p for p in clause if view[p] in _SENTENCE_CHARS])


def _around(breaks: list[int], at: int) -> tuple[int | None, int | None]:
    """The last break before `at` and the first at or after it (None where there is none): one bisect."""
    i = bisect.bisect_left(breaks, at)
    return (breaks[i - 1] if i else None), (breaks[i] if i < len(breaks) else None)


def _sentence_bounds(view: str, at: int) -> tuple[int, int]:
    breaks = _breaks(view).sentence
    start, end = _around(breaks, at)
    return (0 if start is None else start + 1), (len(view) if end is None else end + 1)


def find_relations(view: str, items: list[Found], home: Found | None = None) -> list[Relation]:
    """Relations said in the text; `home`, a mention of the report's county, is where a pilot the report's own
    place was made is (入选…试点县, with no place named as the subject)."""
    items = sorted(items, key=lambda f: (f.start, f.end))
    relations: list[Relation] = []
    documents = [f for f in items if f.kind in ("Regulation", "Publication") and not f.data.get("nested")]
    agencies = [f for f in items if f.kind == "Agency"]
    relations += [r for r in _issued_by(view, agencies, documents)
                  if not _self_named_twice(view, r, agencies) and not _its_meeting_acting(view, r.object)]
    relations += _located_in(view, items, home)
    return relations


# A department that speaks of itself (我局印发了《莆田市交通运输局关于…的通知》): the annotations leave an issuer
# named in the title to the title.
_SELF_REFERENCE = re.compile(r"我[局厅委办部]")


def _self_named_twice(view: str, relation: Relation, agencies: list[Found]) -> bool:
    """A self-reference that issued a document whose title opens on an organ's name."""
    if not _SELF_REFERENCE.fullmatch(view, relation.object.start, relation.object.end):
        return False
    document = relation.subject
    return any(document.start <= a.start <= document.start + 2 for a in agencies)


# An organ's executive meeting that is the subject of a clause (市政府常务会议审议通过《…》; 区政府常务会带头学习…,
# 制定《…》): the annotations do not credit the organ, unless the document passed through it
# (经市政府常务会审议通过印发《…》).
_EXECUTIVE_MEETING = ("常务会", "常委会议")


def _its_meeting_acting(view: str, agency: Found) -> bool:
    """The organ names its executive meeting, which acts as the subject (not 经…: what passed through it)."""
    return view.startswith(_EXECUTIVE_MEETING, agency.end) and view[agency.start - 1:agency.start] != "经"


def _cited(view: str, group: list[Found], verb_end: int) -> bool:
    """Issuers cited as the authority for what the sentence's subject did (根据国务院决定印发《…》)."""
    return (view[group[0].start - 2:group[0].start] in _CITING
            and bool(_CITED_DECISION.search(view, group[-1].end, group[-1].end + verb_end)))


def _agency_groups(view: str, agencies: list[Found]) -> list[list[Found]]:
    """Agencies listed together (市委、市政府) form one group of issuers."""
    groups: list[list[Found]] = []
    for agency in agencies:
        if groups and _ISSUERS_JOIN.fullmatch(view, groups[-1][-1].end, agency.start):
            groups[-1].append(agency)
        else:
            groups.append([agency])
    return groups


def _issued_by(view: str, agencies: list[Found], documents: list[Found]) -> list[Relation]:
    relations = []
    groups = _agency_groups(view, agencies)
    starts = [d.start for d in documents]  # in text order, as are the groups
    for group in groups:
        last = group[-1]
        verb = _AGENCY_TO_VERB.match(view[last.end:last.end + 30])
        if not verb or _ASKED.search(view, last.end, last.end + verb.end()) or _cited(view, group, verb.end()):
            continue
        cursor = last.end + verb.end()
        sentence = _sentence_bounds(view, last.start)
        for document in documents[bisect.bisect_left(starts, cursor):bisect.bisect_left(starts, sentence[1])]:
            if document.start < cursor:
                continue  # inside the document before
            between = view[cursor:document.start]
            if not _JOINING.match(between):
                went_on = _SAME_SUBJECT_VERB.match(between.lstrip("》"))
                if not went_on or not _JOINING.match(between.lstrip("》")[went_on.end():]):
                    break
            relations += [Relation("issuedBy", document, agency, sentence) for agency in group]
            cursor = document.end
    relations += _issuer_before(view, groups, documents)
    relations += _carried_subject(view, groups, documents, {id(r.subject) for r in relations})
    relations += _in_the_name_of(view, groups, documents)
    relations += _at_its_meeting(view, groups, documents)
    firsts = [group[0].start for group in groups]
    for document in documents:
        # The groups that start within 8 characters after the document.
        for group in groups[bisect.bisect_right(firsts, document.end):bisect.bisect_right(firsts, document.end + 8)]:
            first = group[0]
            if _PASSIVE.match(view[document.end + 1:first.start]) and _PASSIVE_VERB.match(view[group[-1].end:]):
                sentence = _sentence_bounds(view, document.start)
                relations += [Relation("issuedBy", document, agency, sentence) for agency in group]
    return relations


# A clause that opens with a verb of issuing, its subject left to the sentence's first clause: 市委、市政府高度重视…，
# 召开…会议研究部署…，印发《A》《B》.
# 区政府主要领导带头…, 制定印发了《…》: the subject is the organ's leader, a person, not the organ.
_ITS_LEADER = re.compile(r"主要(?:领导|负责同志|负责人)")
# (结合松江区实际制定《…》: the place's circumstances it was made for)
_SUBJECTLESS_ISSUE = re.compile(rf"(?<=[,;])(?:结合[^,;。《》]{{1,12}}?实际,?)?(?:并|还|同时|专门|先后|及时|研究|相继)?"
                                rf"{_ISSUE}(?:了)?(?=《)")


def _carried_subject(view: str, groups: list[list[Found]], documents: list[Found], issued: set[int]) -> list[Relation]:
    relations = []
    for verb in _SUBJECTLESS_ISSUE.finditer(view):
        sentence = _sentence_bounds(view, verb.start())
        opening = max(sentence[0], _segment(view, verb.start())[0])  # (a part after ; has a subject of its own)
        subjects = [g for g in groups if opening <= g[0].start and g[-1].end <= verb.start()
                    and _SUBJECT_LEAD.match(view[_clause_start(view, opening, g[0].start):g[0].start])]
        if (not subjects or not _SUBJECT_LEAD.match(view[opening:subjects[0][0].start]) or len(subjects) > 1
                or _ITS_LEADER.match(view, subjects[0][-1].end)):
            continue  # no subject opens the sentence, another clause has its own, or the organ's leader is it
        relations += [Relation("issuedBy", document, agency, sentence)
                      for document in _listed_from(view, documents, verb.end(), sentence[1])
                      if id(document) not in issued for agency in subjects[0]]
    return relations


def _listed_from(view: str, documents: list[Found], cursor: int, end: int) -> list[Found]:
    """The documents listed from `cursor` on (《A》《B》、C), joined by nothing but joining words, before `end`."""
    listed = []
    for document in documents:
        if document.start < cursor or document.end > end:
            continue
        if not _JOINING.match(view[cursor:document.start]):
            break
        listed.append(document)
        cursor = document.end
    return listed


# …审议通过《A》《B》，并以省委名义印发实施: the organ in whose name the documents before it were issued.
_IN_THE_NAME_OF = re.compile(rf"名义{_ISSUE}")


def _in_the_name_of(view: str, groups: list[list[Found]], documents: list[Found]) -> list[Relation]:
    relations = []
    for group in groups:
        first = group[0]
        said = _IN_THE_NAME_OF.match(view, group[-1].end)
        if view[first.start - 1:first.start] != "以" or not said or view.startswith(("《", "了《"), said.end()):
            continue  # (以区委区政府名义印发了《A》: A is what was issued, not the documents cited before)
        sentence = _sentence_bounds(view, first.start)
        relations += [Relation("issuedBy", document, agency, sentence) for document in documents
                      if sentence[0] <= document.start and document.end <= first.start for agency in group]
    return relations


# An organ that held a meeting, then what the meeting adopted later in the sentence: 省委全面依法治省委员会召开会议传达
# 学习…精神，研究制定了《A》《B》; 县委全面依法治县委员会召开第一次会议…，会议审议通过了A、B.
# (a party committee's plenary: 召开县委全委会议)
_HELD_A_MEETING = re.compile(r"(?:先后)?(?:召开|举行)(?:了)?(?:第[一二三四五六七八九十0-9]+次)?(?:全体|扩大|全委)?会议")
_ITS_MEETING = re.compile(r"(?:第[一二三四五六七八九十0-9]+次)?(?:全体|扩大|全委)?会议")
_ADOPTED = re.compile(r"(?:会议)?(?:审议通过|研究制定|研究通过|审定)(?:了)?")


def _at_its_meeting(view: str, groups: list[list[Found]], documents: list[Found]) -> list[Relation]:
    relations = []
    for group in groups:
        held = (_HELD_A_MEETING.match(view, group[-1].end, group[-1].end + 16)  # …委员会召开会议
                or (view[group[0].start - 2:group[0].start] in ("召开", "举行")  # 召开…委员会第一次会议
                    and _ITS_MEETING.match(view, group[-1].end)))
        if not held or view[held.end():held.end() + 1] in ("、", "和", "及"):
            continue  # (meetings of several organs, listed, adopt nothing of one: 召开市委常委会会议、市政府常务会议…)
        sentence = _sentence_bounds(view, group[0].start)
        adopted = _ADOPTED.search(view, group[-1].end, sentence[1])
        if adopted is None:
            continue
        relations += [Relation("issuedBy", document, agency, sentence)
                      for document in _listed_from(view, documents, adopted.end(), sentence[1]) for agency in group]
    return relations


# Between issuers and the title they issued with no verb: 中共中央、国务院《…纲要》, 市政府办公厅关于…方案.
_ISSUER_TO_TITLE = re.compile(rf"^{_OTHERS}(?:《|关于|《关于|“)$")


def _issuer_before(view: str, groups: list[list[Found]], documents: list[Found]) -> list[Relation]:
    """Issuers written right before a document (an issuer inside its title, 《中共中央国务院关于…》, is not
    counted: the annotations leave it to the title)."""
    relations = []
    by_end = {group[-1].end: group for group in groups}
    for document in documents:
        if document.kind != "Regulation":
            continue
        for cut in range(document.start - 1, max(-1, document.start - 12), -1):
            group = by_end.get(cut)
            if group and (_ISSUER_TO_TITLE.match(view[cut:document.start])
                          or (document.data.get("bare") and view[cut:document.start] == "关于")):
                sentence = _sentence_bounds(view, document.start)
                relations += [Relation("issuedBy", document, agency, sentence) for agency in group]
                break
    return relations


# Words that put a place where something is done: 在…开展, 联合…开展, 选取…试点.
_INTRODUCERS = ("在", "由", "对", "联合", "选取", "选择", "指导", "支持", "组织", "推动", "督促", "推荐", "以")
# A place made what follows (明确望城为…试点区; 市南区作为…试点区): it holds the programme, wherever it stands.
_MADE_INTO = re.compile(r"(?:被[\u4e00-\u9fff]{0,4}?)?(?:作为|成为|为)")


def _place_groups(view: str, places: list[Found]) -> list[tuple[int, list[Found]]]:
    """Places listed together (在大理市、祥云县开展…) form one group: (where it starts, its places)."""
    groups: list[tuple[int, list[Found]]] = []
    for place in places:
        if groups and _GROUP_JOIN.fullmatch(view[groups[-1][1][-1].end:place.start]):
            groups[-1][1].append(place)
        elif groups and groups[-1][1][-1].end == place.start:
            groups[-1][1][-1] = place  # 吕梁市离石区: the inner division stands for the pair
        else:
            groups.append((place.start, [place]))
    return groups


def _clause(view: str, at: int) -> tuple[int, int]:
    """The clause around `at`, looking back at most 60 characters for its start."""
    breaks = _breaks(view).clause
    start, end = _around(breaks, at)
    floor = max(0, at - 60)
    return (start + 1 if start is not None and start >= floor else floor), (len(view) if end is None else end)


def _located_in(view: str, items: list[Found], home: Found | None) -> list[Relation]:
    """A programme and the places of its clause: places that open the clause (柳林县先行先试…, and the clauses that
    go on with them), follow 在 (在夷陵区、宜都市先行试点“综合查一次”改革), or follow the programme with 在
    (“…”试点在渝北区、邻水县同步开展)."""
    places = [f for f in items if f.kind in _PLACE_KINDS and not f.data.get("reference")]
    programs = [f for f in items if f.kind == "Program"]
    # The programmes an agency's name stands right before are that agency's (…、市农业农村局“四举措…”).
    agency_ends = {f.end for f in items if f.kind == "Agency"}
    others_own = {p.start for p in programs
                  if p.start in agency_ends or (view[p.start - 1:p.start] == "“" and p.start - 1 in agency_ends)}
    relations = []
    for group_start, group in _place_groups(view, places):
        if view.startswith("等", group[-1].end):
            continue  # 广州市、深圳市等7个地区: examples of more places than are named
        clause_start, clause_end = _clause(view, group_start)
        before = view[clause_start:group_start].strip(" ")
        introduced = before.endswith(_INTRODUCERS) or bool(_MADE_INTO.match(view, group[-1].end))
        opens = not before or before in _INTRODUCERS
        sentence = _sentence_bounds(view, group_start)
        if opens and before != "在":
            clause_end = _same_subject_until(view, clause_end, sentence[1])
        located = [p for p in programs if clause_start <= p.start < clause_end and (
            ((opens or introduced) and p.start >= group[-1].end)
            or (before.endswith("在") and p.start < group_start))]
        if not before.endswith(_INTRODUCERS):  # (在孝义市开展“一件事一次办”改革: said to be done there)
            located = [p for p in located if not _nationwide(view, p)]
        located = [p for p in _without_its_awards(view, group, located) if p.start not in others_own]
        if not located and len(group) > 1:
            located = _joined(view, group, programs, clause_end, sentence)
        if not before:
            located += _its_later_pilots(view, items, programs, clause_end, sentence[1])
        relations += [Relation("locatedIn", p, place, sentence) for p in located for place in group]
    pilots = [p for p in programs if p.data.get("designated")]
    relations += _designated_places(view, places, pilots, relations, home)
    return relations


# A place's own project, then what it was entered for or won: 南康区“…”入围第二批全国法治政府建设示范创建单项项目.
_ENTERED = re.compile(r"入围|入选|获评|荣获|获得|获批|被评为|被命名为|被确定为|列入")


def _without_its_awards(view: str, group: list[Found], located: list[Found]) -> list[Found]:
    """The programmes of a place's clause, less the campaigns its own project (named right after it) entered."""
    own = next((p for p in located if view[group[-1].end:p.start] in ("", "“")), None)
    if own is None:
        return located
    return [p for p in located if p.start <= own.start or not _ENTERED.search(view, own.end, p.start)]


def _its_later_pilots(view: str, items: list[Found], programs: list[Found], start: int, end: int) -> list[Found]:
    """Pilots (试点) in the clauses that go on with the place that opens the sentence (2020年,梁平区深学笃用…,推进
    全国市域社会治理现代化试点城市建设), up to a clause that opens on another subject (a place, an organ, a programme).
    Not demonstrations (示范创建): a place's report names its own so, and the annotations do not place them."""
    starts = {f.start for f in items if f.kind != "Metric"}
    pilots = []
    for at in [*_clause_starts(view, start, end), end]:
        lead = _SUBJECT_LEAD_WORDS.match(view, at).end()
        if at == end or {lead, lead + 1} & starts or _NEW_SUBJECT.match(view, at):  # (a subject, or “its” name)
            break
        pilots += [p for p in programs if at <= p.start < _clause(view, at)[1] and "试点" in view[p.start:p.end]]
    return pilots


# A nationwide campaign (七五普法, 枫桥经验, 主题教育) is done everywhere: a place that opens its clause did its part,
# it was not carried out there, unless the text says so (在…开展). Pilots and demonstrations are (全国市域社会治理现代化
# 试点, 法治政府建设示范创建).
_PLACED_KIND = re.compile(r"试点|示范|创建|城市")


def _nationwide(view: str, program: Found) -> bool:
    name = program.data.get("name") or view[program.start:program.end].strip("“”")
    return known_programme(name) and not _PLACED_KIND.search(name)


# A clause that goes on with the subject of the one before it: 腾冲市成功创建…示范市,入选…示范创建综合候选地区.
_SAME_SUBJECT = re.compile(r"(?:并|且|又|还|也|先后|相继|均|同时|成功|已)*"
                           r"(?:被|入选|入围|获评|获批|荣获|列入|纳入|成为|确定为|评为|创成)")


def _same_subject_until(view: str, clause_end: int, sentence_end: int) -> int:
    """Where the clauses that go on with the subject of the clause ending at `clause_end` end."""
    while clause_end < sentence_end - 1 and view[clause_end] in ",，" and _SAME_SUBJECT.match(view, clause_end + 1):
        clause_end = _clause(view, clause_end + 1)[1]
    return clause_end


def _designated_places(view: str, places: list[Found], pilots: list[Found], found: list[Relation],
                       home: Found | None) -> list[Relation]:
    """A pilot a place was made (越秀区…,被确定为…试点示范县) is located in the place that opens its sentence; in a
    county's report, one whose sentence names no subject (先后入选…试点县) is the county's own."""
    placed = {id(r.subject) for r in found}
    relations = []
    for pilot in pilots:
        if id(pilot) in placed:
            continue
        sentence = _sentence_bounds(view, pilot.start)
        groups = [(at, group) for at, group in _place_groups(view, places) if sentence[0] <= at < pilot.start]
        if groups and _SUBJECT_LEAD.match(view[sentence[0]:groups[0][0]]):
            relations += [Relation("locatedIn", pilot, place, sentence) for place in groups[0][1]]
        elif home is not None and not groups and _NO_SUBJECT.match(view, sentence[0], pilot.start):
            relations.append(Relation("locatedIn", pilot, home, sentence))
    return relations


# A sentence that opens on its verb, its subject the report's own place: 先后入选…, 被确定为….
_NO_SUBJECT = re.compile(r"(?:全年|今年|同时|此外|另外|[0-9]{4}年度?|,|\s)*(?:先后|相继|成功|还|并)*"
                         r"(?:被|入选|入围|获批|列入|纳入|确定为)")


# Places that take part in a programme named earlier in the sentence: …示范创建初审，推荐东城、延庆和通州三个区
# 参评综合示范创建 (the clause names it again by its kind: 创建, 试点, 改革).
_TAKE_PART = re.compile(r"^[^,;。]{0,8}?(?:参评|参与|参加|入选|承担|纳入|列入)[^,;。]{0,12}?(创建|试点|改革|行动|工程)")


def _joined(view: str, group: list[Found], programs: list[Found], clause_end: int,
            sentence: tuple[int, int]) -> list[Found]:
    """The programme of the sentence that several places, listed together, take part in."""
    taking = _TAKE_PART.match(view[group[-1].end:clause_end])
    if taking is None:
        return []
    kind = taking.group(1)
    earlier = [p for p in programs if sentence[0] <= p.start < group[0].start and view[p.start:p.end].endswith(kind)]
    return earlier[-1:]


# Words that may stand before the subject of a clause (全年，区市场监管局牵头开展…).
_SUBJECT_LEAD_WORDS = re.compile(r"(?:全年|今年|当年|同年|近年来|一年来|目前|截至目前|同时|其中|此外|另外|并|还|由|"
                                 r"[0-9]{4}年(?:度)?|,|\s)*")
_SUBJECT_LEAD = re.compile(rf"^{_SUBJECT_LEAD_WORDS.pattern}$")


def _segment(view: str, at: int) -> tuple[int, int]:
    """The stretch of a sentence between semicolons around `at` (looking back at most 300 characters)."""
    breaks = _breaks(view).segment
    start, end = _around(breaks, at)
    floor = max(0, at - 300)
    return (start + 1 if start is not None and start >= floor else floor), (len(view) if end is None else end)


def _is_subject(view: str, item: Found, segment_start: int) -> bool:
    """An agency that opens its clause is the clause's subject (区司法局审核…), not its object (向…汇报)."""
    return bool(_SUBJECT_LEAD.match(view[_clause_start(view, segment_start, item.start):item.start]))


_PROGRAM_REACH = 40
_AGENCY_REACH = 60
_DOCUMENT_REACH = 40
# A clause that opens on another subject (全市调解矛盾纠纷…, 全省各级行政复议机关收到…): figures from there on
# are no longer those of a programme or an agency named before it.
_CLAUSE_LEAD = r"(?:目前|截至目前|其中|同时|[0-9]{4}年(?:度)?,?)*"
_WHOLE = r"全[市区县州省盟旗]|各级"
_NEW_SUBJECT = re.compile(rf"{_CLAUSE_LEAD}(?:{_WHOLE}|公检法|企业)")
# A clause that starts another activity (…,组织…专题培训230余场; …,建成民主法治村164个).
_NEW_ACTIVITY = re.compile(r"(?:并|还|同时)?(?:组织|举办|召开|建成)")
# A figure, then what it was brought under: 推动1876项事项实现“一网通办”; 14个镇街实现“一支队伍管执法”.
_BROUGHT_UNDER = r"[^,;。!?、“”《》0-9]{0,12}?(?:实现|实行|纳入|全部实现)?“?$"  # between the figure and the programme
_FIGURE_THEN_PROGRAM = re.compile("^" + _BROUGHT_UNDER)  # read from the end of the figure
_FIGURE_BEFORE = re.compile("[0-9]" + _BROUGHT_UNDER)  # read back from the programme
# A programme merely upheld or implemented (坚持和发展“枫桥经验”, 全面落实“三项制度”) has no figures of its own.
_UPHELD = re.compile(r"(?:坚持和发展(?:新时代)?|坚持|落实|贯彻|执行)[“《\s]*$")
# What follows a document when the figure counts its content: 《要点》,明确8个方面46项任务; 《清单》,涵盖296项事项;
# 《办法(草案)》,公开征求意见收到意见建议470多条.
_DOCUMENT_CONTENT = re.compile(r"^[》〉”]*,?(?:$|明确|细化|涵盖|分解|列明|列出|梳理|包括|包含|确定|设置|规定|推动|"
                               r"向|将|共|收到|收集|征求|公开征求|立法过程中|发放|印发|开设)")
_DOCUMENT_BLOCKERS = re.compile(r"培训|讲座|课程|学习|施行|执行|增至|引进|处罚|全年|全市|全区|全县")
# Words that make an organ's name a modifier (市政府法律顾问参与…; 区司法局起草的《…》), not a clause's subject.
_OWNED = re.compile(r"(?:法律顾问|公职律师|常务会议|党组|主要负责人|工作人员|起草的|制定的|印发的|出台的)")
_TARGET = re.compile(r"力争|目标")


_LIST_JOIN = re.compile(r"[”》〉]*[、和及与]?[“《〈]*")


def _listed(view: str, item: Found, others: list[Found]) -> bool:
    """Named together with others (市委常委会、市政府党组; “A”“B”等活动; “城市大脑”和“…系统”; 中心、16个工作站)."""
    after = view[item.end:item.end + 3].lstrip("”》〉")
    if after.startswith(("等", "、")):
        return True
    for other in others:
        if other.end <= item.start and _LIST_JOIN.fullmatch(view, other.end, item.start):
            return True
        if other.start >= item.end and _LIST_JOIN.fullmatch(view, item.end, other.start):
            return True
    return False


def _clause_starts(view: str, start: int, end: int) -> list[int]:
    """Where clauses start between `start` and `end`."""
    breaks = _breaks(view).clause
    return [p + 1 for p in breaks[bisect.bisect_left(breaks, start):bisect.bisect_left(breaks, end)]]


def _clause_start(view: str, start: int, at: int) -> int:
    """Where the last clause that starts between `start` and `at` starts; `start` if none does."""
    breaks = _breaks(view).clause
    last, _ = _around(breaks, at)
    return last + 1 if last is not None and last >= start else start


def _breaks_off(view: str, item: Found, metric: Found, place_starts: set[int]) -> bool:
    """A clause between the item and the metric that opens on a new subject (a place among them: …,大通县全年化解
    矛盾纠纷1460件) or a new activity."""
    return any(_NEW_SUBJECT.match(view, at) or _NEW_ACTIVITY.match(view, at) or at in place_starts
               for at in _clause_starts(view, item.end, metric.start))


def _programs_of(view: str, metric: Found, before: list[Found], segment: tuple[int, int], clause: int) -> list[Found]:
    """Programmes before the metric whose figure it may be, in text order."""
    named = [f for f in before if f.kind == "Program"]
    if not named:
        return []
    if named[-1].start >= clause and _listed(view, named[-1], before):
        return []  # the figure counts several named together (“A”“B”等主题活动420余场)
    place_starts = {f.start for f in before if f.kind in _PLACE_KINDS}
    return [f for f in named if metric.start - f.end <= _PROGRAM_REACH
            and not _FIGURE_BEFORE.search(view, segment[0], f.start)  # 推动156项事项“跨区通办”,全年受理…
            and not _listed(view, f, before)
            and not _UPHELD.search(view, max(segment[0], f.start - 12), f.start)
            and not _TARGET.search(view, f.end, metric.start) and not _breaks_off(view, f, metric, place_starts)]


def _document_of(view: str, metric: Found, before: list[Found], nested: list[Found],
                 segment: tuple[int, int]) -> Found | None:
    """The document named last before the metric, when the figure counts its content."""
    if not before or before[-1].kind not in ("Regulation", "Publication"):
        return None
    document = before[-1]
    between = view[document.end:metric.start]
    if (metric.start - document.end > _DOCUMENT_REACH or _listed(view, document, before)
            or _UPHELD.search(view, max(segment[0], document.start - 12), document.start)
            or _DOCUMENT_BLOCKERS.search(between) or not _DOCUMENT_CONTENT.match(between)):
        return None
    # 《关于印发〈X〉的通知》: the figures are X's.
    return next((f for f in nested if document.start < f.start and f.end <= document.end), document)


def _agency_of(view: str, metric: Found, before: list[Found], segment: tuple[int, int]) -> Found | None:
    """The agency that is the subject of the metric's clauses, if no new subject has come between."""
    subjects = [f for f in before if f.kind == "Agency" and metric.start - f.end <= _AGENCY_REACH
                and _is_subject(view, f, segment[0])
                and not _OWNED.match(view, f.end) and not _listed(view, f, before)
                and not any(_NEW_SUBJECT.match(view, at) for at in _clause_starts(view, f.end, metric.start))]
    return subjects[-1] if subjects else None


def _about(view: str, metric: Found, before: list[Found], after: list[Found], nested: list[Found],
           segment: tuple[int, int]) -> Found | None:
    """What a metric is a figure of, most specific first (see find_metric_relations)."""
    for program in (f for f in after if f.kind == "Program"):
        if _FIGURE_THEN_PROGRAM.match(view[metric.end:program.start]) and not _listed(view, program, after):
            return program
    clause = _clause_start(view, segment[0], metric.start)
    programs = _programs_of(view, metric, before, segment, clause)
    document = _document_of(view, metric, before, nested, segment)
    if document is not None and (not programs or document.start >= clause > programs[-1].start
                                 or (document.start > programs[-1].end
                                     and _clause_starts(view, programs[-1].end, document.start))):
        # in the metric's own clause: 开展“…宣传月”活动,在《昆山日报》开设专栏48期; or in a clause of its own
        # after the programme's: …宪法日期间开展活动,在《三峡日报》开设专栏,刊发稿件86篇
        return document
    if programs:
        return programs[-1]
    return document or _agency_of(view, metric, before, segment)


def _places_metric(view: str, group_start: int, group: list[Found], segment: tuple[int, int]) -> bool:
    """A group of places that opens a clause of the segment, or follows 在 or 联合; not places listed with 等
    (广州市、深圳市等7个地区)."""
    if view.startswith("等", group[-1].end):
        return False
    clause_start = _clause_start(view, segment[0], group_start)
    opens = group_start == clause_start or view[clause_start:group_start] in ("在", "由")
    return opens or view[max(segment[0], group_start - 2):group_start].endswith(("在", "联合"))


# A clause that opens on the whole jurisdiction or all its levels (…试点,全盟建成站点1056个): its figures are
# no longer those of the places named before it.
_WHOLE_JURISDICTION = re.compile(rf"{_CLAUSE_LEAD}(?:{_WHOLE})")


def _whole_jurisdiction_between(view: str, start: int, end: int) -> bool:
    return any(_WHOLE_JURISDICTION.match(view, at) for at in _clause_starts(view, start, end))


def find_metric_relations(view: str, items: list[Found], metrics: list[Found],
                          home: str | None = None) -> list[Relation]:
    """What a metric is about, and where it is located, within the metric's segment (sentence up to ;).

    About, at most one entity, the most specific: a programme the figure is brought under (推动1876项事项实现
    “一网通办”); a document whose content it counts, named just before (《…工作要点》,明确年度任务78项); the
    nearest programme before it, unless merely upheld (坚持和发展“枫桥经验”) or a later clause opens on a new
    subject or activity (…,全市调解矛盾纠纷…); else the agency that is the subject of its clauses (区司法局全年审核
    文件164份), not one that is a modifier (市政府法律顾问). Nothing when the figure counts several named together.
    Located in: the nearest group of places that opens a clause (柳林县…制定77项具体工作制度) or follows 在 or
    联合 (在夷陵区、宜都市先行试点…), not one listed with 等; the report's own division only with others.
    """
    ordered = sorted((f for f in items if not f.data.get("nested")), key=lambda f: f.start)
    starts = [f.start for f in ordered]
    nested = [f for f in items if f.data.get("nested")]
    places = [f for f in ordered if f.kind in _PLACE_KINDS and not f.data.get("reference")]
    groups = _place_groups(view, places)
    group_starts = [group_start for group_start, _ in groups]
    relations = []
    for metric in metrics:
        segment = _segment(view, metric.start)
        window = ordered[bisect.bisect_left(starts, segment[0]):bisect.bisect_left(starts, metric.start)]
        after = ordered[bisect.bisect_left(starts, metric.end):bisect.bisect_left(starts, segment[1])]
        if not window and not after:
            continue  # nothing named in the segment (a third of the metrics): nothing to be about, no place
        before = [f for f in window if f.end <= metric.start]
        target = _about(view, metric, before, after, nested, segment)
        # The report's own division alone says nothing (全市 is implied); listed with others, it is one of them.
        nearby = groups[bisect.bisect_left(group_starts, segment[0]):bisect.bisect_left(group_starts, metric.start)]
        placed = [group for group_start, group in nearby if _places_metric(view, group_start, group, segment)
                  and (len(group) > 1 or group[0].data.get("code") != home)
                  and not _whole_jurisdiction_between(view, group[-1].end, metric.start)]
        if target is None and not placed:
            continue
        sentence = _sentence_bounds(view, metric.start)
        if target is not None:
            relations.append(Relation("about", metric, target, sentence))
        if placed:  # the nearest group: 海西州先行先试…,在格尔木市、德令哈市累计发放…1200余张
            relations += [Relation("locatedIn", metric, place, sentence) for place in placed[-1]]
    return relations
