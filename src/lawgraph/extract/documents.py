"""Documents: titles in 《》 (nesting included), laws named without brackets, and policy documents named
after a verb of issuing or applying (印发…办法, 落实…措施).

A title is an lg:Regulation when it ends in a type of normative document (条例, 办法, 方案 …, after any
trailing parenthesis such as (试行) or (第四批)), and an lg:Publication otherwise: newspapers, books,
courses and programmes have no such ending.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..document import Document
from . import Found, known

_TRAILING_NOTE = re.compile(r"(?:[(（][^()（）]{1,20}[)）])+$")
# 《A》(以下简称《B》): B is what the text goes on to call A.
_UNCLOSED_NOTE = re.compile(r"[(（][^()（）]{1,20}$")  # 《…规划(2021-2025年》: the page lost the closing bracket
# 《法治政府建设实施纲要2015-2020年》: the years written without their brackets (or with the closing one only, as
# a page that lost the opening one has it) are a note too.
_BARE_YEARS = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}\s*[-—–－~～至到]+\s*(?:19|20)[0-9]{2}\s*年?[)）]?$")
_NAMES_SHORT = re.compile(r"》\s*[(（]\s*(?:以下)?简称\s*$")
_LAST_NOTE = re.compile(r"[(（]([^()（）]{1,20})[)）]$")
_NUMBERED_ARTICLES = re.compile(r"(?:[一二三四五六七八九十百]+|[0-9]+)条$")  # …若干措施二十条, …督察20条
_OPEN, _CLOSE = "《〈", "》〉"
_MAX_TITLE = 120
# Trigger words before a law named without brackets (新修订的行政复议法, 贯彻实施民法典).
_LAW_BEFORE = re.compile(r"(?:新修订|新修改|修订后|修改后|新|施行|贯彻|实施|学习|宣传|宣讲|落实|执行|遵守|依据|"
                         r"根据|按照|依照)"
                         r"(?:的|了)?$")
_LAW_FOLLOWED = re.compile(r"(?:修订|修改|实施|施行|颁布|宣传|培训)")  # 配合做好行政复议法修订工作
_LAW_AFTER = set("、，。；：）),;:和与及等的")
_WORD_GOES_ON = set("律规治制院官庭学")  # after a law's name: 法律, 法规, 法治, 法制, 法院 …
_CAMPAIGN_AFTER = re.compile(r"进(?!一步|行|程|展|度)")  # 民法典进万家, 宪法进校园 (but 进一步, 进行)
_NEW_LAW = re.compile(r"新(?:修订|修改|制定|颁布)的?([\u4e00-\u9fff]{2,14}?法)(?![\u4e00-\u9fff]{0,1}[律规治官院])")
_UNBRACKETED_TYPES = ("办法", "条例", "规定", "规则", "通告", "通知", "措施", "意见", "方案", "细则", "规划", "纲要",
                      "计划", "要点", "清单", "目录", "台账", "安排")  # two characters each: see _LIST_CUT
_ISSUE_VERB = re.compile(r"(?:印发|发布|出台|制定|制发|修订|起草|落实|执行|贯彻落实|贯彻|审议通过|审议|审定|编制|公布|"
                         r"纳入)")
_TITLE_CHARS = r"[\u4e00-\u9fff0-9()（）]"
# Documents listed after one verb: 配套出台约谈办法、法治督察专员管理办法; 制定印发…年度工作要点、以及…清单等文件.
_LIST_SEPARATOR = re.compile(r"、(?:以及|及|和)?|以及")
_TYPES = "|".join(_UNBRACKETED_TYPES)
_UNBRACKETED_TITLE = re.compile(rf"(?:关于)?{_TITLE_CHARS}{{2,40}}?(?:{_TYPES}|[一二三四五六七八九十百]+条)")
# Every type has two characters; a numbered set of articles (优化营商环境一百条) ends a title too.
# Items cut at a list's separators, at 和 after a document's type, and at 和 before an organ that owns the next
# item (…考核指标和市委法治建设委员会2023年工作要点) unless an organ stands before it too (two issuers).
_LIST_CUT = re.compile(rf"{_LIST_SEPARATOR.pattern}|(?<={_TYPES})[和及并与]|(?<=[一二三四五六七八九十百]条)[和及]"
                       r"|(?<![办委局厅部院府组])[和及与](?=[省市县区州旗](?:委|人民政府|政府))")
_LIST_END = re.compile(r"(?:等(?:系列|一批|多项|一系列)?(?:文件|制度|规定|方案|措施)?)$")
# 》 left unopened ends a title the conversion lost the 《 of; 《 ends one before a bracketed title (下发…要点《…》)
_CLAUSE_END = re.compile(r"[,，。；;:：《》\n]")
# Titles named after their issuer without brackets: 市委办公厅、市政府办公厅关于…实施方案精神.
_AFTER_ISSUER_TITLE = re.compile(rf"(?<=[厅办委局府院部])关于({_TITLE_CHARS}{{4,40}}?(?:{_TYPES}))(?=精神|的|[,;。])")
# A title ending in these ends in 法 without being a law.
_NOT_A_LAW = ("学法", "说法", "讲法", "普法", "用法", "懂法", "守法", "知法", "看法", "做法", "释法", "话法")
# Books of a leader's thought (《习近平法治思想纲要》) are publications, whatever word ends them.
_LEADERS = ("习近平", "毛泽东", "邓小平")
# Media named without brackets in a list of outlets: 在法治吕梁栏目、吕梁综合广播等媒体进行报道.
_MEDIA = re.compile(r"(?<=[在、,和与及])(?!用|利用|运用|依托|通过|借助|发挥)"  # 用好用活官微官网等平台: a verb's object
                    # (…政务服务网, …执法信息公示网: platforms that serve, not outlets that report)
                    r"([\u4e00-\u9fff]{2,10}?(广播|电视台|日报|晚报|频道|栏目|专栏|(?<!服务|公示|信息|教育|学习|政务)网))"
                    r"(?=(?:[、和与及][\u4e00-\u9fff]{2,12}?)*等(?:媒体|新闻媒体|平台|媒介))")

# A book or paper named without brackets as the object of compiling it: 编写领导干部依法行政知识读本,
# 首次编制上海法治建设白皮书, 编辑习近平关于涉外法治工作论述摘编.
_COMPILED = re.compile(r"(?:编写|编辑|编印|编制|编纂|编撰|出版|印制)(?:了|出|完成)?(?:首部|首本)?"
                       r"([\u4e00-\u9fff]{4,24}?(?:读本|摘编|白皮书|汇编|手册|教材|丛书|文集|选编|问答|百问))"
                       r"(?=[,，。；;、和及\n)）]|等)")
# What is said after a book's title: that it is a book (《…适用指南》等书籍, 《…》一书, 《…年度报告》(白皮书)).
_BOOK_AFTER = re.compile(r"[(（]?(?P<kind>白皮书)|[等一]?书籍|[等一]书")
# A local document named without 《》 after the document it implements, in 《》: 出台贯彻落实《…纲要》方案,
# 和江苏省贯彻落实《纲要》实施方案 (but not …的实施方案, said of any implementing plan).
_IMPLEMENTING_TITLE = re.compile(r"(?:(?<=[和及与、,，;；])|(?<=出台|印发|制定|制发))"
                                 r"(?P<title>(?:[\u4e00-\u9fff]{1,6}?[省市县区州])?贯彻落实《[^《》\n]{2,60}》"
                                 r"(?:实施方案|工作方案|方案|实施办法|实施意见|实施细则))(?!》)")
# A title followed by 的报告 is the report a leader made (作了《…美好新海南》的报告): a policy document.
_REPORT_AFTER = re.compile(r"的?报告")
# The kinds of outlet a title or a quoted name may be said to be (《人民司法》期刊, “法治吕梁”栏目, “吕梁司法”公众号).
MEDIA_KINDS = ("杂志", "期刊", "内刊", "刊物", "专刊", "会刊", "学报", "周刊", "月刊", "栏目", "节目", "专栏", "频道",
               "公众号", "抖音号", "视频号", "头条号", "微博")
# What is said after a periodical's or a programme's title: its kind, or that it printed or carried something
# (not that it was printed: …条例》刊登于公报).
_MEDIA_AFTER = re.compile(rf"(?:微信)?(?P<kind>{'|'.join(MEDIA_KINDS)})?"
                          r"(?(kind)|(?:刊发|刊登|刊载|转载|专题报道|头版)(?![于在后]))")

# Words grouped by length, longest first: a title's ending is looked up once per length, not once per word.
_Endings = tuple[tuple[int, frozenset[str]], ...]


@lru_cache(maxsize=1)
def _types() -> tuple[_Endings, _Endings]:
    return _endings(lexicon.words("document_types")), _endings(lexicon.words("publication_types"))


def _endings(words: tuple[str, ...]) -> _Endings:
    lengths = sorted({len(word) for word in words}, reverse=True)
    return tuple((length, frozenset(word for word in words if len(word) == length)) for length in lengths)


def _longest_ending(text: str, endings: _Endings) -> str | None:
    """The longest of the words that `text` ends with, or None."""
    for length, words in endings:
        if text[-length:] in words:
            return text[-length:]
    return None


@lru_cache(maxsize=65536)  # the same titles come back, within a report and across reports
def classify(title: str) -> tuple[str, str]:
    """(kind, type) of a title in simplified characters: ("Regulation", "条例") or ("Publication", "日报")."""
    document_types, publication_types = _types()
    # (《上海市法治政府建设“十三五规划”》: a quote closed at the end leaves the type word before it)
    core = _BARE_YEARS.sub("", _UNCLOSED_NOTE.sub("", _TRAILING_NOTE.sub("", title.rstrip(">〉”’\"'"))))
    if core.startswith(_LEADERS) and "关于" not in core:
        return "Publication", _longest_ending(core, publication_types) or ""
    document_word = _longest_ending(core, document_types)
    if (word := _longest_ending(core, publication_types)) and len(word) >= len(document_word or ""):
        return "Publication", word  # …情况的通报 is a document's 通报, not a paper's 报
    if word := document_word:
        if word == "法" and core.endswith(_NOT_A_LAW):
            return "Publication", ""  # 《跟海蛋纸学法》: a column on studying law, not a law
        return "Regulation", word
    if _NUMBERED_ARTICLES.search(core):
        return "Regulation", "条"
    if (note := _LAST_NOTE.search(title)) and (word := _longest_ending(note.group(1), document_types)):
        return "Regulation", word  # 《…依法行政工作十件事(要点)》: the note says what kind of document it is
    return "Publication", ""


def bracketed_titles(view: str) -> list[tuple[int, int, int]]:
    """(open offset, close offset, depth) of every balanced 《…》 or 〈…〉; unclosed ones are skipped. Inside
    《》, a web page's < > stand for 〈〉 (《安溪县贯彻<法治福建建设纲要>的意见》); a > that opened nothing is left
    in the title."""
    found = []
    stack: list[tuple[int, str]] = []
    for match in re.finditer(r"[《》〈〉<>\n]", view):
        char, at = match.group(), match.start()
        if char == "\n":
            stack.clear()
        elif char in _OPEN or (char == "<" and stack):
            stack.append((at, char))
        elif stack and (char != ">" or stack[-1][1] == "<"):
            start, _ = stack.pop()
            if at - start - 1 <= _MAX_TITLE and at > start + 1:
                found.append((start, at, len(stack)))
    return sorted(found)


# Where one title of a pair ends and the next begins without 、: right after the first one's bracketed years.
_JOINED_AT = re.compile(r"(?:(?<=[0-9][)）])|(?<=[0-9]年[)）]))[及和与](?=[\u4e00-\u9fff]{6})")


def _joined_titles(title: str) -> list[str]:
    """The titles a pair of 《》 holds when it holds several, separated by 、 (or by 及, 和 or 与 right after a
    title's bracketed years: 《…纲要(2015-2020)及…规定》), each a document; else []."""
    if "《" in title or "〈" in title or title.startswith("关于"):
        return []
    if "、" in title:
        parts = title.split("、")
    elif len(parts := _JOINED_AT.split(title)) == 1:
        return []
    if all(len(part) >= 4 and classify(part)[0] == "Regulation" for part in parts):
        return parts
    return []


@lru_cache(maxsize=1)
def _document_type_words() -> frozenset[str]:
    return frozenset(lexicon.words("document_types"))


# A website that serves rather than reports (…政务服务网, …政务网), or a platform, system or app.
_PLATFORM_TITLE = re.compile(r"(?:服务网|政务网|平台|系统|APP|App)$")


def find_documents(doc: Document) -> list[Found]:
    view = doc.view.text
    found: list[Found] = []
    inside = bytearray(len(view) + 1)
    earlier: list[str] = []  # titles named so far, for a short reference to one of them
    shortened: dict[str, str] = {}  # 实施纲要 → the title it was declared to stand for
    for start, end, depth in bracketed_titles(view):
        title = view[start + 1:end]
        inside[start:end + 1] = b"\x01" * (end + 1 - start)
        if depth == 0 and earlier and _NAMES_SHORT.search(view, max(0, start - 12), start):
            shortened[title] = earlier[-1]
        declared = shortened.get(title)
        kind, doc_type = classify(declared or title)
        if kind == "Publication" and _REPORT_AFTER.match(view, end + 1):
            kind, doc_type = "Regulation", "报告"
        elif kind == "Regulation" and (media := _MEDIA_AFTER.match(view, end + 1)):
            kind, doc_type = "Publication", media.group("kind") or ""  # 《中国司法》杂志: a journal, whatever its name
        elif kind == "Regulation" and (book := _BOOK_AFTER.match(view, end + 1)):
            kind, doc_type = "Publication", book.group("kind") or "书"  # 《…适用指南》等书籍, 《…报告》(白皮书)
        if declared:
            title = declared  # the document the text declared this short name for
        elif kind == "Regulation" and title in _document_type_words() and known.lookup(title) is None:
            # 《纲要》, 《条例》: the document named in full before, as the text goes on to call it; else a document
            # known by that short name (按照国家、本市《纲要》《规划》; 十八届四中全会《决定》). (《宪法》 is the
            # constitution.)
            named = next((t for t in reversed(earlier) if _TRAILING_NOTE.sub("", t).endswith(title)), None)
            if named:  # 《纲要》 for 《习近平法治思想学习纲要》: the book it stands for, of that book's kind
                title, (kind, doc_type) = named, classify(named)
        elif depth == 0:
            earlier.append(title)
        if parts := _joined_titles(title):  # 《约谈办法、法治督察专员管理办法》: two documents in one pair
            at = start + 1
            for part in parts:
                found.append(Found(at, at + len(part), "Regulation",
                                   dict(title=part, doc_type=classify(part)[1], nested=depth > 0, bracketed=True)))
                at += len(part) + 1
            continue
        if (named := known.lookup(title)) is not None:  # 《政府信息公开条例》 is the State Council's
            kind, title = named[0].kind, named[0].title(named[1])
            doc_type = named[0].law_type or classify(named[0].canonical)[1]
        if kind == "Publication" and _PLATFORM_TITLE.search(title):  # 《广东省政务服务网》: a platform, no outlet
            found.append(Found(start + 1, end, "Program", dict(name=title)))
            continue
        found.append(Found(start + 1, end, kind, dict(title=title, doc_type=doc_type, nested=depth > 0,
                                                          bracketed=True)))
    taken = bytearray(inside)

    def claim(start: int, end: int) -> bool:
        if taken.find(1, start, end) >= 0:
            return False
        taken[start:end] = b"\x01" * (end - start)
        return True

    law_ends = set()
    for match in _NEW_LAW.finditer(view):
        law_ends.add(match.end(1))
        if claim(match.start(1), match.end(1)):
            found.append(Found(match.start(1), match.end(1), "Regulation",
                               dict(title=match.group(1), doc_type="法", bare=True)))
    # Laws, regulations and newspapers known by name; a short law's name only where the text makes it one.
    for start, end, named, note, alone in known.names(view):
        before, after = view[max(0, start - 6):start], view[end:end + 1]
        listed = start - 1 in law_ends and view[start - 1] in "和、及与"  # 行政复议法和行政许可法
        if lexicon.pattern("study_practices").match(view, start):
            continue  # 宪法宣誓 is the oath, not the constitution
        if after in _WORD_GOES_ON:
            continue  # 气象法律法规, 气象法治建设: 气象法 is not named there
        if _CAMPAIGN_AFTER.match(view, end):
            continue  # 民法典进社区: a campaign that takes the law somewhere, named after it
        if (alone or _LAW_BEFORE.search(before) or after in _LAW_AFTER or after == "\n" or listed
                or _LAW_FOLLOWED.match(view, end)):
            law_ends.add(end)
            if claim(start, end):
                doc_type = named.law_type or classify(named.canonical)[1]
                found.append(Found(start, end, named.kind, dict(title=named.title(note), doc_type=doc_type,
                                                                bare=True)))
    found.extend(_unbracketed_policies(view, claim))
    for match in _IMPLEMENTING_TITLE.finditer(view):  # it holds a title in 《》: kept as such titles are (pipeline)
        title = match.group("title")
        found.append(Found(match.start("title"), match.end("title"), "Regulation",
                           dict(title=title, doc_type=classify(title)[1], bracketed=True)))
    for match in _MEDIA.finditer(view):
        if claim(match.start(1), match.end(1)):
            # A column is known by its name: 法治吕梁栏目 is the column “法治吕梁”.
            title = match.group(1)[:-2] if match.group(2) in ("栏目", "专栏", "频道") else match.group(1)
            found.append(Found(match.start(1), match.end(1), "Publication",
                               dict(title=title, doc_type=match.group(2), bare=True)))
    for match in _COMPILED.finditer(view):
        if claim(match.start(1), match.end(1)):
            found.append(Found(match.start(1), match.end(1), "Publication",
                               dict(title=match.group(1), doc_type=classify(match.group(1))[1], bare=True)))
    return found


def _unbracketed_policies(view: str, claim) -> list[Found]:
    """Policy documents named without brackets: after a verb of issuing or applying them, alone or listed
    (印发A、B以及C等文件), or after their issuer and 关于 (市政府办公厅关于…实施方案精神: the title without 关于)."""
    title = _UNBRACKETED_TITLE
    found = []
    for verb in _ISSUE_VERB.finditer(view):
        clause_end = _CLAUSE_END.search(view, verb.end(), verb.end() + 160)
        clause = view[verb.end():clause_end.start() if clause_end else verb.end() + 160]
        lead = _LEAD.match(clause)
        items = _shared_titles(view, [_unscoped(start, name)
                                      for start, name in _list_items(clause[lead.end():], verb.end() + lead.end())])
        items = [(start, name) for start, name in items
                 if title.fullmatch(name.replace("、", "")) and not _COUNTED.search(name)
                 and not _GENERIC_START.match(name)]
        # A short title stands only beside a long one (约谈办法、法治督察专员管理办法, not 年度立法计划和规章制定计划).
        long_beside = any(len(name) >= 10 for _, name in items)
        for start, name in items:
            listed = len(items) > 1 and len(name) >= 4 and long_beside
            if (len(name) < 10 and not name.startswith("关于") and not listed) or _generic_plan(name):
                continue
            if verb.group() == "纳入" and not _DATED.search(name) and not _OWNED_PLAN.match(name):
                continue  # 将习近平法治思想纳入年度干部教育培训计划: any year's plan, not one document
            found += _claimed(start, start + len(name), name, claim)
    for match in _AFTER_ISSUER_TITLE.finditer(view):
        found += _claimed(match.start(1), match.end(1), match.group(1), claim)
    for match in _APPLIED_TITLE.finditer(view):
        start = match.start("title")
        if inner := list(_NAME_CUT.finditer(view, start, match.end("title") - 4)):
            start = inner[-1].end()  # 按照规定对…清单: the name starts after the last verb
        start, name = _unscoped(start, view[start:match.end("title")])  # 围绕全市…工作要点: the plan
        if _specific(name) and not _GENERIC_START.match(name) and not _COUNTED.search(name):
            found += _claimed(start, match.end("title"), name, claim)
    return found


# A plan or list named without brackets as the object of a verb or preposition that applies it, and closed by a
# clause break or by what is done with it: 实施提升版优化营商环境方案，; 以美丽厦门战略规划为引领;
# 对自治区级权责清单进行动态调整; 围绕…考核标准及工作要点提出的…. The name is the words between the two, without
# punctuation.
_APPLIED_TYPES = ("实施方案", "工作方案", "方案", "工作要点", "要点", "工作计划", "计划", "清单", "规划", "办法",
                  "细则", "纲要", "考核标准", "意见")
_APPLYING = re.compile(r"(?:实施|形成|围绕|对照|对标|按照|根据|依据|依照|执行|落实|开展|以(?![及来后前上下外内])|对)"
                       r"(?:了|好)?")
# Where a name cannot run across: another verb (按照规定对…清单), or the next item of a list (…二是制定印发…).
_NAME_CUT = re.compile(rf"{_APPLYING.pattern}|(?:{_ISSUE_VERB.pattern})(?:了|好)?|[一二三四五六七八九十]是")
_APPLIED_TITLE = re.compile(
    rf"(?:{_APPLYING.pattern})"
    rf"(?P<title>(?!纳入|列入|写入|融入|作为)[\u4e00-\u9fff0-9]{{4,30}}?(?:{'|'.join(_APPLIED_TYPES)}))"
    rf"(?=[,，。；;:：、)）》\n]|为(?:引领|指导|依据|抓手|统领)|提出|开展|进行|中期|确定|明确|部署|要求|精神|安排)")
# Words any plan's name may hold; a name made only of them (年度工作计划, 重点任务清单) names no one document.
_PLAN_WORDS = re.compile(r"年度|本年|全年|工作|实施|重点|任务|具体|各项|整改|问题|责任|专项|配套|相关|有关|主要|"
                         r"国民经济和社会发展|经济社会发展|总体|中长期|[0-9]{4}年度?|年")


def _specific(name: str) -> bool:
    """Whether a plan's name says which plan it is (two characters beyond the genre's common words)."""
    return len(name) >= 6 and "的" not in name and len(_PLAN_WORDS.sub("", _core(name))) >= 2 \
        and not _TWO_JOINED.search(name)


def _generic_plan(name: str) -> bool:
    """A plan named by the genre's common words alone (经济社会发展总体规划, 年度工作计划): no one document."""
    return not _PLAN_WORDS.sub("", _core(name))


def _core(name: str) -> str:
    ending = next((t for t in sorted(_APPLIED_TYPES, key=len, reverse=True) if name.endswith(t)), "")
    return name[:len(name) - len(ending)]


# 年度立法计划和规章制定计划: two plans joined, neither named.
_TWO_JOINED = re.compile(rf"(?:{'|'.join(_APPLIED_TYPES)})[和与]")


# A report on what was done (…2020年度法治政府建设情况及2021年度工作安排) is no policy.
_NOT_A_POLICY = re.compile(r"情况")


# A plan something is placed into is one document when the text gives its year (纳入2024年普法依法治理工作要点);
# undated (纳入年度干部教育培训计划, 纳入领导干部教育培训计划) it is whichever year's plan the work goes into.
_DATED = re.compile(r"[0-9]{4}年")
# …unless a named organ owns it (纳入区委理论学习中心组年度学习计划: that committee's plan).
_OWNED_PLAN = re.compile(r"[省市县区州旗盟]委|[局厅委部办署]党[组委]")


# Words between the verb and the title (制定了…, 制定并公示…, 编制下发…, 制定、公布…), and counted things, which are no
# titles (7个方面58项具体措施, 20条政策措施).
# 全县…规划, 本地区的…台账: no title (but 全面依法治区委员会2025年工作要点 is one)
_GENERIC_START = re.compile(r"全(?!面)|本|各|该|相关|有关")
_LEAD = re.compile(r"(?:、?(?:了|并|及时|完成|公布|公开|公示|下发|发布|印发|出台|完善|实施(?!方案|意见|细则|办法)))*")
_COUNTED = re.compile(r"[0-9]+[个项条家件部份個項條]")  # 《…的六条措施》 is a name
# A verb of placing inside the words: 将习近平法治思想纳入年度工作要点 names no document 习近平…要点.
_PLACING = re.compile(r"纳入|列入|写入|融入|作为")


# An organ, or a reference to the report's place or organ (我市, 我局, 本局), before a plan's name is not part of it.
# (An organ only before the plan's year: 县委全面依法治县委员会工作规则 and 省政府常务会议…计划 keep theirs.)
_ISSUER_LEAD = re.compile(r"(?:[省市县区州旗](?:委|人民政府|政府)(?=[0-9]{4}|年度)|我[省市县区州旗局厅委办]|本[局厅委])"
                          r"(?=[0-9\u4e00-\u9fff]{6})")


# Who a list or plan is for, before its name: 制定全州各级各类履行…职责清单 names 履行…职责清单; 围绕全市法治政府建设
# 工作要点, the plan of that name.
_SCOPE = re.compile(r"[全本][省市县区州旗](?:各级各类|各级各部门|各级|各类)?|各级各类|各级各部门|各级|各类|[全本]?系统")


def _unscoped(start: int, name: str) -> tuple[int, str]:
    scope = _SCOPE.match(name)
    if scope and len(name) - scope.end() >= 6:
        return start + scope.end(), name[scope.end():]
    return start, name


def _list_items(clause: str, offset: int):
    """(offset, text) of each item of a list: split at 、 and 以及, and at 和 or 及 right after a document type
    (年度立法计划和规章制定计划, but not 行政执法和刑事司法衔接办法), without a closing 等文件."""
    position = 0
    for separator in _LIST_CUT.finditer(clause):
        yield offset + position, _LIST_END.sub("", clause[position:separator.start()])
        position = separator.end()
    yield offset + position, _LIST_END.sub("", clause[position:])


# Words listed before a title that share its type word are part of its name (法治政府建设示范区、示范项目创建工作方案;
# 全面推进依法行政、加快建设法治政府的实施意见; 省、市…工作要点): short, no title of their own, and neither a thing
# made (…文件汇编、…) nor an organ, which issues the title rather than naming it (区委、政府年度工作要点).
_SHARED_ITEM = re.compile(r"(?:[0-9]{4}年度?)?[\u4e00-\u9fff0-9]{1,10}"
                          r"(?<!计划|汇编|任务|手册|台账|支部|党组|党委|政府)(?<![图课委])")


def _shared_titles(view: str, items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    joined, waiting = [], []
    for start, name in items:
        if _UNBRACKETED_TITLE.fullmatch(name):
            last_start, last = waiting[-1] if waiting else (0, "")
            if waiting and view[last_start + len(last):start] == "、":  # (…指标和市委…要点: two things)
                start, name = waiting[0][0], view[waiting[0][0]:start + len(name)]
            joined.append((start, name))
            waiting = []
        elif _SHARED_ITEM.fullmatch(name) and not _ISSUE_VERB.search(name):
            waiting.append((start, name))
        else:
            joined += [*waiting, (start, name)]
            waiting = []
    return joined + waiting


# A list issued in batches is named without its batch: 编制第四批证明事项告知承诺制清单.
_BATCH = re.compile(r"第[一二三四五六七八九十0-9]+批(?=.{4,}(?:清单|目录)$)")


def _claimed(start: int, end: int, title: str, claim) -> list[Found]:
    if lead := _ISSUER_LEAD.match(title) or _BATCH.match(title):
        # 编制了市政府2022年度行政立法计划: the plan is 2022年度行政立法计划; 第四批…清单: the list
        start, title = start + lead.end(), title[lead.end():]
    if (_PLACING.search(title) or _NO_ONE_PLAN.search(title) or _NOT_A_POLICY.search(title)
            or _nobodys_study_plan(title) or _DEVELOPMENT_PLAN.search(title) or _undated_arrangement(title)
            or not claim(start, end)):
        return []
    return [Found(start, end, "Regulation", dict(title=title, doc_type=classify(title)[1], bare=True))]


# A study plan of a party group's central study group (理论学习中心组学习计划) is one document when a named organ
# owns it (区委…, 局党组…); said of party committees in general (党委(党组)…, 党组…) or of no one, it is every
# committee's plan, no one document.
_STUDY_GROUP = re.compile(r"(?:理论学习|理论)?中心组")
_STUDY_GROUP_OWNER = re.compile(r"(?:[省市县区州旗盟]委|[局厅委部办署]党[组委])$")
_YEARS = re.compile(r"[0-9]{4}年度?|年度")


def _nobodys_study_plan(title: str) -> bool:
    group = _STUDY_GROUP.search(title)
    return bool(group) and not _STUDY_GROUP_OWNER.search(_YEARS.sub("", title[:group.start()]))


# A year's arrangement of work names one document when it carries its year (印发2018年度法治政府建设工作安排); without
# it (作出工作安排, 年度重点工作安排) it is any arrangement.
_DATED_ARRANGEMENT = re.compile(r"[0-9]{4}年.*工作安排$")


def _undated_arrangement(title: str) -> bool:
    return title.endswith("安排") and not _DATED_ARRANGEMENT.search(title)


# A field's development plan said without 《》 (卫生健康事业发展规划, 经济社会发展总体规划): the plan every field has,
# not one document's title.
_DEVELOPMENT_PLAN = re.compile(r"(?:发展|总体)规划$")


# A plan named without 《》 as one of many (调查研究等一系列工作方案) is the genre's common noun, not one
# document's name.
_NO_ONE_PLAN = re.compile(r"等")
