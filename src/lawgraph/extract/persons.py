"""Persons: a name read right after a position (市委书记孙大军, 市长张广勇, 副区长李明), or right before a top post
(刘伟平省长主持…).

A name is a common surname and one or two more characters, and must be followed by a word that ends a
name in this genre (主持, 先后, 带头, 同志, punctuation …); that is how two- and three-character names are
told apart without a dictionary of given names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer, lexicon
from ..document import Document
from ..gazetteer import province_abbreviations
from . import Found

_LEVEL_WORDS = ("自治区", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡", "街道")
_LEVEL = f"(?:{'|'.join(_LEVEL_WORDS)})"
_AFTER_NAME = re.compile(r"(?:[0-9]|[一二两三四五六七八九十]+次|现场|"
                         r"认真|高度|带领|主持|先后|带头|出席|强调|指出|同志|召开|多次|亲自|率队|率|及时|严格|专门|积极|"
                         r"教授|副教授|研究员|院士|讲授|讲解|授课|点赞|"
                         r"调研|深入|听取|就|等|作|为|任|担任|兼任?|"
                         r"牵头|参加|主讲|讲话|批示|作出|签发|围绕|专题|表示|要求|督导|带队|分管|主管|负责|部署|指导|"
                         r"将|把|以|从|坚持|提出|提议|切实|始终|莅临|获|组织|每|全面|赴|来|"
                         r"汇报|分别|介绍|传达|宣读|通报|总结|解读|点评|致辞|代表|一行|主动|专程|看望|慰问|检查|走访|"
                         r"接访|接待|审定|审阅|签批|圈阅|亲临|陪同|宣讲|领学|列席|会见|考察|视察|调度|督办|召集|率领|应邀|受邀|发表|"
                         r"安排|研究|督促|过问|批阅|推动|委托|"
                         r"还|也|又|均|同时|已|"
                         r"被|在|对|到|与|和|、|，|。|；|,|\s)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    positions = sorted(lexicon.words("positions"), key=len, reverse=True)
    surnames = [s for line in lexicon.words("surnames") for s in line.split()]
    # The characters a match can start with, said first: the regex engine then rejects most of the text at
    # one test each, instead of trying every level word and position at every character.
    first = sorted({"常", "副", *(word[0] for word in _LEVEL_WORDS), *(position[0] for position in positions)})
    pattern = re.compile(rf"(?=[{''.join(first)}])"
                         rf"((?:常务副|副)?(?:{_LEVEL})?{lexicon.alternation(positions)})"
                         # 县长 王强: spaces in a signature or a heading. The name is looked at, not taken, so that a
                         # post said after another (党委书记 局长姚涌) is read too.
                         rf"(?=[ \t]{{0,3}}([\u4e00-\u9fff]{{2,4}}))")
    single = frozenset(s for s in surnames if len(s) == 1)
    double = frozenset(s for s in surnames if len(s) == 2)
    return pattern, single, double


# A name transliterated from Uyghur, Kazakh or another language, its parts joined by a middle dot: no surname to
# look up (艾尔肯·吐尼亚孜).
_DOTTED_NAME = re.compile(rf"[\u4e00-\u9fff]{{1,6}}(?:[·•][\u4e00-\u9fff]{{2,8}}?)+(?={_AFTER_NAME.pattern})")
_HEADED = frozenset("组局处科院所队站厅部司庭室校社")
# Words that open with a surname and are no name: 总书记关于…, 主要负责人连续4年…; a leader's charge or his
# rhythm of checks (副市长包保督导, 市长季调度).
_COMMON_WORDS = re.compile(r"关于|连续|高度|严格|全面|全体|全年|全程|先后|包保|包联|包抓|季度|季调度")
# What follows a surname character and is no given name: a post (市长任组长, 区长任副主任), a topic
# (县委书记谈法治), a committee's meeting (党委会主任办公会).
_NOT_A_GIVEN_NAME = re.compile(r"(?:委会|组长|主任|成员|委员|书记|主席|[部局厅处院科所队市县区省州]长|"
                               r"法治|法律|工作|建设|(?:长|书记|主任|主席)任)$")
# A position, then the post it holds on a body (区委书记任主任, 副书记任副主任): 任 is the verb, no surname.
_SERVES_AS = re.compile(r"(?:任|兼任?|担任)(?:常务)?副?(?:主任|组长|委员|书记|主席|成员|秘书长|召集人)")
# Names listed before 等 and leaders or scholars, with no position before them: 张军、王晓光等中央省市领导,
# 邀请张平、王利明等法学大家; or before their count, after their firm: …律师事务所张建良、计敏俊两名律师.
_LISTED_LEADERS = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=邀请)|(?<=[所院校]))"
                             r"((?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})"
                             r"(?:等[\u4e00-\u9fff]{0,8}?(?:领导|专家|学者|教授|大家)|[两二三四五六七八九十]名(?:律师|专家|学者|教授))")


def _visit(view: str, start: int) -> bool:
    """来 and a place (总书记来川来宜视察, 来汉中考察): a visit, not a person surnamed 来."""
    return view.startswith("来", start) and (
        view[start + 1:start + 2] in province_abbreviations()
        or any(at == 0 for at, _, _ in gazetteer.load().find(view[start + 1:start + 6])))


def find_persons(doc: Document) -> list[Found]:
    pattern, single, double = _patterns()
    view = doc.view.text
    found = _listed_leaders(view, single, double) + _signers(view, single, double) + _spaced_signatures(view, single)
    for match in pattern.finditer(view):
        position = match.group(1)
        if position == "长" and view[match.start(1) - 1:match.start(1)] not in _HEADED:
            continue  # 干部成长全过程: 长 heads a group or an office (组长, 局长), or a level (市长) is read with it
        start = match.start(2)
        if dotted := _DOTTED_NAME.match(view, start):
            found.append(Found(start, dotted.end(), "Person", dict(name=dotted.group(), position=position,
                                                                   position_start=match.start(1))))
            continue
        surname = 2 if view[start:start + 2] in double else 1 if view[start] in single else 0
        if not surname or _COMMON_WORDS.match(view, start) or _visit(view, start) or _SERVES_AS.match(view, start):
            continue
        for length in (surname + 2, surname + 1):
            end = start + length
            after_last, after = _AFTER_NAME.match(view, end - 1), _AFTER_NAME.match(view, end)
            if after_last and after_last.end() > end and after and after.end() == end + 1:
                # 由县长赵强担任: the last character starts the word after the name (担任), and what would follow
                # is only its tail (任); but 张志强调研 keeps 强, 调研 being a word of its own.
                continue
            if after and all(
                    "\u4e00" <= c <= "\u9fff" for c in view[start:end]) and not _NOT_A_GIVEN_NAME.search(
                    view[start + surname:end]):
                found.append(Found(start, end, "Person", dict(name=view[start:end], position=position,
                                                              position_start=match.start(1))))
                break
    return found + _named_before_posts(view, single, double)


# A name written before its post (刘伟平省长主持会议, 获时光辉书记批示), after a break or a word that introduces it.
# (after an organ too: 省政府于伟国省长, 学院刘燕玲教授, 北京大学强世功教授; a scholar's title is a post here, and so
# is 同志 after the report's own department, 我厅孟庆科同志, where 广大同志 cannot stand; the head of a bureau, a
# college or a school before the post: 蔡魏局长, 袁芳副院长; the premier: 李克强总理; a lecturer after the department
# he heads or with his degree: 教研部何立新主任, 刘建华博士; a comrade after his branch: 分局马振东同志)
# 获…批示, 由…主持, 请…, …政府, 学院…, 大学…, 得到…, 省委…书记, 传达学习了…书记…讲话, …以及…书记讲话, 聆听…教授,
# 受…区长委托 (the head on whose behalf a report is made; 我 before it is no part of the name: 我受王强区长委托)
_INTRODUCES = "获由经请在与和府院校所学到委了及部局听受"
_TOP_POST = re.compile(rf"(?:常务副|副)?(?:(?:{_LEVEL}|[局厅院校])?(?:长|书记|主席)|教授|博士|主任)|总理|院士|同志")
_BEFORE_POST = re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[{_INTRODUCES}])|(?<=[我本][厅局委办]))"
                          rf"(?![{_INTRODUCES}我])([\u4e00-\u9fff]{{2,4}}?)(?={_TOP_POST.pattern})")
_OWN_DEPARTMENT = re.compile(r"[我本分][厅局委办]")
_OPENS_CLAUSE = re.compile(r"[,，;；。:：]")


def _named_before_posts(view: str, single: frozenset[str], double: frozenset[str]) -> list[Found]:
    found = []
    for match in _BEFORE_POST.finditer(view):
        name = match.group(1)
        surname = 2 if name[:2] in double else 1 if name[0] in single else 0
        post = _TOP_POST.match(view, match.end(1))
        if post.group() == "同志" and not (_OWN_DEPARTMENT.fullmatch(view, max(0, match.start(1) - 2), match.start(1))
                                          or (_OPENS_CLAUSE.match(view, match.start(1) - 1)
                                              and not _COMMON_WORDS.match(view, match.start(1)))):
            continue  # 广大同志: comrades in general (but a name that opens its clause: 》,方玮峰同志积极履行)
        if (not surname or len(name) - surname not in (1, 2) or _NOT_A_GIVEN_NAME.search(name)
                or name[-1] in "委组部局党省市县区州旗镇乡务由以校院" or not _AFTER_NAME.match(view, post.end())):
            continue
        found.append(Found(match.start(1), match.end(1), "Person", dict(name=name, position=post.group(),
                                                                        position_start=match.end(1))))
    return found


# The officials who signed a document off, in a page's header: 签发人：郭建英, or two of them apart, a name of two
# characters set as wide as three (签发人:马正勇  王  晖).
# (or set apart by a pause mark: 签发人:王强、李明)
_SIGNERS = re.compile(r"签发人[ \t\u3000]*[:：][ \t\u3000]*((?:[\u4e00-\u9fff]+[ \t\u3000、，,]*)+)")
_SIGNER = re.compile(r"[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])"
                     r"|[\u4e00-\u9fff][ \t\u3000]{1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff])")


def _signers(view: str, single: frozenset[str], double: frozenset[str]) -> list[Found]:
    found = []
    for line in _SIGNERS.finditer(view):
        for signer in _SIGNER.finditer(view, line.start(1), line.end(1)):
            name = "".join(signer.group().split())
            if name[:2] in double or name[0] in single:
                found.append(Found(signer.start(), signer.end(), "Person",
                                   dict(name=name, position="", position_start=signer.start())))
    return found


@lru_cache(maxsize=1)
def _spaced_signature() -> re.Pattern[str]:
    """A report's signature line, its post then a name of two characters set as wide as three
    (司法局副局长 王  强), the name alone at the end of the line."""
    positions = sorted(lexicon.words("positions"), key=len, reverse=True)
    return re.compile(rf"(?:{lexicon.alternation(positions)})[ \t\u3000]+"
                      rf"([\u4e00-\u9fff][ \t\u3000]{{1,2}}[\u4e00-\u9fff])[ \t\u3000]*$", re.MULTILINE)


def _spaced_signatures(view: str, single: frozenset[str]) -> list[Found]:
    found = []
    for match in _spaced_signature().finditer(view):
        if match.group(1)[0] in single:
            found.append(Found(match.start(1), match.end(1), "Person",
                               dict(name="".join(match.group(1).split()), position="", position_start=match.start(1))))
    return found


def _listed_leaders(view: str, single: frozenset[str], double: frozenset[str]) -> list[Found]:
    found = []
    for match in _LISTED_LEADERS.finditer(view):
        names = match.group(1).split("、")
        if not all(n[:2] in double or n[0] in single for n in names):
            continue  # not all names: 市委、市政府等领导
        at = match.start(1)
        for name in names:
            found.append(Found(at, at + len(name), "Person", dict(name=name, position="", position_start=at)))
            at += len(name) + 1
    return found
