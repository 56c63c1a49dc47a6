"""Programmes: named initiatives — quoted names (“一业一证”改革) and phrases built on a programme suffix
(…专项行动, …改革, …平台, 12345热线) after a verb that launches or runs them.

Quoted text is a programme unless it reads as a slogan or a goal: a list of phrases (放得下、接得住) or a
word of two characters (可视化) with no programme word after it. A quoted name followed by 栏目 or 节目 is a
publication; one ending in a document type (“三张清单”) is a document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..document import Document
from ..gazetteer import load as load_gazetteer
from . import Found
from .documents import MEDIA_KINDS, classify

# Words a programme's name ends in. Generic ones (中心, 热线 without a number) name programmes only after a quoted
# name (“12348”法律服务热线), never on their own; 机制 does on its own only in a long name (_NAMED_MECHANISM).
# (…顽瘴痼疾集中整治: a campaign of clean-up; 数字政府改革建设: a reform and the building of it, one name)
SUFFIXES = ("专项行动", "专项整治", "专项治理", "集中整治", "专项活动", "行动", "改革建设", "改革", "活动", "工程",
            "试点", "平台", "系统", "模式", "大讲堂", "制度", "联席会议机制", "联席会议制度", "示范创建",
            "创建", "普法", "宣传周", "宣传月", "宣传日", "告知承诺制", "承诺制", "责任制", "负责制", "示范建设",
            "专项整顿", "学习教育", "主题教育", "机制", "办结制", "准入制", "长制")
# (a brand is named by its quoted name, “亲清·兰领办”服务品牌; 打造特色亮点品牌 describes the aim, no brand named)
QUOTED_SUFFIXES = (*SUFFIXES, "热线", "服务站", "讲堂", "品牌", "小程序", "APP", "App")
_SUFFIX = lexicon.alternation(SUFFIXES)
_QUOTED_SUFFIX = lexicon.alternation(QUOTED_SUFFIXES)
# What may come between a quoted name and its programme word: “双审”工作机制, “12348”法律服务热线.
# (a programme word right after another is the name's end: “谁执法谁普法”普法责任制, “…”改革试点; but an event is
# named without its 活动, a hotline without its rules: “12·4”宪法宣传周活动, “12348”法律服务热线制度)
_AFTER_QUOTE = re.compile(rf"(?P<between>[\u4e00-\u9fff]{{0,6}}?)(?:{_QUOTED_SUFFIX})"
                          rf"(?:(?<!宣传周)(?<!宣传月)(?<!宣传日)(?<!热线)(?:工作)?(?:{_QUOTED_SUFFIX}))?")
_PUBLICATION_AFTER = re.compile(r"(?:[和、与及]?“[^”]{1,15}”)*(?:两个|三个)?[\u4e00-\u9fff]{0,4}"
                                rf"(?P<media>{'|'.join(MEDIA_KINDS)})")
# Single quotes name a programme inside a quoted phrase: “坚持和发展新时代‘枫桥经验’…”专项行动.
_QUOTED = re.compile(r"“([^“”\n]{1,40})”")
_SINGLE_QUOTED = re.compile(r"‘([^“”‘’\n]{1,40})’")
_COUNTED = re.compile(r"(?<![0-9])[0-9]+[个项家件条]")
# A code of figures names the scheme said after it, even a plan's outline (“1310”具体部署, “16136”总体思路,
# “1211”法治政府建设推进机制, “1+6+3”工作安排, “四六四五”发展战略, “3820”战略工程): figures alone say nothing, so the
# words after them are the name; “1+8”等政策措施 lists examples and names nothing.
_FIGURES = re.compile(r"[0-9]{3,}|[0-9]+(?:\+[0-9A-Za-z]+)+|[一二三四五六七八九十]{4,}")
_AFTER_FIGURES = re.compile(rf"(?!等)[\u4e00-\u9fff]{{0,10}}?"
                            rf"(?:{_QUOTED_SUFFIX}|思路举措|部署|思路|举措|安排|措施|战略|体系|格局)(?:{_QUOTED_SUFFIX})?")
# A quoted phrase followed by these is a concept or a goal (“复议为民”工作理念, “小切口”立法), not a programme.
_NOT_A_PROGRAM_AFTER = re.compile(r"(?:工作|城市|发展)?(?:理念|精神|思想|目标|要求|作用|意识|原则|方针|定位|导向"
                                  r"|立法(?!(?:工作)?机制))"  # (but “专班”立法工作机制 names a mechanism)
                                  r"|(?:城市|发展|总体)思路|总体(?:目标|要求|布局)|流域"
                                  # “…”的制度优势: a quality; “…”专题培训班: a class's theme;
                                  r"|的|(?:专题)?(?:培训班|研讨班|读书班|培训)|专题(?:学习|学法|讲座|辅导|研讨)"
                                  r"|问题"  # “两高一低”问题: what is fought
                                  # a thing made or held to teach the law, the quote its theme: “…天天学”普法日历,
                                  # “…”普法现场会, “…”抖音账号普法短视频, “七五”普法工作领导小组
                                  r"|[\u4e00-\u9fff]{0,6}?普法(?:工作)?(?:现场会|日历|短视频|视频|读本|手册|领导小组"
                                  r"|宣传新模式)"
                                  # “委托受理”率, “误点击”差评: a rate or ratings of a kind
                                  r"|\??率|差评"
                                  # “专人主讲”学、“观看视频”学等方式: ways of doing something
                                  r"|[\u4e00-\u9fff]{0,2}(?:[、,，]?“[^“”]{1,15}”[\u4e00-\u9fff]{0,2})*"
                                  r"等(?:多种)?(?:学习模式|方式|形式|方法|途径|手段)")
# A doctrine, and the verbs of studying it: 深入学习贯彻习近平法治思想, 学习宣传党的二十大精神.
_STUDIED_DOCTRINE = re.compile(r"(?:深入|学习|宣传|贯彻|研究|阐释|践行|落实|宣讲)*"
                               r"(?:习近平[\u4e00-\u9fff]{0,14}思想|党的[一二三四五六七八九十]+大精神)")
_ARTICLES = re.compile(r"[\u4e00-\u9fff]{2,14}[0-9]+条")  # a policy of numbered articles: “稳外贸发展8条”
_BUILT_AFTER = re.compile(r"建设")  # “两区”建设, “两区”建设相关机构, “两区”建设新增项目
_TALLY = re.compile(r"[0-9]+[项个件][\u4e00-\u9fff]{2}")  # “5项改革”, “5项突破”: a count of kinds, no name
_ENUMERATION = re.compile(r"^[一二三四五六七八九十两]+[个大项]")  # “三个结合”, “两个确保”, “十一个坚持”
_PAIRED_WORDS = re.compile(r"^[\u4e00-\u9fff]{1,2}\+[\u4e00-\u9fff]{1,2}$")  # “理论+实操”: a slogan
_COUNTING_WORD = re.compile(r"[0-9一二三四五六七八九十百两双]")  # “三张清单”, “双十条”: counted, so named
_NUMERALS_ONLY = re.compile(r"^[一二三四五六七八九十百千万两]+$")  # “十四五”: a plan period
_HAN = re.compile(r"[\u4e00-\u9fff]")
# The national campaign of demonstration places and projects, named by its level and by the kind of place.
# A batch said between the level and the name (全国第二批…) is no part of the campaign's name.
_DEMONSTRATION = re.compile(r"(?P<level>全国|国家级|自治区级|省级|市级|县级|全省|全区|全市|全州)?"
                            r"(?P<batch>第[一二三四五六七八九十]批)?法治政府(?:建设)?(?:综合)?示范(?:地区|城市|市|县|区|单位|部门)?创建(?:活动)?")
# A campaign counted by the places it carries a doctrine into: 习近平法治思想“八进”, 法律七进活动, “七进”宣传活动.
_INTO_COUNTED = re.compile(r"(?P<theme>(?:习近平法治思想|法律|法治|普法|宪法|民法典)(?:宣讲|宣传|学习宣传)?)?"
                           r"(?P<open>“)?[三四五六七八九十]进(?(open)”)(?P<kind>宣传活动|活动|工作|微宣讲)?")
_INTO_PLACES = re.compile(r"(?:法治|法律|普法)进(?:校园|园区|社区|乡村|农村|企业|机关|单位|家庭|网络|寺庙|军营|医院)")
# The pilots of building the rule of law of a place, its government and its society as one (the central plan's
# 法治国家、法治政府、法治社会一体建设, taken to a province or city): one name, its commas included.
_ONE_BUILD_PILOT = re.compile(r"法治[\u4e00-\u9fff]{2,4}、法治政府、法治社会一体化?建设试点")
_SLOGAN_PUNCT = re.compile(r"[，、；。,;!！?？]")
# Verbs that launch or run a programme; the name starts after the last of them in its clause (副市长调度…专项行动: a
# leader steering a campaign).
_VERBS = ("坚持", "完成", "成为", "举行", "开展", "推进", "深化", "实施", "启动", "举办", "推行", "打造", "巩固",
          "完善", "铺开", "参加", "创建", "探索", "推广", "建立", "健全", "构建", "搭建", "上线", "投运", "开通",
          "设立", "部署", "推动", "实行", "运行", "建成", "升级", "创新", "落实", "引深", "组织", "加强", "强化",
          "优化", "提升", "成立", "通过", "入选", "获评", "做好", "抓好", "狠抓", "紧抓", "抓实", "抓细", "按照",
          "围绕", "执行", "解决", "贯彻", "结合", "依托", "接入", "紧扣", "聚焦", "出台", "拓展", "争创", "参与",
          "重视", "根据", "依据", "试行", "运用", "推开", "制定", "基于", "压实", "夯实", "召开", "申报", "开启",
          "启用", "推出", "开设", "组建", "引入", "应用", "使用", "迭代", "调度", "加快", "利用", "借助")
_VERB = re.compile(lexicon.alternation(_VERBS) + "|开发(?!区)")  # (开发区: a zone)
# Verbs that put a platform or an app to use (依托“浙里办”, 登录…平台): what follows is a tool, named.
_TOOL_VERBS = ("依托", "借助", "利用", "通过", "登录", "下载", "上线", "接入", "入驻", "关注")
# An organ before a verb is the clause's subject (县数据局上线平台), whatever the verb leaves after it.
_ORGAN_END = re.compile(r"(?:局|委|办|院|厅|政府|中心|大队|支队)$")
# Verbs that are words of a name here: 优化营商环境…, 权责清单运行评估机制,
# 党政主要负责人履行推进法治建设第一责任人职责…, …推进法治政府建设第一责任职责制度.
_VERB_IN_NAME = re.compile(r"优化(?:营商|政务)|(?:运行|执行)(?:评估|监测|监管|情况)|推进法治(?:政府)?建设第一责任"
                           # what is improved, then the improving: 行政执法质量提升三年行动, 能力巩固提升攻坚行动
                           r"|(?:(?<=质量|能力|水平|效能|素养|素质|品质|巩固)|(?<=满意度))提升|(?<=能力)巩固")
# What a bare quote's words after it may say it is (“四位一体”法治资规建设), unless they say what it does.
# (“办不成”反映窗口: a window for it; “营商环境”企业法律风险在线检测: a check it runs)
_DESCRIBED_AFTER = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,14}?"
                              r"(?:建设|监督|评议|行动|改革|试点|工程|活动|机制|制度|服务|工作法|窗口|检测))"
                              r"(?![\u4e00-\u9fff])")
_LEADING = re.compile(rf"{_VERB.pattern}|领航|引领|助力|护航|赋能|带动")  # “头雁效应”领航法治建设: what it does
# Adverbs and numbering that may open a clause before a name.
_OPENERS = re.compile(r"(?:[(（]?[一二三四五六七八九十]+[)）、]|[一二三四五六七八九十]是|了|过|好|"
                      r"我省|我市|我县|我区|本市|本县|本区|全面|持续|深入|积极|认真|大力|扎实|进一步|"
                      r"不断|切实|着力|加快|稳步|严格|继续|首次|率先|成功|先后|及时|主动|已|还|并|在(?!线)|将|被|"
                      r"(?:全国|全省|全市|全区|全县)?首创|"
                      r"全省|全市|全县|全区|全州|同时|我局|我厅|我委|我办|本单位|本部门|本系统|到|于)+")
# (全国… names a national programme, so it is no opener)
# The name grows a character at a time until a suffix follows: the lookahead tests its first character once.
_SUFFIX_FIRST = "".join(sorted({suffix[0] for suffix in SUFFIXES}))
_PHRASE = re.compile(rf"(?:^|(?<=[,;:。!?\n、“”]))(?:[0-9]+\.)?"  # a heading's number (3.) is not in the name
                     rf"([^,;:。!?\n、“”《》]{{2,40}}?(?=[{_SUFFIX_FIRST}]){_SUFFIX})"
                     rf"(?=工作|初审|评审|复核|验收|申报|入选|获评|荣获|(?<=机制)建设"
                     rf"|任务|力度|政策|成果|经验|举措|措施|部署|进程|步伐|落地|取得|调研"  # …改革任务, 改革政策落地
                     rf"|收官|纳入"  # …三年行动收官要求, …提升行动纳入…: the campaign's close, or what it is put into
                     rf"|(?<=整治)(?:实地)?督察"  # …专项整治督察: the inspection of the campaign
                     # 依托…平台实现, 在…审批系统上运行: what is done on a platform or a piece of software follows its
                     # name (but 全区城市管理系统开展: a sector; 党员干部系统培训: trained systematically)
                     rf"|(?<=平台)(?:实现|开展|组织|培训|提升|上线|运行|公开|归集|办理|受理|发布|应用|迭代|推送|实施|进行"
                     rf"|建设|上)|(?<=审批系统|管理系统|信息系统|办案系统|应用系统)(?:实现|提升|上线|运行|应用|上)"
                     # a lecture series is named whatever is said of it next (区委党校干部大讲堂开班, …大讲堂学习)
                     rf"|(?<=大讲堂)"
                     # (…大讲堂暨“百名法学家百场报告会”: two events held as one, each named)
                     rf"|[^\u4e00-\u9fff]|[和等及与的成并暨]|\Z)", re.M)  # (\Z: a name may end the text)
# (集体学法制度, 集体讨论决策制度 name institutions, as 专题联席会议制度 and 集中学法制度 do;
# 打击违法犯罪活动 names what is fought)
# (多项专项整治行动: several campaigns, none named; but …集中整治 is a campaign's kind, not a generic word)
_GENERIC_WORDS = re.compile(r"关于|相关|配套|有关|各项|多项|各类|各级|各单位|各部门|一系列|集体(?!学法|讨论)"
                            # (but 集中学法制度, 集中宪法宣誓制度; …集中整顿活动, …集中教育整顿: a campaign's kind)
                            r"|(?<!相对)集中(?!整治|(?:教育)?整顿|[\u4e00-\u9fff]{2,6}制度$)"
                            r"|专题(?![\u4e00-\u9fff]{0,8}(?:制度|机制)$)|领导下|法治思维和法治方式"
                            r"|(?:违法|犯罪|违规)[\u4e00-\u9fff]{0,4}活动")
# The number first, then the test that no digit stands before it: a regex that opens with a literal is
# searched for by it, one that opens with a lookbehind is tried at every character.
_HOTLINE = re.compile(r"(123[0-9]{2})(?<![0-9]123[0-9]{2})((?:、123[0-9]{2})*)([\u4e00-\u9fff]{0,8}?热线)")
_NOT_A_PHRASE_START = set("了的各全该其这那对为把将是等")
_CONJOINED = re.compile(r"[和及与](?!谐)")  # 制定和审查制度: the second of two verbs, no name (but 和谐社区)
# Figures in a phrase are a count or a date (3个专项行动), unless a version (综合窗口2.0改革, 营商环境5.0版改革).
_DIGIT = re.compile(r"[0-9]")
_VERSION = re.compile(r"(?<![0-9.])[0-9]\.[0-9]版?(?=[\u4e00-\u9fff])")
# Institutions said in passing, no one named:
_PLAIN_WORDS = {"改革", "活动", "工程", "试点", "平台", "系统", "模式", "机制", "制度", "行动", "创建", "普法", "中心",
                "示范创建", "清单制度", "依法行政制度", "依法行政工作制度", "执法制度", "领导责任制", "倒逼机制",
                "工作机制", "工作制度", "管理制度", "政策制度", "学法制度",
                # kinds of platform, none named
                "线上平台", "网络平台", "网上平台", "融媒体平台", "新媒体平台", "媒体平台", "信息平台", "信息化平台",
                "宣传平台", "学习平台", "监督平台", "服务平台", "交流学习平台", "数据共享平台",
                # a broad field of reform, no one reform named
                "行政体制改革", "行政管理体制改革", "行政体制机制改革"}
# A date, an ordinal batch, a version or a count before a name is not part of it (12·4宪法宣传周, 第二批…示范创建,
# 4次…大讲堂, 新版…审批系统).
_DATED = re.compile(r"(?:[0-9]+[·.][0-9]+|新版|(?:国家级|省级|市级|县级)?第[一二三四五六七八九十0-9]+[批届]|首届|"
                    r"[一二两三四五六七八九十0-9]+期|每(?:季度|月|年|周)|[0-9]+(?:次|场|批)"
                    r"|国家级|省级|市级|县级)")
# The places or levels that each hold the institution are no part of its name: 建立各县(市)区月度专题述法制度,
# 健全各级党委(党组)理论学习中心组…常态化机制.
_EACH_LEVEL = re.compile(r"各(?:级|区|市|县(?:[(（]市[)）])?区?)(?=[\u4e00-\u9fff])")
# A Party committee or group, whichever it is, names no one organ: the institution it holds is named without it too.
_ANY_PARTY_ORGAN = re.compile(r"党委[(（]党组[)）](?=[\u4e00-\u9fff]{4})")
# A level that opens a name (省级网上统一申办受理平台, 县级权责清单制度) is written with it or without.
_LEVEL = re.compile(r"省级|市级|县级|区级")
# What the name is shared by, said before it, is no part of it: 推广全省统一的…管理系统, 执行全国统一的负面清单制度.
_UNIFIED = re.compile(r"(?:全国|全省|全市|全区|全县)?统一的")
# “法治渝北”: the place itself, as a slogan; “法治政府”, “法治保障”: a goal. But “法治体检”活动 is a programme:
# with a programme word after it, 法治X is a slogan only when X is a place, and even then an activity is named
# for the place's rule of law (“法治海东”创建活动, “法治达川”一月一主题活动).
_RULE_OF_LAW_PLACE = re.compile(r"^法治([\u4e00-\u9fff]{2,4})$")


def _rule_of_law_place(name: str, programme_word_after: str | None) -> bool:
    place = _RULE_OF_LAW_PLACE.match(name)
    if place is None or _SUFFIX_END.search(name) or (programme_word_after or "").endswith("活动"):
        return False  # (“法治大讲堂”: a programme word ends it, no place)
    gazetteer = load_gazetteer()
    return not programme_word_after or place.group(1) in gazetteer.by_name or place.group(1) in gazetteer.by_short


def _new_place(rest: str) -> bool:
    """Whether a quote is followed by 新 and a place: “强富美高”新南京 is the place the goal makes, no programme."""
    return rest.startswith("新") and _placed(rest[1:])


# Two events held as one, joined by 暨 (“巴南大讲堂暨百名法学家百场报告会”): each a name of its own.
_JOINT = re.compile(r"([\u4e00-\u9fff]{3,20})暨([\u4e00-\u9fff]{3,20})")


# Names listed beside a known one that end in its last two characters are of its kind: 跨省通办、全区通办、同城通办.
_SIBLING_ENDINGS = frozenset({"通办"})  # (and any programme word: 改革, 试点, 平台 …)
_LIST_BREAKS = frozenset(",;:。!?\n、“”")
_VERB_BEFORE = re.compile(rf"(?:{_VERB.pattern}|实现)$")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _listed_siblings(view: str, start: int, end: int) -> list[Found]:
    """The names listed right before and after the known name at [start, end) that share its last two characters
    (and so its kind: 通办, 改革), each a programme of its own."""
    ending, siblings = view[end - 2:end], []
    if ending not in _SIBLING_ENDINGS and not _SUFFIX_END.search(view, start, end):
        return []  # 政府法律顾问、一村一法律顾问: a post beside the programme, not one of its kind
    after = re.compile(rf"、([\u4e00-\u9fff]{{1,4}}?){re.escape(ending)}")
    at = end
    while item := after.match(view, at):
        siblings.append(Found(item.start(1), item.end(), "Program", dict(name=item.group(1) + ending)))
        at = item.end()
    at = start
    while view[at - 1:at] == "、" and view[at - 3:at - 1] == ending:
        # the name before starts after a break or a verb: 实现全区通办、跨省通办
        head_at = next((at - 3 - n for n in (1, 2, 3, 4) if view[at - 4 - n:at - 3 - n] in _LIST_BREAKS
                        or _VERB_BEFORE.search(view, max(0, at - 9 - n), at - 3 - n)), None)
        if head_at is None or not _HAN_RUN.fullmatch(view[head_at:at - 3]):
            break
        siblings.append(Found(head_at, at - 1, "Program", dict(name=view[head_at:at - 1])))
        at = head_at
    return siblings


# A quoted list of phrases (“一窗受理、一网通办、并联审批”): a slogan or one programme, whatever its items are.
_QUOTED_LIST_BEFORE = re.compile(r"“[^“”\n]{0,40}$")
_QUOTED_LIST_AFTER = re.compile(r"[^“”\n]{0,40}”")
_LIST_MARKS = "、,，"


def _item_of_quoted_list(view: str, start: int, end: int) -> bool:
    """Whether view[start:end] is one item of a quoted list of phrases, not the whole quote."""
    before, after = view[start - 1:start], view[end:end + 1]
    if before not in ("“", *_LIST_MARKS) or after not in ("”", *_LIST_MARKS) or (before, after) == ("“", "”"):
        return False
    return bool(_QUOTED_LIST_BEFORE.search(view, max(0, start - 41), start)
                and _QUOTED_LIST_AFTER.match(view, end))


def _placed(words: str) -> bool:
    """Whether `words` open with a division's name: 吕梁学法大讲堂 is a name of its own."""
    gazetteer = load_gazetteer()
    return any(words[:n] in gazetteer.by_name or words[:n] in gazetteer.by_short for n in (2, 3, 4))


def find_programs(doc: Document) -> list[Found]:
    view = doc.view.text
    found: list[Found] = []
    for match in (*_QUOTED.finditer(view), *_SINGLE_QUOTED.finditer(view)):
        item = _quoted(view, match)
        if item is not None and item.kind == "Program" and (joint := _JOINT.fullmatch(view, item.start, item.end)):
            # “巴南大讲堂暨百名法学家百场报告会”: two programmes held as one event, each named
            found += [Found(*joint.span(1), "Program", dict(name=joint.group(1))),
                      Found(*joint.span(2), "Program", dict(name=joint.group(2)))]
        elif item is not None:
            found.append(item)
            if item.kind == "Program" and (suffix := _AFTER_QUOTE.match(view, match.end())):
                found += _joined_after(view, suffix.end())  # “学法日”制度和法治政府建设年度报告制度: the second too
    for match in _PHRASE.finditer(view):
        clause = match.group(1)
        verbs = [v for v in _VERB.finditer(clause)
                 if (v.end() <= len(clause) - 4 or _ORGAN_END.search(clause, 0, v.start()))
                 and not _VERB_IN_NAME.match(clause, v.start())]
        if not verbs and (example := _EXAMPLES.match(clause)):
            verbs = [example]  # 如执法公示制度、…: names given as examples, as a verb gives them
        offset = verbs[-1].end() if verbs else 0
        opener = _OPENERS.match(clause, offset)
        if opener:
            offset = opener.end()
        if not verbs and match.start(1) > 0 and view[match.start(1) - 1] == "”":
            continue  # the words after a quoted name are that name's (“红色物业+法治”基层治理模式)
        if (not verbs and match.start(1) != _line_start(view, match.start(1)) and view[match.start(1) - 1] != "。"
                and not _HONOURED.match(view, match.end(1)) and not _listed_after_verb(view, match.start(1))
                and not _standing_campaign(view, match.start(1), match.end(1))):
            continue  # mid-sentence with no verb before it: a description, not a name (unless it won something)
        level = None  # 省级…平台: a level that opens the name is written with it or without
        if dated := _DATED.match(clause, offset):
            if _LEVEL.fullmatch(dated.group()):
                level = (match.start(1) + dated.start(), match.start(1) + dated.end())
            offset = dated.end()
        if scope := _EACH_LEVEL.match(clause, offset):
            offset = scope.end()
        if unified := _UNIFIED.match(clause, offset):
            offset = unified.end()
        offset += _participant_length(clause[offset:])
        start = match.start(1) + offset
        name = view[start:match.end(1)]
        end = match.end(1)
        head, joined, tail = name.partition("和")
        if joined and (_national().fullmatch(head) or lexicon.pattern("study_practices").fullmatch(head)):
            # 会前学法和法治政府建设年度报告制度: a known programme or duty, then a programme; the lexicons find the
            # first.
            start += len(head) + 1
            name = view[start:end]
        elif joined and len(tail) >= 6 and _whole_before_and(head, tail):
            # 省档案局和市电子档案系统, 乡村振兴建设和乡村振兴体制改革: an organ, or a field built, stands alone;
            # the name is the second's.
            start += len(head) + 1
            name = view[start:end]
        elif joined and _DONE_BY_ITSELF.search(head) and len(tail) >= 6 and not _BETWEEN_TWO.match(tail):
            # 公平竞争审查和集体讨论决策制度: the first is a practice of its own, the institution is the second's.
            start += len(head) + 1
            name = view[start:end]
        elif joined and _known_whole(tail):
            # 法治广东建设考评和法治政府建设示范创建: another, then a known one; the lexicon finds the second.
            end = start + len(head)
            name = head
        if name.endswith("普法") and view.startswith("工作", end):
            continue  # 年度普法工作要点, 学法普法工作: the work of teaching the law, no campaign named
        shortest = 8 if view.startswith("建设", end) else 4  # …机制建设: a long name, one mechanism built
        if (len(name) < shortest or (name[0] in _NOT_A_PHRASE_START and not name.startswith("全国"))
                or _CONJOINED.match(name)
                or name in _PLAIN_WORDS or "的" in name or "等" in name
                or (_VERB.fullmatch(name[:2]) and not _VERB_IN_NAME.match(name))
                or _PLACING.search(name) or _DESIGNATION.search(name)
                or (name.endswith("机制") and not _NAMED_MECHANISM.fullmatch(name))
                or (_KIND_ONLY.fullmatch(name) and not _COUNTING_WORD.search(name)) or _SECTOR.search(name)
                or _SYSTEMATIC.search(name) or _FIELD_INSTITUTION.fullmatch(name)
                or _not_named_institution(name)
                or _honour(name) or _STUDY_ACTIVITY.search(name) or _FIELD_REFORM.search(name)
                or _GENERIC_ACTIVITY.fullmatch(name) or _MAIN_WORK.search(name) or _MANNER_OF_CREATION.fullmatch(name)
                or _DIGIT.search(_VERSION.sub("", name)) or _GENERIC_WORDS.search(name)
                or not _SUFFIX_WORDS.sub("", name)):
            continue  # too short, generic, or only programme words (改革试点)
        if ((pair := _PAIRED_BEFORE.search(view, max(0, start - 12), start)) and not _VERB.search(pair.group(1))
                and not _SUFFIX_END.search(pair.group(1)) and not _ORGAN_WORD.search(pair.group(1))):
            # 推行公职律师、公司律师制度: two institutions share the last one's kind word, and one name (but
            # 会前学法制度、法规教育培训制度 are two; 区委常委会议、区政府常务会议会前学法制度 is two organs' duty).
            start, name = pair.start(1), view[pair.start(1):end]
        scoped = _SCOPED.match(name)
        known = scoped and _national().fullmatch(name, scoped.end())
        # 涉企经营许可事项告知承诺制: the known reform applied to a scope of matters is known by the reform's name too.
        aliases = [(start + scoped.end(), end)] if known else []
        if level and start == level[1]:
            aliases.append((start, end))
            start, name = level[0], view[level[0]:end]
        if any_organ := _ANY_PARTY_ORGAN.match(name):
            aliases.append((start + any_organ.end(), end))  # 党委(党组)理论学习中心组…: whichever organ's, the same
        found.append(Found(start, end, "Program", dict(name=name, alias_spans=aliases)))
        found += _joined_after(view, match.end(1))
    for match in _LISTED_KIND.finditer(view):
        # 在海南省干部在线学习、智慧普法云等网络平台: each name listed before 等 is one of the kind said after it.
        at = match.start("names")
        for name in match.group("names").split("、"):
            if len(name) >= 3 and not _GENERIC_WORDS.search(name) and name[0] not in _NOT_A_PHRASE_START:
                kind, press = classify(name)
                media = next((m for m in MEDIA_KINDS if name.endswith(m)), "")
                if kind == "Publication" and (press or media):
                    # 通过东莞日报、微信等全媒体平台, …、城口发布微信公众号等: a paper or an account among outlets
                    found.append(Found(at, at + len(name), "Publication", dict(title=name, doc_type=press or media)))
                else:
                    found.append(Found(at, at + len(name), "Program", dict(name=name)))
            at += len(name) + 1
    # What the specific patterns below read comes first: where they read the same span as a quote or a phrase,
    # theirs is the reading kept (a designated pilot, the demonstration campaign by its full name).
    general, found = found, []
    for match in _DESIGNATED.finditer(view):
        start, name = match.start("name"), match.group("name")
        if verb := _VERB.match(name):  # 确定为参与…试点单位: the pilot, not the taking part
            start, name = start + verb.end(), name[verb.end():]
        named = _RANK_WORDS.sub("", _SUFFIX_WORDS.sub("", name))
        if not _GENERIC_WORDS.search(name) and len(named) >= 2 and len(name) >= 4:
            # 全国党建引领乡村治理试点: the level may be written as part of the name; without it is an alias.
            level = match.start("level") if match.group("level") and start == match.start("name") else start
            found.append(Found(level, match.end("name"), "Program",
                               dict(name=view[level:match.end("name")], designated=True,
                                    alias_spans=[(start, match.end("name"))] if level < start else [])))
    for match in _DEMONSTRATION.finditer(view):  # 全国法治政府建设示范市创建: the campaign, by the kind of place
        level, batch = match.group("level") or "", match.group("batch") or ""
        bare_at = match.start() + len(level) + len(batch)  # the campaign without its level or batch
        start = match.start() if level else bare_at
        bare = view[bare_at:match.end()]
        aliases = [(bare_at, match.end())] if level else []
        if bare[4:6] not in ("建设", "建設"):  # 法治政府示范创建: the same campaign, named in full (in its script)
            bare = bare[:4] + ("建設" if "創" in bare else "建设") + bare[4:]
            aliases = [(start, match.end()), *aliases]
        found.append(Found(start, match.end(), "Program", dict(name=level + bare, alias_spans=aliases)))
    for match in _INTO_COUNTED.finditer(view):
        if not match.group("theme") and not (match.group("open") and match.group("kind")):
            continue  # 七进 alone, unquoted: too short to be sure
        count_at = match.end("open") if match.group("open") else match.start() + len(match.group("theme") or "")
        aliases = [(count_at, count_at + 2)]  # 七进, as the campaign is also called
        if match.group("theme") and match.group("kind"):
            aliases.append((match.start(), match.start("kind")))  # 习近平法治思想“八进”, without 工作
        found.append(Found(match.start(), match.end(), "Program",
                           dict(name=match.group().replace("“", "").replace("”", ""), alias_spans=aliases)))
    for match in _INTO_PLACES.finditer(view):  # 法治进校园、进园区: the campaigns that carry law into places
        found.append(Found(match.start(), match.end(), "Program", dict(name=match.group())))
    for match in _ONE_BUILD_PILOT.finditer(view):
        found.append(Found(match.start(), match.end(), "Program", dict(name=match.group())))
    for match in _national().finditer(view):
        if (_RATE_AFTER.match(view, match.end()) or _HONOURED_IN.match(view, match.end())
                or _item_of_quoted_list(view, match.start(), match.end())):
            continue  # 一网通办率, “最多跑一次”率: the name of a rate; …中期表现突出单位: an honour; a list's item
        # A creation campaign is named with its 活动 (法治政府建设示范创建活动); an event is not (宪法宣传周活动).
        end = match.end() + (2 if match.group().endswith("创建") and view.startswith("活动", match.end()) else 0)
        # 谁执法谁普法责任制: the campaign's system of duties; 府院联动工作推进机制: the mechanism that runs it.
        if duty := (_RESPONSIBILITY.match(view, end) or _MECHANISM_OF.match(view, end) or _TOOL_OF.match(view, end)
                    or _CAMPAIGN_OF.match(view, end)):
            end = duty.end()
        elif not match.group().endswith(("改革", "试点")) and (reform := _REFORM_OF.match(view, end)):
            end = reform.end()  # 告知承诺制改革, 证照分离改革试点: the reform that carries the known name out
        scope = _SCOPE_BEFORE.search(view, max(0, match.start() - 8), match.start())
        start = scope.start() if scope else match.start()  # 镇街综合行政执法改革: the reform where it is done
        extended = (start, end) != match.span()
        found.append(Found(start, end, "Program", dict(name=view[start:end],
                                                       alias_spans=[match.span()] if extended else [])))
        found += _listed_siblings(view, match.start(), match.end())
    unquoted, at = _without_quotes(view)
    for match in _national().finditer(unquoted):
        # 行政执法“三项制度”: a known name whose last words are quoted, and are no known name of their own.
        start, end = at[match.start()], at[match.end() - 1] + 1
        opening = view.find("“", start, end)
        if opening > start and view.startswith("”", end) and not _national().fullmatch(view[opening + 1:end]):
            found.append(Found(start, end + 1, "Program", dict(name=match.group())))
    found += _placed_platforms(view)
    for match in _HOTLINE.finditer(view):
        # 12348、12328、12350热线: each number is a hotline; all are known by number + 热线.
        found.append(Found(match.start(1), match.end(1) if match.group(2) else match.end(), "Program",
                           dict(name=match.group(1) + "热线")))
        for number in re.finditer(r"123[0-9]{2}", match.group(2)):
            at = match.start(2) + number.start()
            end = match.end() if number.end() == len(match.group(2)) else at + 5
            found.append(Found(at, end, "Program", dict(name=number.group() + "热线")))
    return found + general


# A platform, website or app is named when its name opens with a place: 四川省国家工作人员学法考法平台,
# 河南省政务服务网, 江苏政务APP. A 系统 is software only after what it manages or serves (…文件管理系统);
# 六安市市场监管系统 is a sector. A website is named for what it serves (…政务服务网, 安徽法网), not for any 网
# (杭州互联网法院…涉网).
_PLATFORM_END = re.compile(r"(?:平台|(?<=管理|信息|业务|智能|办案|审批|应用|数据|服务)系统|APP|App"
                           r"|(?:(?<=服务)|(?<=教育)|(?<=政务)|(?<=学习)|(?<=公示)|(?<=法))网)(?!建设|化|络|站)")
_PLATFORM_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{4,24}$")
_PLATFORM_USED = re.compile(rf".*(?:{'|'.join(_TOOL_VERBS)}|运用|使用|推广|进驻|开展|参加"
                            r"|参与|统一的|在(?!线)|和|及|与)")
_PUT_TO_USE = re.compile(rf"(?:^|{_VERB.pattern}|整合|实现|对接|对|纳入|推送|融入|向|至|从)(?:法治)?$")
_NOT_A_PLATFORM = re.compile(r"人民政府|门户|等|被|为")  # 河北省人民政府网: the government's own website


def _placed_platforms(view: str) -> list[Found]:
    gazetteer = load_gazetteer()
    found = []
    for end in _PLATFORM_END.finditer(view):
        run = _PLATFORM_RUN.search(view, max(0, end.start() - 24), end.start())
        if run is None:
            continue
        used = _PLATFORM_USED.match(run.group())
        start = run.start() + (used.end() if used else 0)
        for at in range(start, end.end() - 5):
            name = view[at:end.end()]
            place = _place_length(gazetteer, name)
            # a place further in opens the name only after what is done with it: 整合吉林市政务服务网
            if place and _PUT_TO_USE.search(view[start:at]):
                break
        else:
            continue
        if view.endswith("法治", start, at):
            at -= 2  # 法治广州…管理系统: the place's rule of law is part of the name
            name, place = view[at:end.end()], place + 2
        if len(name) - place >= 4 and not _NOT_A_PLATFORM.search(name) and name[place:] not in _PLAIN_WORDS:
            found.append(Found(at, end.end(), "Program", dict(name=name)))
    return found


# Before 和, an organ alone (省档案局和…系统) or a field built whose words the second item repeats
# (乡村振兴建设和乡村振兴体制改革) is a whole of its own, not the first half of one name.
_ORGAN_ALONE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:(?<![干内全])部|局|厅|委员会|政府)$")  # (not 干部)


def _whole_before_and(head: str, tail: str) -> bool:
    """Whether the words before 和 name a whole of their own, so the name is the words after it."""
    return bool(_ORGAN_ALONE.match(head)) or (head.endswith("建设") and len(head) >= 4 and tail.startswith(head[:2]))


# A place said before the level that runs the programme is who takes part in it, not part of its name:
# 参加某市全国法治政府建设示范创建活动 (the national campaign, which the city joins).
_RANK_OPENING = re.compile(r"全国|全省|全市|全区|全州")


def _participant_length(name: str) -> int:
    """How long the place that opens `name` before a level word (某市全国…) is (0 if none does)."""
    place = _place_length(load_gazetteer(), name)
    return place if place and _RANK_OPENING.match(name, place) else 0


def _place_length(gazetteer, name: str) -> int:
    """How long the division name that opens `name` is (0 if none does)."""
    return next((n for n in range(8, 1, -1) if name[:n] in gazetteer.by_name or name[:n] in gazetteer.by_short), 0)


def _without_quotes(view: str) -> tuple[str, list[int]]:
    """The text without its quotation marks, and where each of its characters is in the text."""
    at = [i for i, char in enumerate(view) if char not in "“”‘’"]
    return "".join(view[i] for i in at), at


# (an app is named with its letters: 通过梁平日报、家在梁平APP等媒体平台)
_LISTED_KIND = re.compile(r"(?:在|依托|通过|利用|借助|开展|召开|举办|组织)"
                          r"(?P<names>[\u4e00-\u9fff0-9A-Za-z+]{2,14}(?:、[\u4e00-\u9fff0-9A-Za-z+]{2,14})+)"
                          r"等(?:[\u4e00-\u9fff]{0,4}?)(?:平台|系统|工程|专项行动|专项会议|机制|品牌)")
# A mechanism said in passing (工作机制, 法治政府建设推进机制) or with its institutions (党领导法治政府建设制度机制: all
# of a field's rules) names none; one named for what it does, at length and alone, does (行政规范性文件动态清理机制),
# even as the work or the lasting way of doing it when that is no whole field (领导干部法治讲堂工作机制,
# 领导干部学法长效机制).
_WHOLE_FIELD = r"(?:法治(?:政府)?建设|依法行政|依法治[国省市县区州旗]|法治工作)"
_NAMED_MECHANISM = re.compile(r"[^和及与]{8,}(?<!推进|长效|保障|领导|工作|运行|体制|制度)机制"
                              rf"|(?![^和及与]*{_WHOLE_FIELD})[^和及与]{{8,}}(?<!体制|制度)机制"
                              # (but a mechanism between two parties is one: 法治督察与纪检监察监督协作配合机制)
                              r"|[^和及与]{2,}[与和][^和及与]{2,}(?:协作|配合|衔接|联动|协调|对接|合作|协同)(?:工作)?机制")
# Two characters and the word for an institution name its kind, not one institution (报告制度, 考评制度, 商事制度);
# “三项制度” is counted, so named.
_KIND_ONLY = re.compile(r"[\u4e00-\u9fff]{1,2}(?:制度|机制)")
# A field's offices as a whole (全省林业系统, 市场监管系统), not a system built.
_FIELDS = (r"(?:林业|林草|监管|环境|公安|税务|统计|民政|交通|运输|司法行政|政府|法院|检察|教育|卫生|卫健"
           r"|应急|气象|水利|自然资源|财政|审计|商务|农业|人社|住建|文旅|海关|政法|退役军人)")
_SECTOR = re.compile(rf"{_FIELDS}系统$")
_PLACING = re.compile(r"纳入|列入|融入|写入")  # …将法治培训纳入…大讲堂: a clause, not a name
_DESIGNATION = re.compile(r"被(?:确定|列|评|选|命名)|确定为|列为")  # 任城区被确定为…试点: the designated pattern's
# The institutions of the field as a whole (完善法治建设工作制度, 健全法治保障制度), not one institution named.
_FIELD_INSTITUTION = re.compile(r"(?:法治(?:政府)?建设|法治保障|法治工作|依法行政)(?:工作)?(?:制度|机制)")
# A principle every decision must follow, said with the word for an institution (科学决策、民主决策、依法决策制度,
# 依法科学民主决策机制): the manner the law asks of deciding, no one institution named.
_MANNER_OF_DECIDING = re.compile(r"(?:(?:科学|民主|依法)(?:决策)?[、和与]?){1,3}决策(?:制度|机制)")
# A body of written rules or policies of a field (完善行业法规制度, 健全应急管理法规制度, 营商环境政策制度): what is
# written down, no one mechanism.
_BODY_OF_RULES = re.compile(r"(?:法规|政策)制度$")
# What any office of a kind holds (法治建设议事协调机制, 区级议事协调机构机制; 工作报告制度, 定期会议制度): the kind of
# institution, none named.
_ANY_OFFICES_ROUTINE = re.compile(r"[\u4e00-\u9fff]{0,6}议事协调(?:机构)?(?:制度|机制)"
                                  r"|(?:工作|情况|定期)(?:报告|会议)制度")
# An office's own rules of running itself (内部管理制度, 气象内控制度) or a field's as a whole (财政管理制度): the
# rules any office keeps, no one institution named.
_OWN_MANAGEMENT = re.compile(rf"[\u4e00-\u9fff]{{0,4}}内(?:部管理|部控制|控)制度|{_FIELDS}管理制度")
# A rank said of it (全国首部规范…的规章, 北部湾地区第一家…平台): a description of what was first, not its name.
_FIRST_OF_ITS_KIND = re.compile(r"首部|首家|第一家|第一部")
_SYSTEMATIC = re.compile(r"(?:深入|不够|全面|更加|较为|比较|不)系统$")  # 学习…不够深入系统: systematic, no system
_DONE_BY_ITSELF = re.compile(r"(?:审查|学法|评议|执法|述法|考法)$")  # a practice named by what is done
# (but 行政执法和刑事司法衔接制度: the link between the two is the one institution)
_BETWEEN_TWO = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:衔接|协作|联动|对接|配合|协同)")
# A campaign is named by what it fights and its kind of campaign (…突出问题专项整治, …质量提升三年行动): a name
# wherever it stands, in a list with no verb before it too (研究了述法评议、…突出问题专项整治、…).
_CAMPAIGN_END = re.compile(r"(?:专项行动|专项整治|专项治理|集中整治|攻坚行动|三年行动|提升行动)$")
# A creation campaign said by how it is run, no field named: 统筹示范创建, 突出示范创建, 综合示范创建 (but “四个创建”
# is counted, and 法治政府建设示范创建 names its field).
_MANNER_OF_CREATION = re.compile(r"(?![^创]*[0-9一二三四五六七八九十两])[\u4e00-\u9fff]{1,3}(?:示范)?创建")
# The part a work plays in a whole, said as a figure of speech (法治政府建设是全面依法治国的重点任务和主体工程).
_MAIN_WORK = re.compile(r"主体工程$")


def _not_named_institution(name: str) -> bool:
    """Whether `name` says a principle, a body of rules or the kind of institution any office keeps, not one
    institution (科学决策、民主决策、依法决策制度; 行业法规制度; 法治建设议事协调机制; 内部管理制度; 全国首部…)."""
    return bool(_MANNER_OF_DECIDING.fullmatch(name) or _BODY_OF_RULES.search(name)
                or _ANY_OFFICES_ROUTINE.fullmatch(name) or _OWN_MANAGEMENT.fullmatch(name)
                or _FIRST_OF_ITS_KIND.search(name))


def _standing_campaign(view: str, start: int, end: int) -> bool:
    """Whether view[start:end] names a campaign, whole: not the first words of a longer quote (“…提升行动+…”)."""
    return bool(_CAMPAIGN_END.search(view, start, end)) and (view[start - 1:start] != "“" or view[end:end + 1] == "”")


_PHRASE_END = re.compile(r"制度|[,;:。!?\n、“”《》]|$")
_SUFFIX_TAIL = re.compile(rf"(?:{_SUFFIX})(?:工作)?$")  # an item that ends in a programme word: …专项整治、
# A list of examples opens a clause as a verb would: 如执法公示制度、…制度等 (not 如期, 如实).
_EXAMPLES = re.compile(r"例如|比如|如(?![期实何果今此约])|包括")
_LIST_BACK = re.compile(r"[^,;:。!?\n“”《》]{0,40}$")  # the stretch of the list before an item


def _listed_after_verb(view: str, at: int) -> bool:
    """Whether the item at `at` ends a list (…、…、X) that a verb opens: 落实日常学法、集中学法、年终述法制度, or
    follows a programme in it (开展…专项整治、…专项整治)."""
    if view[at - 1:at] != "、":
        return False
    stretch = _LIST_BACK.search(view, max(0, at - 40), at - 1)
    if not (stretch and (_VERB.search(stretch.group()) or _EXAMPLES.match(stretch.group()))):
        return False
    if view.startswith("制度", _PHRASE_END.search(view, at).start()):
        return True
    before = stretch.group().rsplit("、", 1)[-1]
    return bool(_SUFFIX_TAIL.search(before))


# A verb, then the first of a pair joined to the name after it: 推行公职律师、, 实施区级图书馆、 (its level apart).
# A quality is no item (建立常态化、制度化学习机制).
_PAIRED_BEFORE = re.compile(rf"(?:{_VERB.pattern})(?:国家级|省级|市级|县级|区级)?([\u4e00-\u9fff]{{1,5}}[^\W化])、$")
_ORGAN_WORD = re.compile(r"会议|委|政府|局|厅|办")
_SCOPED = re.compile(r"[\u4e00-\u9fff]{2,10}?事项")  # the matters a reform applies to: 证明事项, 涉企经营许可事项


# A place made a pilot: 被确定为国家知识产权强县建设试点示范县(区), 纳入广东省首批…改革试点区, 纳入全省…改革试点。
# The programme is the pilot itself, without the batch or year and whoever chose it (广东省首批, 2022年度) or the
# place word that ends it; a level before it (全国, 全省) is read with it, and the name without it is an alias.
# 作为…核心区、…试点区: the pilot may be the second of the titles a place is given.
_DESIGNATED = re.compile(r"(?:确定为|列为|列入|纳入|入选|获批|成为|作为"
                         r"|(?:明确|批准|同意|推荐)[\u4e00-\u9fff]{2,8}?为)"  # 明确望城为…试点区
                         r"(?:[^,;:。!?\n“”《》]{2,24}?(?:区|县|市|单位)、)?"
                         r"(?:[^,;:。!?\n、“”《》]{0,12}?(?:首批|第[一二三四五六七八九十0-9]+批)|(?:19|20)[0-9]{2}年度?)?"
                         r"(?P<level>全国|全省|全市|全区|国家级|省级|市级)?"
                         r"(?P<name>[^,;:。!?\n、“”《》]{4,30}?试点)"
                         r"(?:(?:示范)?(?:县|区|市|地区|城市|单位|乡镇|街道)|(?=[,;。]))")
# Words that rank a pilot without naming it: 作为全市首批试点区 (a pilot of something said elsewhere).
_RANK_WORDS = re.compile(r"全国|全省|全市|全区|国家级|省级|市级|首批|第[一二三四五六七八九十0-9]+批")
# A programme named as the subject of an honour: 关地协同集成化改革入选全国…案例.
_HONOURED = re.compile(r"(?:入选|获评|荣获)")
# A second programme joined to one just read: 推行法律顾问制度和公职律师公司律师制度.
_JOINED = re.compile(rf"[和及与]([\u4e00-\u9fff]{{2,18}}?(?:{_SUFFIX}))(?![\u4e00-\u9fff])")


def _joined_after(view: str, end: int) -> list[Found]:
    joined = _JOINED.match(view, end)
    if joined is None:
        return []
    name = joined.group(1)
    if (name[0] in _NOT_A_PHRASE_START or name in _PLAIN_WORDS or _GENERIC_WORDS.search(name) or _VERB.match(name)
            or _honour(name) or not _SUFFIX_WORDS.sub("", name) or _GENERIC_ACTIVITY.fullmatch(name)):
        return []
    return [Found(joined.start(1), joined.end(1), "Program", dict(name=name))]


def _quoted(view: str, match: re.Match[str]) -> Found | None:
    name = match.group(1)
    start, end = match.span(1)
    rest = view[match.end():match.end() + 24]
    suffix = _AFTER_QUOTE.match(rest)
    if suffix and _INTO_ACTION.search(suffix.group()):
        suffix = None  # 把“两个维护”体现到实际行动上: what is turned into deeds, no kind of programme
    if media := _PUBLICATION_AFTER.match(rest):  # “法治吕梁”栏目, “吕梁司法”微信公众号
        if _STUDIED_DOCTRINE.fullmatch(name):
            return None  # “学习宣传贯彻习近平法治思想”专栏: the theme of a column, not its name
        return Found(start, end, "Publication", dict(title=name, doc_type=media.group("media")))
    if _ARTICLES.fullmatch(name):  # “稳外贸发展8条”, “六保36条”: a policy of numbered articles, a document
        return Found(start, end, "Regulation", dict(title=name, doc_type="条"))
    # “三个结合” is a slogan, but “三项制度” and “六个一”督察机制 programmes; “5件民生实事” is a name,
    # “…13个服务套餐全面落地” a description.
    counted = ((_ENUMERATION.match(name) and not _SUFFIX_END.search(name) and (suffix is None or len(name) > 4))
               or any(m.start() > 0 for m in _COUNTED.finditer(name)) or _TALLY.fullmatch(name))
    if (len(name) <= 4 and _HAN.fullmatch(name[0]) and not _NUMERALS_ONLY.match(name) and not name.startswith("法治")
            and _BUILT_AFTER.match(rest) and (suffix is None or _COUNTING_WORD.search(name))):
        # “两区”建设, “云窗”建设: a short name is known with the building it names, as 两区建设 (and as 两区); but
        # “法治湖北”建设 is the rule of law of a place, a goal, “十四五”建设 a period's work, and “巴适小院”建设活动
        # an activity the quote names (read below)
        return Found(start - 1, match.end() + 2, "Program", dict(name=name + "建设", alias_spans=[(start, end)]))
    if suffix is None and (done := _DONE_AFTER.match(rest)) and _done_to_name(view, match):
        # “四乱”整治, “挂案”清理, “不见面”审批: a short quote names the work done on or in its way, with that work
        return Found(start - 1, match.end() + done.end(), "Program",
                     dict(name=name + done.group(), alias_spans=[(start, end)]))
    if _HAN.fullmatch(name[0]) and (plan := _STRATEGY_AFTER.match(rest)):
        # “四区”发展战略, “五个中心”国家战略: a strategy is named by its code and its kind together
        return Found(start - 1, match.end() + plan.end(), "Program",
                     dict(name=name + plan.group(), alias_spans=[(start, end)]))
    kind, doc_type = classify(name.replace("‘", "").replace("’", ""))  # 防止干预司法‘三个规定’: a document
    document = kind == "Regulation" and doc_type not in ("制度", "机制", "制", "法") and suffix is None
    # (“一规划两纲要”要求: a document, whatever follows it; “16136”总体思路: the outline its figures name)
    # (“城管大讲堂”等形式: a name that ends in a programme word is one of the forms, still named)
    not_named = (_NOT_A_PROGRAM_AFTER.match(rest) and not document and not _FIGURES.fullmatch(name)
                 and not (rest.startswith(("等", "的")) and _SUFFIX_END.search(name)))
    # (an honour followed by 创建 is the campaign to earn it, “…示范县”创建行动, unless a place is named one of the
    # campaign's units: 被确认为“…示范村”创建单位)
    earned = (suffix is not None and suffix.group().startswith("创建")
              and not rest.startswith(("单位", "对象"), suffix.end()))
    if (not_named or counted or _rule_of_law_place(name, suffix and suffix.group()) or (_honour(name) and not earned)
            or _CASE.search(name)
            or _RATE_NAMED.search(name) or _new_place(rest) or _conferred(view, match.start(), name)
            or _HONOURED_IN.match(rest)):
        return None
    if suffix is not None and _catch_phrase(name + suffix.group()):
        return None  # “一把手”工程: the catch-phrase 一把手工程
    if _FIGURES.fullmatch(name) and (named := _AFTER_FIGURES.match(rest)) and not name.startswith("123"):
        return Found(start - 1, match.end() + named.end(), "Program",
                     dict(name=name + named.group(), alias_spans=[(start, end)]))
    if suffix is None and ((_catch_phrase(name) and not _way_with_its_matters(name, rest)) or _SAID.search(name)
                           or _DOCTRINE.search(name) or _GATHERING.search(name)
                           or (_GOAL.search(name) and not _SUFFIX_END.search(name))):
        return None  # “一把手”, “一场人民战争”; “建设法治政府是…的重点任务”, but “打造…改革新模式” is a name
    if document:
        qualifier = name[:len(name) - len(doc_type)]
        if len(qualifier) <= 2 and not _COUNTING_WORD.search(qualifier):
            return None  # 办理“司法建议”11件, “检察建议”: a kind of document, no one document
        # “三张清单” is a document; “双报告”制度 the mechanism the quote names.
        return Found(start, end, "Regulation", dict(title=name, doc_type=doc_type))
    if _NUMERALS_ONLY.match(name) and (plan := _PLAN_AFTER.match(rest)):
        # “十四五”规划: the plan of a five-year period, and whose (纳入绍兴市经济社会发展“十四五”规划); “八五”普法规划
        # is the plan of the 八五普法 campaign.
        if plan.group().startswith("普法") and (_CARRIED_OUT.search(view, max(0, match.start() - 4), match.start())
                                               or view.startswith(("中期评估", "实施的"), match.end() + plan.end())):
            # 深入实施 (or 落实)“八五”普法规划, 通过…规划中期评估: the campaign the plan sets, carried out, reviewed
            return Found(start - 1, match.end() + plan.end(), "Program", dict(name=name + plan.group()))
        whose = _PLAN_OWNER.search(view, max(0, match.start() - 16), match.start())
        owner = whose.group(1) if whose and not _PLAN_VERB.search(whose.group(1)) else ""  # not …思想纳入
        return Found(match.start() - len(owner), match.end() + plan.end(), "Regulation",
                     dict(title=owner + name + plan.group(), doc_type="规划"))
    if (suffix is None and (document_after := _DOCUMENT_AFTER.match(rest)) and not _national().fullmatch(name)
            and not counted):
        # 按照“四级四同”目录清单, 印发“轮值讲法、以案释法”工作规范: a document named by its quote (but
        # “高效办成一件事”事项清单 is the reform's list)
        title = view[start - 1:match.end() + document_after.end()]
        return Found(start - 1, match.end() + document_after.end(), "Regulation",
                     dict(title=title, doc_type=classify(document_after.group())[1]))
    if suffix is None:
        # 护航三个“一号工程”: a counted set of programmes is named with its count
        counted_set = _SUFFIX_END.search(name) and _COUNTED_SET.search(view, match.start() - 2, match.start())
        if (_SLOGAN_PUNCT.search(name) or len(name) <= 2 or not _HAN.search(name) or _PAIRED_WORDS.match(name)
                or (len(name) == 3 and (name[-1] in "化性型式度率力" or view[start - 2:start - 1] == "为"
                                        or (_CLAUSE_CLOSE.match(rest) and not known_programme(name)
                                            and not _USED_BEFORE.search(view, max(0, match.start() - 20),
                                                                        match.start()))))
                or _NUMERALS_ONLY.match(name) or _RULE_BY_LAW.match(name)
                or len(_HAN.findall(name)) < 2
                or _ROLE_BEFORE.search(view, max(0, match.start() - 8), match.start())
                or view[match.start() - 1:match.start()] in ("将", "把")
                or (_NOT_NAMED_BEFORE.search(view, max(0, match.start() - 16), match.start()) and not counted_set)
                or (_served(view, match) and not _SUFFIX_END.search(name)) or _framed(view, match)):
            # a slogan, a list of phrases, a quality (“可视化”, “一站式”), a role (当好“护城河”), what is placed
            # or made something (将“…情况”纳入考核, 把“…”作为重点), a goal served or a quote framed as no name
            return None
        if counted_set:
            return Found(counted_set.start(), match.end(), "Program",
                         dict(name=counted_set.group() + name, alias_spans=[(start, end)]))
        if ((described := _DESCRIBED_AFTER.match(rest)) and not _LEADING.search(described.group())
                and not (known_programme(name) and described.group().endswith("窗口"))):
            # “四位一体”法治资规建设: the quote and the words that say what it is, both names of it (but a window
            # that serves a known programme, “跨省通办”工作窗口, is no name of it)
            return Found(start, end, "Program",
                         dict(name=name, alias_spans=[(start - 1, match.end() + described.end("name"))]))
        return Found(start, end, "Program", dict(name=name))
    if suffix.group().startswith("等"):
        # “一周一法,一月一考”等学法制度: the quote names one of the kind said after 等
        return Found(start, end, "Program", dict(name=name))
    if name.isdigit() and suffix.group().endswith("热线"):
        # “12348”法律服务热线: a hotline is known by its number (12348热线 elsewhere is the same one).
        return Found(start - 1, match.end() + suffix.end(), "Program", dict(name=name + "热线"))
    if not _HAN.search(name) and not _DATE_QUOTED.fullmatch(name) and (len(name) >= 3 or not name.isdigit()):
        # “3820”战略工程, “5+N”矛盾化解会商机制: figures that name the programme (a date has its dot: “12·4”).
        return Found(start - 1, match.end() + suffix.end(), "Program",
                     dict(name=name + suffix.group(), alias_spans=[(start, end)]))
    if not _HAN.search(name):
        # “12·4”宪法宣传周: a date before a programme's name is not part of it.
        return Found(match.end(), match.end() + suffix.end(), "Program", dict(name=suffix.group()))
    between = suffix.group("between")
    if len(name) >= 8 and len(between) >= 3:
        if _GENERIC_BETWEEN.fullmatch(between) or not (_SLOGAN_PUNCT.search(name.replace(" ", "、"))
                                                       or _placed(between)):
            # “美丽中国，我是行动者”主题宣传活动: the words after the quote are no name; the quote names it. So is
            # a quote that is no list of phrases, before a kind with no place of its own
            # (“单位+法律顾问+司法局”联动审查模式).
            return Found(start - 1, match.end() + suffix.end(), "Program",
                         dict(name=name + suffix.group(), alias_spans=[(start, end)]))
        # “普法巡回进民企法治护航促发展”吕梁学法大讲堂: a theme in quotes, then the programme's own name.
        return Found(match.end(), match.end() + suffix.end(), "Program", dict(name=suffix.group()))
    modifier = _modifier_before(view, match.start())
    if modifier and not suffix.group().startswith("工作"):
        # 全省企业准营“一件事”线上办理试点: words before the quote belong to the name.
        full_start = match.start() - len(modifier)
        return Found(full_start, match.end() + suffix.end(), "Program",
                     dict(name=modifier + name + suffix.group(),
                          alias_spans=[(start, end), (start - 1, match.end() + suffix.end())]))
    if len(name) <= 2:
        # “八五”普法 is 八五普法; “双审”工作机制 is also known as 双审.
        return Found(start - 1, match.end() + suffix.end(), "Program",
                     dict(name=name + suffix.group(), alias_spans=[(start, end)]))
    return Found(start, end, "Program", dict(name=name, alias_spans=[(start, match.end() + suffix.end())]))


# A way of handling matters (“马上办”, “就近办”) is a catch-phrase of the genre, but a programme when the matters or
# the service it names follow it: “马上办”事项占…, “网上办”、“一次办”事项, “就近办”服务.
_MATTERS_AFTER = re.compile(r"(?:[、和与及]?“[^“”]{1,6}办”)*(?:事项|服务)")


def _way_with_its_matters(name: str, rest: str) -> bool:
    return name.endswith("办") and _MATTERS_AFTER.match(rest) is not None


# The work a short quote names the object or the manner of, said right after it: “四乱”整治, “点菜式”放权.
# (but “便民”优化服务: 优化 a verb, its object after it)
_DONE_AFTER = re.compile(r"整治|清理|优化(?!服务|环境|流程)|审批|放权|讲座|受理")


def _done_to_name(view: str, quoted: re.Match[str]) -> bool:
    """Whether a short quote before the work done (_DONE_AFTER) names it: not what is fought or a role."""
    name, before = quoted.group(1), view[max(0, quoted.start() - 16):quoted.start()]
    return (len(name) <= 4 and bool(_HAN.fullmatch(name[0])) and not _NOT_NAMED_BEFORE.search(before)
            and not _ROLE_BEFORE.search(before) and not _framed(view, quoted))


# Deeds a quote is turned into (体现到实际行动上, 转化为行动): 行动 there is no programme word.
_INTO_ACTION = re.compile(r"(?:到|为|成|实际)行动$")
# A bare quote after these is no programme: one of a counted set of slogans (五个“牢牢抓住”), what is fought
# (集中整治“红顶中介”), or where effort goes (在提高法治意识上“下功夫”).
_NOT_NAMED_BEFORE = re.compile(r"(?:[一二三四五六七八九十两]个|整治|打击|治理|清理|查处|整顿|杜绝|防止"
                               r"|在[^,;。“”]{1,14}上)$")
_COUNTED_SET = re.compile(r"[一二三四五六七八九十两]个$")  # but 三个“一号工程”: a counted set of programmes
# A goal the work serves: 为建设“山水名城”新湖城, 为加快建成“…”, “…”建设提供法治保障 (but a programme that
# names its kind, “八八行动”提供保障, is still one).
_SERVES_BEFORE = re.compile(r"为(?:加快|全面|奋力|早日|更好)?(?:建设|建成|打造|实现)$")
_SERVES_AFTER = re.compile(r"(?:建设)?提供")


def _served(view: str, quoted: re.Match[str]) -> bool:
    return bool(_SERVES_BEFORE.search(view, max(0, quoted.start() - 6), quoted.start())
                or _SERVES_AFTER.match(view, quoted.end()))


# Quotes a sentence frames as no name: a short name defined for what precedes it (以下简称“市监局”), the two
# ways of working one changes between (变“坐等上门”为“主动服务”), or the two it combines (“线上学”与“线下学”相结合).
_SHORT_NAME_BEFORE = re.compile(r"简称为?$")
_CHANGED_FROM_BEFORE = re.compile(r"变$|变“[^“”]{1,20}”为$")
_CHANGED_TO_AFTER = re.compile(r"为“")
_COMBINED_AFTER = re.compile(r"(?:[与和+、]“[^“”]{1,15}”)*相结合")  # said after the first quote and the last


def _framed(view: str, quoted: re.Match[str]) -> bool:
    before = view[max(0, quoted.start() - 30):quoted.start()]
    changed = _CHANGED_FROM_BEFORE.search(before)
    return bool(_SHORT_NAME_BEFORE.search(before)
                or (changed and (changed.group() != "变" or _CHANGED_TO_AFTER.match(view, quoted.end())))
                or _COMBINED_AFTER.match(view, quoted.end()))


# Three characters that close their clause are said of the work (实现“三到位”。打好“翻身仗”,), rarely its name,
# unless the clause uses it as a tool (依托“浙里办”和“浙政钉”,: two apps).
_CLAUSE_CLOSE = re.compile(r"[,，。;；!！]")
_USED_BEFORE = re.compile(rf"(?:{'|'.join(_TOOL_VERBS)})[^,，。;；!！]{{0,12}}$")
# A quoted word that names a role or a metaphor (当好首都政治“护城河”, 抓住党组这个“关键主体”), not a programme.
_ROLE_BEFORE = re.compile(r"(?:当好|争当|争做|这个|这一|这支|这条)[\u4e00-\u9fff]{0,4}$")
_RULE_BY_LAW = re.compile(r"^(?:全面)?依法治[国省市县区州旗盟]$")  # “依法治区”: a principle
_CASE = re.compile(r"(?<![方预草议提档备专])案件?$")  # “张某不服…处罚决定案”: a case, told as an example
# “一窗通办率”: what a figure measures (but “三率”, the counted rates, may be a programme)
_RATE_NAMED = re.compile(r"[\u4e00-\u9fff]{3,}率$")
_DATE_QUOTED = re.compile(r"[0-9]{1,2}[·.．][0-9]{1,2}")
# A strategy said of a quoted code (“五个中心”国家战略, “四区”发展战略); not the strategic layout or aim
# (“四个全面”战略布局, 战略目标). (An outline, “四为四高两同步”总体思路, is no programme.)
_STRATEGY_AFTER = re.compile(r"(?:发展|国家)?战略(?!布局|目标|部署)")
_PLAN_VERB = re.compile(r"纳入|列入|编制|制定|实施|落实|印发|贯彻|对接|融入")
_CARRIED_OUT = re.compile(r"(?<!制定)(?:实施|落实)$")
_PLAN_OWNER = re.compile(rf"(?:{_PLAN_VERB.pattern})到?([\u4e00-\u9fff]{{2,12}})$")  # 列入到中山“八五”普法规划
_PLAN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?规划(?:纲要)?(?![局院所处科办委])")
_DOCUMENT_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:目录清单|清单|实施方案|工作方案|方案|办法|细则|指引|规范)"
                             r"(?![\u4e00-\u9fff])")
_SUFFIX_END = re.compile(rf"(?:{_QUOTED_SUFFIX})$")
# An honour conferred, not a programme run: “全国民主法治示范村”, “全国行政执法先进集体”, 十大法治事件, 最佳实践案例.
_HONOUR_TITLE = r"(?:先进|突出)(?:集体|单位|个人|工作者)"  # what an honour makes a body or a person
_HONOUR = re.compile(rf"{_HONOUR_TITLE}"
                     r"|示范[\u4e00-\u9fff]{0,4}?(?:村|社区|市|县|区|窗口|单位|园区|点|基地|乡镇|街道|项目)(?:\(|（|$)"
                     r"|十大|十佳|百强|最佳|最具|最强|最美|优秀|案例$|事件$|称号$|荣誉|奖$")  # 中国法治政府奖


def _honour(name: str) -> bool:
    """An honour's name, but not the campaign to earn it (民主法治示范村(社区)创建)."""
    return bool(_HONOUR.search(name)) and not name.endswith(("创建", "建设", "活动"))


# A name said as the name of a rate (一网通办率, “最多跑一次”率): what a figure measures, no programme mentioned.
_RATE_AFTER = re.compile(r"”?\??率")
# 荣获全国“八五”普法中期表现突出单位: the campaign names the honour, and is not said to run here.
_HONOURED_IN = re.compile(rf"”?[\u4e00-\u9fff]{{0,6}}?{_HONOUR_TITLE}")
# A title awarded (被命名为“全省法治政府建设示范部门”, 授予“节约型机关”, 荣获“一星平安鼎”, 获得“一金一银”) is an
# honour whatever it is called; one a place became among the first (成为首批“…标杆城市”) is when it names a kind of
# place or body.
_AWARDED = re.compile(r"(?:命名为|评为|表彰为|授予|荣获|获授|获评|获得)$")
_FIRST_AMONG = re.compile(r"成为(?:全国)?首批$")
_CONFERRED_ON = re.compile(r"(?:城市|部门|单位|机关|集体|地区|典范|标杆)$")


def _conferred(view: str, quote_at: int, name: str) -> bool:
    before = view[max(0, quote_at - 6):quote_at]
    return bool(_AWARDED.search(before) or (_FIRST_AMONG.search(before) and _CONFERRED_ON.search(name)))


# A doctrine quoted as a theme (围绕“习近平法治思想”) is studied, not run.
_DOCTRINE = re.compile(r"(?:思想|精神)$")
# A quoted sentence or phrase built on 是 or 的 is said, not named.
_SAID = re.compile(r"是|的|成为")
# A goal set (“打造发展新质生产力重要阵地”, “推进健康中国建设”), unless it ends in a programme word (“打造…改革新模式”).
_GOAL = re.compile(r"^(?:打造|建设|推动|推进|实现|争创|争当|奋力)")
# A class, a training, a meeting or a research base named by its theme (“学习贯彻习近平法治思想…专题培训视频会”),
# or a body set up (“…法治政府部门建设领导小组”): no programme.
_GATHERING = re.compile(r"(?:培训班|轮训班|培训会|培训|工作会议|视频会|研讨班|读书班"
                        r"|研究基地|领导小组|工作小组|学习小组|研究院|研究中心|委员会)$")


def _catch_phrase(name: str) -> bool:
    """A catch-phrase of the lexicon, alone or counted (“一场人民战争”, “三场硬仗”)."""
    phrases = _not_programs()
    core = re.sub(r"^[一二三四五六七八九十两][场个把道条张]", "", name)
    return name in phrases or core in phrases or bool(_SLOGAN_SHAPE.fullmatch(name))


# The shapes of slogans: 应述尽述, 应考尽考 (all who should); 零发生, 零投诉 (none at all); 国之大者.
_SLOGAN_SHAPE = re.compile(r"应(.{1,2})尽\1|零[\u4e00-\u9fff]{1,2}"
                           r"|[一二三四五六七八九十]+连[升冠胜增降]"  # 十二连升, 十一连降
                           r"|[\u4e00-\u9fff]之[\u4e00-\u9fff]{1,2}者")  # 国之大者: a classical maxim


@lru_cache(maxsize=1)
def _not_programs() -> frozenset[str]:
    return frozenset(lexicon.words("not_programs"))


# Words between a long quote and its kind that say what sort of work it is (主题, 专项法治宣传): no name of their own.
_GENERIC_BETWEEN = re.compile(r"(?:主题|专题|专项|宣传|系列|普法|教育|法治|集中|实践|特色|征文|知识|竞赛|演讲|比赛"
                              r"|学习)+")
_SUFFIX_WORDS = re.compile(rf"(?:{_QUOTED_SUFFIX}|体制|创新)")


@lru_cache(maxsize=1)
def _national() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.words("national_programs")))


def known_programme(name: str) -> bool:
    """Whether `name` is one of the nationally known programmes of the lexicon, whole."""
    return _national().fullmatch(name) is not None


# An activity said by what it does and its theme only (普法宣传活动, 主题征文活动, 习近平法治思想研讨活动,
# 校园法治宣传教育活动): the kind of work, no one activity named.
# (主题党日活动, 支部主题党日活动: a Party branch's routine day, no programme either; 宪法宣誓活动, 法治调研活动,
# 研讨交流活动, 专项督导活动, 创建示范活动: a routine of the work named by what is done)
_GENERIC_ACTIVITY = re.compile(r"(?:习近平法治思想|民法典)?(?:主题|专题|宣传|系列|普法|教育|法治|集中|实践|征文|知识|"
                               r"党日|支部|党支部|宪法|宣誓|调研|交流|督导|培训|专项|示范|"
                               r"竞赛|演讲|比赛|学习|贯彻|宣讲|研讨|测试|答题|线上|线下|重大|校园|法律|法制|和|及)+活动")
# A sitting of study held as an activity (领导干部旁听庭审活动, 干部学法考法活动, 区政府全体会议学法活动) is one of the
# duties of learning the law, not a programme; a named scheme of it is (一月一学法一考试活动).
_STUDY_ACTIVITY = re.compile(r"(?<!一)(?:学法|考法|讲法|庭审)活动$"
                             # the duty of reporting on the law, said by who reports or to whom (党政主要负责人年终
                             # 述法活动, 向…委员会述法活动); a form of it is named (多媒体述法活动)
                             r"|(?:负责人|责任人|委员会)[\u4e00-\u9fff]{0,4}述法活动$")
# A known campaign's system of duties: 谁执法谁普法责任制.
_RESPONSIBILITY = re.compile(r"(?:普法)?责任制")
_MECHANISM_OF = re.compile(r"(?:工作)?(?:推进|协调|协作)?机制")
_TOOL_OF = re.compile(r"平台|APP|App|客户端")  # 学习强国平台: the platform a known name is known by
# 主题教育专项整治: the campaign a known programme runs to put its findings right
_CAMPAIGN_OF = re.compile(r"专项整治|专项治理|集中整治")


def _known_whole(name: str) -> bool:
    """A known programme, or its system of duties (谁执法谁普法责任制), is all of `name`."""
    known = _national().match(name)
    return bool(known) and (known.end() == len(name) or bool(_RESPONSIBILITY.fullmatch(name, known.end())))


# A known programme carried out as a reform or a pilot (告知承诺制改革), or in the places of one level
# (镇街综合行政执法改革, 镇(街道)综合行政执法改革), keeps the known name as an alias: annotators write either. (镇 or 乡
# alone may end a town's name, 长安镇, so only in the bracketed form.)
_REFORM_OF = re.compile(r"(?:改革)?试点|改革")
_SCOPE_BEFORE = re.compile(r"(?:(?:乡镇|镇街|街道|街镇)(?:[(（](?:街道|社区)[)）])?|[镇乡][(（](?:街道|社区)[)）])$")
# Reform said by its field (法治领域改革, 重点领域体制改革, 营商环境政策人文环境类深化改革): the reforms of an area,
# no one programme.
_FIELD_REFORM = re.compile(r"(?:领域|类)[\u4e00-\u9fff]{0,2}改革$")


_UP_TO_LAST_BREAK = re.compile(r".*[,;:。!?\n、“”》]", re.S)  # greedy: ends after the last break


def _modifier_before(view: str, quote_at: int) -> str:
    """The words between a clause's last verb (or opener) and a quoted name, when they modify it."""
    last_break = _UP_TO_LAST_BREAK.match(view, max(0, quote_at - 30), quote_at)
    clause_start = last_break.end() if last_break else 0
    clause = view[clause_start:quote_at]
    verbs = list(_VERB.finditer(clause))
    offset = verbs[-1].end() if verbs else 0
    opener = _OPENERS.match(clause, offset)
    if opener:
        offset = opener.end()
    modifier = clause[offset:]
    if (not verbs or not 2 <= len(modifier) <= 8 or not _HAN.fullmatch(modifier[0]) or "的" in modifier
            or "关于" in modifier  # 落实国务院关于“放管服”改革…会议精神: what a meeting was about
            or _PLACING.search(modifier)  # 把学习贯彻融入“八五”普法工作: where the work is put, no part of the name
            or modifier[-1] in "和与及"):  # 开展普法宣传和“法治体检”活动: a second activity, not a modifier
        return ""
    return modifier if all("\u4e00" <= c <= "\u9fff" for c in modifier) else ""


def _line_start(view: str, at: int) -> int:
    return view.rfind("\n", 0, at) + 1
