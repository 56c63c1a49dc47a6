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

_ISSUE = (r"(?:制定出台|制定印发|研究出台|审议通过|出台了|印发了|制定了|作出了|出台|印发|制定|制发|发布|公布|"
          r"修订|修改|起草|"
          r"草拟|颁布|通过|作出)")
# Between an agency and its verb: at most a few words (先后, 研究, 审议).
_AGENCY_TO_VERB = re.compile(rf"^[^,;。!?、“”《》]{{0,8}}?{_ISSUE}"
                             # A body adopting documents at its meeting: …委员会召开第四次全体会议，审议通过《…》
                             r"|^(?:召开)?第[一二三四五六七八九十0-9]+次(?:全体)?会议,?(?:审议通过|通过)")
# Between the verb and the documents, and between documents: only joining words.
_JOINING = re.compile(r"^(?:[、和及与并,]|了|的|关于|等|以及|《|》|\s)*$")
# A following clause that goes on with the same subject: 市人大常委会审议通过《A》,修订《B》.
_SAME_SUBJECT_VERB = re.compile(rf"^[,;、]\s*(?:并|还|同时)?{_ISSUE}")
_PASSIVE = re.compile(r"^[^,;。!?]{0,4}?(?:经|由)$")
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


_SEGMENT_BREAK = re.compile(r"[;。!?\n]")
# Words that may stand before the subject of a clause (全年，区市场监管局牵头开展…).
_SUBJECT_LEAD = re.compile(r"^(?:全年|今年|当年|同年|目前|截至目前|同时|其中|此外|另外|并|还|由|"
                           r"[0-9]{4}年(?:度)?|,|\s)*$")


def _segment(view: str, at: int) -> tuple[int, int]:
    """The stretch of a sentence between semicolons around `at`."""
    start = max((m.end() for m in _SEGMENT_BREAK.finditer(view, max(0, at - 300), at)), default=max(0, at - 300))
    end_match = _SEGMENT_BREAK.search(view, at)
    return start, end_match.start() if end_match else len(view)


def _is_subject(view: str, item: Found, segment_start: int) -> bool:
    """An agency that opens its clause is the clause's subject (区司法局审核…), not its object (向…汇报)."""
    breaks = _CLAUSE_BREAK.finditer(view, segment_start, item.start)
    clause_start = max((m.end() for m in breaks), default=segment_start)
    return bool(_SUBJECT_LEAD.match(view[clause_start:item.start]))


_PROGRAM_REACH = 40


def find_metric_relations(view: str, items: list[Found], metrics: list[Found],
                          home: str | None = None) -> list[Relation]:
    """What a metric is about, and where it is located, within the metric's segment (sentence up to ;).

    About, most specific first: the nearest programme before the metric; else the nearest agency that is the
    subject of its clause (区司法局全年审核文件164份); else a document named just before the metric with nothing
    between (《…工作要点》,明确年度任务78项).
    Located in: the places that open the segment or a clause of it (柳林县…制定77项具体工作制度), or follow 在
    or 联合 (在夷陵区、宜都市先行试点…); the report's own division only when listed with others.
    """
    ordered = sorted((f for f in items if not f.data.get("nested")), key=lambda f: f.start)
    starts = [f.start for f in ordered]
    places = [f for f in ordered if f.kind in _PLACE_KINDS and not f.data.get("reference")]
    groups = _place_groups(view, places)
    relations = []
    for metric in metrics:
        segment = _segment(view, metric.start)
        window = ordered[bisect.bisect_left(starts, segment[0]):bisect.bisect_left(starts, metric.start)]
        before = [f for f in window if f.end <= metric.start]
        # A programme named earlier in the segment, not too far back: the figure is most likely one of its own.
        programs = [f for f in before if f.kind == "Program" and metric.start - f.end <= _PROGRAM_REACH]
        subjects = [f for f in before if f.kind == "Agency" and _is_subject(view, f, segment[0])]
        documents = [f for f in before if f.kind in ("Regulation", "Publication")]
        target = programs[-1] if programs else subjects[-1] if subjects else None
        if target is None and documents and before[-1] is documents[-1] and metric.start - documents[-1].end <= 20:
            target = documents[-1]
        sentence = _sentence_bounds(view, metric.start)
        if target is not None:
            relations.append(Relation("about", metric, target, sentence))
        for group_start, group in groups:
            if not segment[0] <= group_start < metric.start:
                continue
            lead = view[max(segment[0], group_start - 2):group_start]
            clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(view, segment[0], group_start)),
                               default=segment[0])
            opens = group_start == clause_start or view[clause_start:group_start] in ("在", "由")
            if not (opens or lead.endswith(("在", "联合"))):
                continue
            for place in group:
                if place.data.get("code") != home or len(group) > 1:
                    relations.append(Relation("locatedIn", metric, place, sentence))
    return relations
