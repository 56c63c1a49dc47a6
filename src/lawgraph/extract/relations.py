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

from . import Found

_ISSUE = (r"(?:制定出台|制定印发|研究出台|审议通过|出台了|印发了|制定了|作出了|出台|印发|制定|制发|发布|公布|修订|修改|起草|"
          r"草拟|颁布|通过|作出)")
# Between an agency and its verb: at most a few words (先后, 研究, 审议).
_AGENCY_TO_VERB = re.compile(rf"^[^,;。!?、“”《》]{{0,8}}?{_ISSUE}"
                             # A body adopting documents at its meeting: …委员会召开第四次全体会议，审议通过《…》
                             r"|^(?:召开)?第[一二三四五六七八九十0-9]+次(?:全体)?会议,?(?:审议通过|通过)")
# Between the verb and the documents, and between documents: only joining words.
_JOINING = re.compile(r"^(?:[、和及与并,]|了|的|关于|等|以及|《|》|\s)*$")
# A following clause that goes on with the same subject: 市人大常委会审议通过《A》,修订《B》.
_SAME_SUBJECT_VERB = re.compile(rf"^[,;、]\s*(?:并|还|同时)?{_ISSUE}")
_PASSIVE = re.compile(rf"^[^,;。!?]{{0,4}}?(?:经|由)$")
_PASSIVE_VERB = re.compile(rf"^[^,;。!?《》]{{0,8}}?{_ISSUE}")
_CLAUSE_BREAK = re.compile(r"[,;。!?:\n]")
_PLACE_KINDS = ("County", "City")


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str  # issuedBy, locatedIn
    subject: Found
    object: Found
    evidence: tuple[int, int]  # view span of the supporting sentence


def _sentence_bounds(view: str, at: int) -> tuple[int, int]:
    starts = [view.rfind(c, 0, at) for c in "。!?\n"]
    start = max(starts) + 1
    ends = [i for c in "。!?\n" if (i := view.find(c, at)) != -1]
    end = min(ends) + 1 if ends else len(view)
    return start, end


def find_relations(view: str, items: list[Found]) -> list[Relation]:
    items = sorted(items, key=lambda f: (f.start, f.end))
    relations: list[Relation] = []
    documents = [f for f in items if f.kind in ("Regulation", "Publication") and not f.data.get("nested")]
    agencies = [f for f in items if f.kind == "Agency"]
    relations += _issued_by(view, agencies, documents)
    relations += _located_in(view, items)
    return relations


def _agency_groups(view: str, agencies: list[Found]) -> list[list[Found]]:
    """Agencies listed together (市委、市政府) form one group of issuers."""
    groups: list[list[Found]] = []
    for agency in agencies:
        if groups and re.fullmatch(r"[、和及与]", view[groups[-1][-1].end:agency.start]):
            groups[-1].append(agency)
        else:
            groups.append([agency])
    return groups


def _issued_by(view: str, agencies: list[Found], documents: list[Found]) -> list[Relation]:
    relations = []
    groups = _agency_groups(view, agencies)
    for group in groups:
        last = group[-1]
        verb = _AGENCY_TO_VERB.match(view[last.end:last.end + 14])
        if not verb:
            continue
        cursor = last.end + verb.end()
        sentence = _sentence_bounds(view, last.start)
        for document in (d for d in documents if d.start >= cursor and d.start < sentence[1]):
            between = view[cursor:document.start]
            if not _JOINING.match(between):
                went_on = _SAME_SUBJECT_VERB.match(between.lstrip("》"))
                if not went_on or not _JOINING.match(between.lstrip("》")[went_on.end():]):
                    break
            relations += [Relation("issuedBy", document, agency, sentence) for agency in group]
            cursor = document.end
    for document in documents:
        for group in groups:
            first = group[0]
            if not (document.end < first.start <= document.end + 8):
                continue
            if _PASSIVE.match(view[document.end + 1:first.start]) and _PASSIVE_VERB.match(view[group[-1].end:]):
                sentence = _sentence_bounds(view, document.start)
                relations += [Relation("issuedBy", document, agency, sentence) for agency in group]
    return relations


_GROUP_JOIN = re.compile(r"[、和及与]")
# Words that put a place where something is done: 在…开展, 联合…开展, 选取…试点.
_INTRODUCERS = ("在", "由", "对", "联合", "选取", "选择", "指导", "支持")


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
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(view, max(0, at - 60), at)), default=max(0, at - 60))
    end_match = _CLAUSE_BREAK.search(view, at)
    return start, end_match.start() if end_match else len(view)


def _located_in(view: str, items: list[Found]) -> list[Relation]:
    """A programme and the places of its clause: places that open the clause (柳林县先行先试…), follow 在
    (在夷陵区、宜都市先行试点“综合查一次”改革), or follow the programme with 在 (“…”试点在渝北区、邻水县同步开展)."""
    places = [f for f in items if f.kind in _PLACE_KINDS and not f.data.get("reference")]
    programs = [f for f in items if f.kind == "Program"]
    relations = []
    for group_start, group in _place_groups(view, places):
        clause_start, clause_end = _clause(view, group_start)
        before = view[clause_start:group_start].strip(" ")
        introduced = before.endswith(_INTRODUCERS)
        opens = not before or before in _INTRODUCERS
        located = [p for p in programs if clause_start <= p.start < clause_end and (
            ((opens or introduced) and p.start >= group[-1].end)
            or (before.endswith("在") and p.start < group_start))]
        sentence = _sentence_bounds(view, group_start)
        relations += [Relation("locatedIn", p, place, sentence) for p in located for place in group]
    return relations


_ABOUT_KINDS = ("Agency", "Program", "Regulation")
_TOPIC_KINDS = ("Agency", "Program")


def find_metric_relations(view: str, items: list[Found], metrics: list[Found]) -> list[Relation]:
    """What a metric is about, and where it is located.

    About: the nearest agency, programme or document before the metric in its own clause (辦理仲裁案件32件
    after 市仲裁委員會 in one clause), else the agency or programme that is the topic of its sentence, named in
    the sentence's first clause (拓展提升“吕梁政企通”平台功能,…,累计发布政策1406条).
    Located in: the county or city that opens the metric's sentence or clause (柳林县…制定77项具体工作制度);
    of 吕梁市离石区, the inner division.
    """
    named = sorted((f for f in items if f.kind in _ABOUT_KINDS and not f.data.get("nested")), key=lambda f: f.start)
    places = sorted((f for f in items if f.kind in _PLACE_KINDS and not f.data.get("reference")),
                    key=lambda f: f.start)
    relations = []
    for metric in metrics:
        sentence = _sentence_bounds(view, metric.start)
        clause_start, _ = _clause(view, metric.start)
        before = [f for f in named if sentence[0] <= f.start and f.end <= metric.start]
        in_clause = [f for f in before if f.start >= clause_start]
        first_clause_end = _clause(view, sentence[0])[1]
        topic = [f for f in before if f.kind in _TOPIC_KINDS and f.start < first_clause_end]
        if in_clause:
            relations.append(Relation("about", metric, in_clause[-1], sentence))
        elif topic:
            relations.append(Relation("about", metric, topic[0], sentence))
        opening = [p for p in places if p.end <= metric.start and p.start in (sentence[0], clause_start,
                                                                              sentence[0] + 1, clause_start + 1)]
        if opening:
            place = opening[0]
            chain = [p for p in places if p.start == place.end]  # 吕梁市离石区 → 离石区
            relations.append(Relation("locatedIn", metric, chain[0] if chain else place, sentence))
    return relations
