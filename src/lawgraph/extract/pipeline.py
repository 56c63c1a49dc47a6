"""The extraction pipeline: run each extractor on the view, resolve overlaps once, map back to the text,
and group mentions into entities.

Overlaps are settled in one deterministic step:
1. Titles in 《》 are always kept (nested titles too): they are what the text says they are.
2. Other names (agencies, programmes, persons, documents without brackets) compete: the longest wins,
   then the earliest. Agencies may sit inside a title, with or without brackets (《中共吕梁市委常委会2023年工作要点》,
   印发区委全面依法治区委员会2024年工作要点), nothing else may.
3. Division names survive where no other name covers them (吕梁 in “吕梁政企通” is not a mention); a full name
   that opens an agency's name (after 中共 and the names before it: 中共泉州市丰泽区委), any name right after the level
   word that opens one (省福州高速公路管理局), or one that stands in a title is a mention too, but places nothing
   (a reference).
4. Numbers inside any name or title are not metrics (《2023年度…》, “5件民生实事”).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import takewhile
from typing import Any

from .. import gazetteer as gazetteer_module
from ..document import Document, Span
from ..fold import plain_text, range_dashes
from ..gazetteer import COUNTY, Division, Gazetteer
from . import Found
from .agencies import NATIONAL, find_agencies, resolve_level
from .divisions import find_divisions, find_jurisdiction
from .documents import find_documents
from .metrics import find_metrics
from .persons import find_persons
from .programs import find_programs, known_programme
from .relations import find_metric_relations, find_relations
from .report import ReportInfo, read_info
from .zones import find_zone

ENTITY_KINDS = ("Agency", "Regulation", "Publication", "Program", "County", "City", "Province", "Person")
DIVISION_KINDS = ("County", "City", "Province")
_QUOTES = re.compile(r"[“”‘’《》「」『』\"']")  # straight ones too: the view reads paired ones as quotes
_SPACES = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff、，。；：])\s+(?=[\u4e00-\u9fff])")
_LAWS = ("法", "法典", "宪法")
_GARBLED = re.compile(r"[?\ufffd]")
_KIND_PRIORITY = ("Regulation", "Publication", "Program", "Agency", "Person", "County", "City", "Province")


@dataclass
class Entity:
    """One thing the report names, with every mention of it."""

    kind: str
    key: tuple[str, ...]  # identity: stable across reports (see vocab.entity_iri)
    mentions: list[Span] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every name as written, the label first
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class Link:
    """A relation between two entities, with the span of the sentence that says so."""

    kind: str
    subject: Entity
    object: Entity
    evidence: tuple[int, int]


@dataclass(frozen=True)
class MetricLink:
    """A relation from a metric (about an entity, located in a place), with its supporting sentence."""

    kind: str
    metric: Span
    object: Entity
    evidence: tuple[int, int]


@dataclass
class Extraction:
    """Everything found in one report."""

    doc: Document
    info: ReportInfo
    jurisdiction: Division | None
    entities: list[Entity]
    metrics: list[Span]
    links: list[Link] = field(default_factory=list)
    metric_links: list[MetricLink] = field(default_factory=list)
    zone: Span | None = None  # the development zone the report is about, if it is one (see zones)


class _Occupied:
    """Which characters are covered, to test overlaps in time proportional to a span's length."""

    def __init__(self, size: int) -> None:
        self.cells = bytearray(size + 1)

    def overlaps(self, item: Found) -> bool:
        return self.cells.find(1, item.start, item.end) >= 0

    def covers(self, item: Found) -> bool:
        return self.cells.find(0, item.start, item.end) < 0

    def take(self, item: Found) -> None:
        self.cells[item.start:item.end] = b"\x01" * (item.end - item.start)


def resolve(found: list[Found], view: str) -> list[Found]:
    """Apply the overlap rules of this module's docstring; returns what survives, in text order."""
    titles = [f for f in found if f.data.get("bracketed")]
    names = [f for f in found if f.kind in ENTITY_KINDS and f.kind not in DIVISION_KINDS
             and not f.data.get("bracketed")]
    size = len(view)
    in_titles, in_names = _Occupied(size), _Occupied(size)
    in_bare_titles, in_other_names = _Occupied(size), _Occupied(size)  # the two parts of in_names
    for title in titles:
        in_titles.take(title)
    kept: list[Found] = list(titles)
    same_span: dict[tuple[int, int, str], Found] = {}
    for item in sorted(names, key=lambda f: (-(f.end - f.start), f.start)):
        if twin := same_span.get((item.start, item.end, item.kind)):
            # Found twice (a phrase and a lexicon): the aliases either knows are the name's.
            twin.data["alias_spans"] = [*twin.data.get("alias_spans", ()), *item.data.get("alias_spans", ())]
            continue
        if item.kind == "Agency":
            blocked = in_other_names.overlaps(item) or (in_bare_titles.overlaps(item)
                                                        and not in_bare_titles.covers(item))
        else:
            blocked = in_names.overlaps(item) or in_titles.overlaps(item)
        if blocked:
            continue
        in_names.take(item)
        (in_bare_titles if _bare_title(item) else in_other_names).take(item)
        kept.append(item)
        same_span[item.start, item.end, item.kind] = item
    agencies = [f for f in kept if f.kind == "Agency"]
    in_bare_documents = _Occupied(size)  # 围绕甘肃省…工作要点: a title without brackets names its place, too
    for item in kept:
        if item.data.get("bare") and item.kind in ("Regulation", "Publication"):
            in_bare_documents.take(item)
    divisions = [f for f in found if f.kind in DIVISION_KINDS]
    opening = _opening_agencies(divisions, agencies, view)
    programme_starts = {f.start for f in kept if f.kind == "Program"}  # 四川省…学法考法平台 names its province
    # 省福州高速公路管理局: a place named right after the level word of an organ's name is named there too
    after_level = {a.start + len(a.data["level"]) for a in agencies
                   if a.data.get("level") and view.startswith(a.data["level"], a.start)}
    # 舟山海事局, 宜昌中院: an organ named after a short place name is that place's (公安部 is no 公安县's)
    placing = {(a.start, a.data["jurisdiction"]) for a in agencies}
    for item in divisions:
        if not in_names.overlaps(item) and not in_titles.overlaps(item):
            kept.append(item)
        elif item.start in after_level or (
                (not item.data.get("short") or item.data.get("heads_title")
                 or (item.start, item.data["code"]) in placing)
                and ((item.start, item.end) in opening or item.start in programme_starts or not in_names.overlaps(item)
                     or in_bare_documents.covers(item))):
            # 石家庄市人民政府, 《河北省…方案》, 《杭州高新区条例》, 《…法治湖北建设的意见》 name the place too; as a
            # reference, placing nothing
            kept.append(Found(item.start, item.end, item.kind, dict(item.data, reference=True, inside=True)))
    for item in (f for f in found if f.kind == "Metric"):
        if not in_names.overlaps(item) and not in_titles.overlaps(item):
            kept.append(item)
    return sorted(kept, key=lambda f: (f.start, -f.end, f.kind))


def _bare_title(item: Found) -> bool:
    return bool(item.data.get("bare")) and item.kind in ("Regulation", "Publication")


def _opening_agencies(divisions: list[Found], agencies: list[Found], view: str) -> set[tuple[int, int]]:
    """(start, end) of the divisions that open an agency's name, after 中共 and one another: 中共泉州市丰泽区委."""
    opens: set[tuple[int, int]] = set()
    starts = {a.start: a.end for a in agencies}
    starts.update({a.start + 2: a.end for a in agencies if view.startswith("中共", a.start)})
    for division in sorted(divisions, key=lambda f: f.start):
        end = starts.get(division.start)
        if end is not None and division.end <= end:
            opens.add((division.start, division.end))
            starts.setdefault(division.end, end)
    return opens


def extract(doc: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    """Run the whole pipeline on one document."""
    gazetteer = gazetteer or gazetteer_module.load()
    home = find_jurisdiction(doc, gazetteer)
    divisions = find_divisions(doc, gazetteer, home)
    found = [*divisions, *find_agencies(doc, gazetteer, home, divisions), *find_documents(doc), *find_programs(doc),
             *find_persons(doc), *find_metrics(doc)]
    kept = resolve(found, doc.view.text)
    names = [f for f in kept if f.kind != "Metric"]
    entities, entity_of = _link(names, doc, gazetteer, home)
    metric_items = [f for f in kept if f.kind == "Metric"]
    metrics = [_metric_span(doc, f) for f in metric_items]
    links = []
    related = [f for f in names if not f.data.get("inside")]  # a place inside a name relates nothing itself
    home_mention = None  # a mention of the report's county, where its own pilots are (入选…试点县)
    if home is not None and home.level == COUNTY:
        home_mention = next((f for f in related if f.kind == COUNTY and f.data.get("code") == home.code), None)
    for relation in find_relations(doc.view.text, related, home_mention):
        subject, obj = entity_of.get(id(relation.subject)), entity_of.get(id(relation.object))
        if subject is not None and obj is not None and subject is not obj and _may_issue(subject, obj, gazetteer):
            links.append(Link(relation.kind, subject, obj, doc.view.to_original(*relation.evidence)))
    span_of = {id(f): s for f, s in zip(metric_items, metrics, strict=True)}
    metric_links = []
    for relation in find_metric_relations(doc.view.text, related, metric_items, home.code if home else None):
        obj = entity_of.get(id(relation.object))
        if obj is not None:
            metric_links.append(MetricLink(relation.kind, span_of[id(relation.subject)], obj,
                                           doc.view.to_original(*relation.evidence)))
    agency_ending = {m.end: (e, m) for e in entities if e.kind == "Agency" for m in e.mentions}
    for entity in entities:
        if entity.kind == "Person":
            entity.data["posts"] = _posts(entity, doc, home, gazetteer, agency_ending)
    return Extraction(doc, read_info(doc), home, entities, metrics, _unique(links), metric_links,
                      find_zone(doc, gazetteer, home))


def _may_issue(document: Entity, agency: Entity, gazetteer: Gazetteer) -> bool:
    """A central organ does not issue a document titled after a local place (中共中央、国务院印发的《A》《上海市…规划》:
    only A is theirs), nor a local organ one titled after a place below it (省委、省政府印发的《A》《雅安市…方案》)."""
    if document.kind not in ("Regulation", "Publication"):
        return True
    titled_after = _named_division(document.label[:12], gazetteer)
    if agency.key[:2] != ("agency", NATIONAL):
        organ_code = agency.key[1]
        return (titled_after is None or organ_code not in gazetteer.by_code or titled_after == organ_code
                or not gazetteer.is_within(titled_after, organ_code))
    return titled_after is None


# The organ a position belongs to, by how the position is named (市委书记 → 市委, 区长 → 区政府).
_POST_ORGANS = (("委书记", "委"), ("委副书记", "委"), ("委常委", "委"), ("常务副长", "政府"), ("副长", "政府"),
                ("长", "政府"), ("人大常委会主任", "人大常委会"), ("人大常委会副主任", "人大常委会"),
                ("政协主席", "政协"), ("政协副主席", "政协"), ("中级人民法院院长", "中级人民法院"),
                ("法院院长", "法院"), ("人民法院院长", "法院"), ("检察院检察长", "检察院"),
                ("人民检察院检察长", "检察院"))


_POSITION = re.compile(r"(常务副|副)?(自治区|[省市州盟县区旗])?(.*)")


@dataclass(frozen=True)
class Post:
    """A position a person is named with (市委书记), in a jurisdiction, and the organ it belongs to if known."""

    jurisdiction: str
    position: str  # simplified, for the IRI
    written: str  # as written in the report
    organ: str | None  # body of the organ (委, 政府 …)


def _posts(person: Entity, doc: Document, home: Division | None, gazetteer: Gazetteer,
           agency_ending: dict[int, tuple[Entity, Span]]) -> list[Post]:
    """The positions a person is named with: of a jurisdiction's leading organs (副市长 → 市政府), or of the agency
    named just before (省司法厅厅长赵伟民 → 省司法厅)."""
    posts: list[Post] = []
    for span in person.mentions:
        position = span.data.get("position") or ""
        at = span.data["position_start"]
        written = doc.text[slice(*doc.view.to_original(at, at + len(position)))]
        deputy, level, rest = _POSITION.fullmatch(position).groups()  # 常务副 + 省 + 长
        rest = (deputy or "") + rest
        agency, mention = agency_ending.get(doc.view.to_original(at, at)[0], (None, None))
        if level:
            jurisdiction = resolve_level(level, home, gazetteer)
            post = jurisdiction and Post(jurisdiction, position, written,
                                         next((body for suffix, body in _POST_ORGANS if rest == suffix), None))
        elif agency is not None and len(agency.key) == 3:
            written = doc.text[mention.start:mention.end] + written  # 省司法厅厅长
            post = Post(agency.key[1], agency.key[2] + position, written, agency.key[2])
        else:
            post = None
        if post and post not in posts:
            posts.append(post)
    return posts


def _unique(links: list[Link]) -> list[Link]:
    seen, out = set(), []
    for link in links:
        key = (link.kind, link.subject.key, link.object.key)
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out


def _metric_span(doc: Document, item: Found) -> Span:
    data = dict(item.data)
    i_start, i_end = doc.view.to_original(*data.pop("indicator"))
    data["indicator"] = plain_text(doc.text[i_start:i_end])
    data["clause"] = doc.view.to_original(*data["clause"])
    return doc.span_from_view(item.start, item.end, "Metric", **data)


@lru_cache(maxsize=65536)  # the same names come back, within a report and across reports
def clean_name(text: str) -> str:
    """A name as a reader sees it (`plain_text`), without quotation or title marks or white space between Chinese
    characters (or after a Chinese punctuation mark); other runs of white space become one space."""
    return _SPACES.sub(" ", _CJK_GAP.sub("", _QUOTES.sub("", plain_text(text)))).strip()


def _link(items: list[Found], doc: Document, gazetteer: Gazetteer,
          home: Division | None) -> tuple[list[Entity], dict[int, Entity]]:
    """Group mentions of the same thing into one entity each; also say which entity each item became."""
    home_code = home.code if home else f"report:{doc.doc_id}"
    by_key: dict[tuple[str, ...], Entity] = {}
    entity_of: dict[int, Entity] = {}
    repaired = doc.view.repaired
    for item in items:
        start, end = doc.view.to_original(item.start, item.end)
        text = doc.text[start:end]
        if _GARBLED.search(text) or (repaired and any(s < end and start < e for s, e in repaired)):
            continue  # text the conversion destroyed names nothing reliably
        name = clean_name(text)
        if not name:
            continue  # only quotes or title marks (《“》): no name at all
        span = doc.span(start, end, item.kind, **item.data)
        key = _identity(item, doc.view.text[item.start:item.end], home_code, gazetteer)
        entity = by_key.get(key)
        if entity is None:
            entity = by_key[key] = Entity(item.kind, key, data={})
        elif _KIND_PRIORITY.index(item.kind) < _KIND_PRIORITY.index(entity.kind):
            entity.kind = item.kind
        entity.mentions.append(span)
        entity_of[id(item)] = entity
        names = [] if item.data.get("self_reference") else [name]  # 我厅 is a mention, not a name
        for alias in item.data.get("alias_spans", ()):
            a_start, a_end = doc.view.to_original(*alias)
            names.append(clean_name(doc.text[a_start:a_end]))
        for name in names:
            if name and name not in entity.names:
                entity.names.append(name)
        _merge_data(entity, item)
    # 全省 refers to the province; it does not name it: a province only so referred to, and not named even
    # inside a title (《河北省…方案》), is not in the report.
    entities = [e for e in _merge_short_forms(list(by_key.values()), entity_of)
                if not all(m.data.get("reference") for m in e.mentions) or _named_anywhere(e, doc, gazetteer)]
    for entity in entities:
        _settle(entity, doc, gazetteer)
    return sorted(entities, key=lambda e: (ENTITY_KINDS.index(e.kind), e.mentions[0].start)), entity_of


def _named_anywhere(division: Entity, doc: Document, gazetteer: Gazetteer) -> bool:
    known = gazetteer.by_code[division.data["code"]]
    return known.name in doc.view.text or bool(known.short and known.short in doc.view.text)


_LEVEL_FIRST = re.compile(r"全国|国家级|省级|市级|县级|全省|全市|全区|全县|全州")


def _merge_short_forms(entities: list[Entity], entity_of: dict[int, Entity]) -> list[Entity]:
    """A programme named by the start of another's name in the same report (“一件事” beside “一件事一次办”), or
    by its name without the level (法治政府建设示范创建 beside 全国法治政府建设示范创建), is that programme: its
    mentions and names join the longer one."""
    programs = [e for e in entities if e.kind == "Program"]
    by_name = sorted(programs, key=lambda e: e.key[-1])  # the names that start with a name follow it here
    names = [e.key[-1] for e in by_name]
    by_name_without_level: dict[str, list[Entity]] = {}
    for program in programs:
        if level := _LEVEL_FIRST.match(program.key[-1]):
            by_name_without_level.setdefault(program.key[-1][level.end():], []).append(program)
    merged: dict[int, Entity] = {}
    for short in programs:
        name = short.key[-1]
        if len(name) < 3:
            continue  # too short to stand for a longer name
        starting_with_it = takewhile(lambda e, name=name: e.key[-1].startswith(name),
                                     by_name[bisect.bisect_left(names, name):])
        longer = [e for e in (*starting_with_it, *by_name_without_level.get(name, ()))
                  if e is not short and e.key[1] == short.key[1] and id(e) not in merged]
        if len(longer) == 1:
            _absorb(longer[0], short, merged)
    for short in programs:
        # 主题教育 beside 学习贯彻…主题教育: a known study campaign said by the end of one longer name, its theme
        # said in full, is that one. (Not other names: 乡镇综合行政执法改革 is one reform of its kind among others.)
        # The longer one may be keyed by its quoted theme alone (“不忘初心、牢记使命”主题教育), or said with its 活动:
        # any of its names counts.
        name = short.key[-1]
        if id(short) in merged or not name.endswith("教育") or not known_programme(name):
            continue
        longer = [e for e in programs if e is not short and id(e) not in merged and e.key[1] == short.key[1]
                  and any(n.removesuffix("活动").endswith(name) and n != name for n in (e.key[-1], *e.names))]
        if len(longer) == 1:
            _absorb(longer[0], short, merged)
    for short in programs:
        # “一件事” beside 高效办成一件事: the last words of a known programme's name, said alone, are that programme.
        name = short.key[-1]
        if id(short) in merged or len(name) < 3:
            continue
        longer = [e for e in programs if e is not short and id(e) not in merged and e.key[1] == short.key[1]
                  and any(n.endswith(name) and n != name and known_programme(n) for n in e.names)]
        if len(longer) == 1:
            _absorb(longer[0], short, merged)
    for item_id, entity in list(entity_of.items()):
        if id(entity) in merged:
            entity_of[item_id] = merged[id(entity)]
    return [e for e in entities if id(e) not in merged]


def _absorb(target: Entity, short: Entity, merged: dict[int, Entity]) -> None:
    """`short`'s mentions and names join `target`, and `short` is recorded as merged into it."""
    target.mentions = sorted(target.mentions + short.mentions, key=lambda s: s.start)
    target.names += [n for n in short.names if n not in target.names]
    merged[id(short)] = target


def _identity(item: Found, view_name: str, home_code: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    if item.kind in DIVISION_KINDS:
        return ("division", item.data["code"])
    if item.kind == "Agency":
        return ("agency", item.data["jurisdiction"], item.data["body"])
    if item.kind in ("Regulation", "Publication", "Program"):
        # One namespace for all three: “法治吕梁” may be read as a programme in one place and a
        # publication in another; the settling step keeps the most specific kind.
        title = clean_name(item.data.get("title") or item.data.get("name") or view_name)
        title = range_dashes(title.replace("（", "(").replace("）", ")"))
        scope = _document_scope(title, item.data.get("doc_type", ""), home_code, gazetteer)
        if scope == NATIONAL:  # 中华人民共和国行政复议法 is the 行政复议法 of other mentions
            title = title.removeprefix("中华人民共和国") or title
        return ("named", scope, title)
    return ("person", home_code, clean_name(item.data.get("name") or view_name))


def _document_scope(title: str, doc_type: str, home_code: str, gazetteer: Gazetteer) -> str:
    """Laws are national; a title that starts with a division's name belongs to it; others to the report's
    jurisdiction (《2023年度全面依法治市工作要点》 of 吕梁市 and of 武汉市 are two documents)."""
    if doc_type in _LAWS or title.startswith("中华人民共和国"):
        return NATIONAL
    return _named_division(title[:12], gazetteer) or home_code


@lru_cache(maxsize=65536)
def _named_division(head: str, gazetteer: Gazetteer) -> str | None:
    """The code of the division whose full name opens `head`, if exactly one division has that name."""
    for start, _end, name in gazetteer.find(head):
        if start == 0 and len(gazetteer.by_name.get(name, ())) == 1:
            return gazetteer.by_name[name][0].code
    return None


def _merge_data(entity: Entity, item: Found) -> None:
    for field_name in ("code", "jurisdiction", "body", "doc_type", "position", "parent"):
        if field_name in item.data and field_name not in entity.data:
            entity.data[field_name] = item.data[field_name]


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=4096)  # a few hundred division names recur in every report in traditional script
def _traditional(name: str) -> str:
    return _s2t().convert(name)


def _settle(entity: Entity, doc: Document, gazetteer: Gazetteer) -> None:
    """Choose the label: a division's official name in the report's script; else the fullest name."""
    if entity.kind in DIVISION_KINDS:
        official = gazetteer.by_code[entity.data["code"]].name
        label = _traditional(official) if doc.script == "zh-Hant" else official
        written = [n for n in entity.names if n != label and not n.startswith("全")]
        entity.names = [label, *written]
        return
    entity.names.sort(key=lambda n: -len(n))
