"""Reports as governments publish them, made from a report's plain text: web pages in the layouts of real
government sites, PDF files printed by headless Chromium, and Word files (python-docx).

The page layouts copy the content-management systems most Chinese government sites run on, with everything a
saved page carries around the report: top bar, header and search, menus, breadcrumb, the 政府信息公开 index
table, publication line and font-size switch, share buttons, previous/next links, related links, a sidebar of
news and the footer with its ICP number. The report's own text is the only part that may come out.
"""

from __future__ import annotations

import html
from pathlib import Path

LAYOUTS = ("trs", "hanweb", "legacy", "portal")

_RELATED = ("关于印发《2024年全面依法治区工作要点》的通知", "区司法局2023年度法治政府建设情况报告",
            "2023年度行政执法统计年报", "关于公布第二批行政规范性文件清理结果的公告")
_NEWS = ("市政府召开第45次常务会议", "全市安全生产工作会议召开", "我市12个项目入选省重点项目名单",
         "2024年一季度经济运行情况发布", "市领导调研城市更新工作")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _body(text: str, title: str) -> tuple[bool, list[str]]:
    """Whether the page shows the title as its heading, and the lines of the body (a body that starts with
    the title is shown as it is, under no heading of its own)."""
    lines = _lines(text)
    return not (lines and lines[0].strip() == title), lines


def gov_page(title: str, text: str, layout: str = "trs") -> str:
    """The report as a page of a government site, in one of LAYOUTS."""
    return {"trs": _trs, "hanweb": _hanweb, "legacy": _legacy, "portal": _portal}[layout](title, text)


def _related_list(tag: str = "li") -> str:
    return "".join(f'<{tag}><a href="/art/2024/3/{i}/art_{i}.html" title="{t}">{_escape(t)}</a>'
                   f"<span>2024-03-{10 + i}</span></{tag}>" for i, t in enumerate(_RELATED, 1))


def _trs(title: str, text: str) -> str:
    """TRS WCM, as most ministries and provinces run it: div.TRS_Editor inside #zoom, paragraphs indented."""
    heading, lines = _body(text, title)
    paragraphs = "\n".join(f'<p style="text-indent: 2em; line-height: 2;">{_escape(line)}</p>' for line in lines)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge"><meta name="viewport" content="width=device-width">
<title>{_escape(title)}_政务公开_人民政府门户网站</title>
<meta name="SiteName" content="人民政府门户网站"><meta name="ColumnName" content="法治政府建设">
<meta name="ArticleTitle" content="{_escape(title)}"><meta name="PubDate" content="2024-03-28 10:00">
<meta name="ContentSource" content="区司法局"><meta name="Keywords" content="法治政府,年度报告">
<link rel="stylesheet" href="/images/common.css"><script src="/js/jquery.min.js"></script></head>
<body>
<div class="top-bar"><div class="w1200"><span>欢迎访问人民政府门户网站！</span>
<span id="weather">今天是2024年3月28日 星期四</span>
<a href="#">无障碍浏览</a> | <a href="#">长者模式</a> | <a href="#">繁體</a> | <a href="#">个人登录</a> |
<a href="#">法人登录</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="人民政府门户网站"></div>
<form class="search" action="/search"><input type="text" name="q" placeholder="请输入关键字"><button>搜索</button>
</form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li>
<a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjwq/">走进本区</a></li><li><a href="/ztzl/">专题专栏</a>
</li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zwgk/fzzf/">法治政府建设</a> &gt; 正文</div>
<div class="main w1200"><div class="xxgk-left"><h3>信息公开目录</h3><ul><li><a href="#">政府信息公开指南</a></li>
<li><a href="#">政府信息公开制度</a></li><li><a href="#">法定主动公开内容</a></li><li>
<a href="#">政府信息公开年报</a></li></ul></div>
<div class="article">
<table class="xxgk-info"><tr><th>索引号：</th><td>11120223MB1234567X/2024-00123</td><th>主题分类：</th>
<td>政务公开</td></tr>
<tr><th>发布机构：</th><td>区司法局</td><th>成文日期：</th><td>2024-03-28</td></tr>
<tr><th>标题：</th><td colspan="3">{_escape(title)}</td></tr><tr><th>文号：</th><td></td><th>发布日期：</th>
<td>2024-03-28</td></tr></table>
{f'<h1 class="article-title">{_escape(title)}</h1>' if heading else ''}
<div class="article-info"><span>发布时间：2024-03-28 10:00</span><span>来源：本网</span>
<span>浏览次数：<em id="count">1234</em></span>
<span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span>
<a href="javascript:window.print()">【打印】</a><a href="javascript:window.close()">【关闭】</a></div>
<div class="view TRS_UEDITOR trs_paper_default" id="zoom"><div class="TRS_Editor">
{paragraphs}
</div></div>
<div class="share">分享到：<a class="wx" href="#">微信</a><a class="wb" href="#">微博</a>
<a class="qq" href="#">QQ空间</a></div>
<div class="prev-next"><p>上一篇：<a href="/art/0.html">关于开展2024年“八五”普法中期评估的通知</a></p>
<p>下一篇：<a href="/art/9.html">2024年第一季度政务公开工作情况</a></p></div>
</div>
<div class="related"><h3>相关链接</h3><ul>{_related_list()}</ul></div></div>
<div class="footer"><div class="links"><a href="#">中国政府网</a> | <a href="#">国务院部门网站</a> |
<a href="#">省政府网站</a></div>
<p>主办单位：区人民政府办公室  承办单位：区大数据中心  联系电话：022-12345678</p>
<p>网站标识码：1201230001  <a href="#">津ICP备05001234号</a>  <a href="#">津公网安备 12011802000123号</a></p>
<p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p></div>
<script>var _hmt = _hmt || []; (function () {{ var hm = document.createElement("script"); }})();</script>
</body></html>
"""


def _hanweb(title: str, text: str) -> str:
    """Hanweb (the jpaas pages of Zhejiang's counties, art_….html): tables for layout, #zoom, 仿宋 spans."""
    heading, lines = _body(text, title)
    paragraphs = "\n".join(
        f'<p style="text-indent: 32px; line-height: 1.8em; margin-bottom: 15px;">'
        f'<span style="font-family: 仿宋_GB2312; font-size: 16pt;">{_escape(line)}</span></p>' for line in lines)
    shown_title = (f'<tr><td class="title" align="center"><font style="font-size:22px; font-weight:bold;">'
                   f"{_escape(title)}</font></td></tr>") if heading else ""
    related = _related_list("tr").replace("<tr><a", "<tr><td><a").replace("</span></tr>", "</span></td></tr>")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{_escape(title)}</title>
<meta name="ArticleTitle" content="{_escape(title)}" /><meta name="PubDate" content="2023-02-14 16:43" />
<meta name="ContentSource" content="县司法局" /><meta name="ColumnName" content="法治政府建设年度报告" />
<link href="/script/0/1606091507104476.css" rel="stylesheet" type="text/css" /></head>
<body>
<div id="barrierfree_container">
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="top"><tr>
<td><a href="http://www.zj.gov.cn/">浙江政务服务网</a></td><td align="right">
<a href="#">无障碍</a> <a href="#">长者版</a> <a href="#">English</a></td></tr></table>
<table width="1200" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td class="banner">
<img src="/picture/0/banner.jpg" /></td></tr>
<tr><td class="dh"><a href="/">首页</a><a href="/col/col1229482681/">政务公开</a>
<a href="/col/col1229482682/">政务服务</a>
<a href="/col/col1229482683/">政民互动</a><a href="/col/col1229482684/">数据开放</a>
<a href="/col/col1229482685/">走进县城</a></td></tr></table>
<table width="1200" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td class="wz">您现在的位置：
<a href="/">首页</a> &gt; <a href="/col/col1229482681/">政务公开</a> &gt;
<a href="/col/col1229482684/">法治政府建设年度报告</a></td></tr></table>
<table width="1200" border="0" align="center" cellpadding="0" cellspacing="0" class="bg"><tr><td>
<table width="100%" border="0" cellspacing="0" cellpadding="0">
{shown_title}
<tr><td align="center" class="fbxx">发布日期：2023-02-14 &nbsp;&nbsp; 信息来源：本站 &nbsp;&nbsp;
浏览次数：<script>document.write("521")</script>&nbsp;&nbsp;
【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td class="bt_content"><div id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{paragraphs}
<!--ZJEG_RSS.content.end--><meta name="ContentEnd">
</div></td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table></td></tr></table>
<table width="1200" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td class="xgwz">相关文章：</td></tr>
<tr><td><table width="100%">{related}</table></td></tr></table>
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="foot"><tr><td align="center">
<p>主办：县人民政府办公室 &nbsp; 承办：县大数据发展中心</p>
<p>网站标识码：3307230001 &nbsp;
<a href="https://beian.miit.gov.cn/">浙ICP备12345678号-1</a> &nbsp; 浙公网安备 33072302000123号</p>
<p>地址：县城壶山街道温泉路1号 &nbsp; 邮编：321200 &nbsp; 联系电话：0579-87654321</p></td></tr></table>
</div></body></html>
"""


def _legacy(title: str, text: str) -> str:
    """An old site in GB2312 (to be encoded so): nested tables, <font>, paragraphs as &nbsp; and <br>."""
    heading, lines = _body(text, title)
    paragraphs = "<br>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{_escape(line)}<br>" for line in lines)
    menu = "".join(f'<tr><td height="26" class="menu">·<a href="/list{i}.asp">{name}</a></td></tr>'
                   for i, name in enumerate(("机构概况", "政务动态", "通知公告", "政策法规", "法治建设", "办事指南",
                                             "公众留言", "下载中心"), 1))
    shown_title = (f'<tr><td align="center" height="50"><font size="4" color="#CC0000"><b>{_escape(title)}</b>'
                   "</font></td></tr>") if heading else ""
    news = "".join(f'<tr><td class="news">·<a href="/news{i}.asp">{name}</a> '
                   f'<font color="#999999">(2024-03-2{i})</font></td></tr>' for i, name in enumerate(_NEWS, 1))
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{_escape(title)}--人民政府</title>
<link href="css/css.css" rel="stylesheet" type="text/css"></head>
<body leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>
<img src="images/top.jpg" width="980" height="150"></td></tr>
<tr><td bgcolor="#0066CC" class="white">
<a href="/">网站首页</a> | <a href="/zwgk.asp">政务公开</a> | <a href="/bsfw.asp">办事服务</a>
 | <a href="/gzcy.asp">公众参与</a> | <a href="/tzgg.asp">通知公告</a></td></tr>
<tr><td><marquee scrollamount="3">热烈庆祝中华人民共和国成立75周年！欢迎访问人民政府网站！</marquee></td></tr></table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="220" valign="top"><table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>
<td class="lmbt">栏目导航</td></tr>{menu}
<tr><td class="lmbt">最新动态</td></tr>{news}</table></td>
<td width="760" valign="top"><table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="dqwz">您所在的位置：<a href="/">首页</a> &gt;&gt;
<a href="/list5.asp">法治建设</a> &gt;&gt; 正文</td></tr>
{shown_title}
<tr><td align="center" class="date">作者：司法局 &nbsp; 来源：本站原创 &nbsp; 点击数：2345 &nbsp;
更新时间：2024-3-28</td></tr>
<tr><td class="content"><font style="font-size:14px; line-height:28px">
{paragraphs}
</font></td></tr>
<tr><td align="right">【<a href="#" onclick="window.print()">打印此文</a>】 【<a href="#"
onclick="window.close()">关闭窗口</a>】</td></tr>
<tr><td>上一篇：<a href="/show1.asp">关于做好2024年春节期间安全生产工作的通知</a>
<br>下一篇：<a href="/show3.asp">没有了</a></td></tr>
</table></td></tr></table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td align="center" class="foot">
版权所有：人民政府办公室 &nbsp; 技术支持：信息中心<br>
地址：人民路88号 &nbsp; 电话：0311-88888888 &nbsp; 冀ICP备05012345号</td></tr></table>
</body></html>
"""


def _portal(title: str, text: str) -> str:
    """A recent portal: header and mega-menu, article with a summary box, headings in <strong>, news sidebar."""
    heading, lines = _body(text, title)
    body = []
    for line in lines:
        head = line[:1] in "一二三四五六七八九十" and "、" in line[:4]
        body.append(f"<p><strong>{_escape(line)}</strong></p>" if head else f"<p>{_escape(line)}</p>")
    news = "".join(f'<li><a href="/xwzx/{i}.html">{name}</a><span class="date">03-2{i}</span></li>'
                   for i, name in enumerate(_NEWS, 1))
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="og:title" content="{_escape(title)}"><meta property="og:type" content="article">
<title>{_escape(title)} - 人民政府</title><link rel="stylesheet" href="/static/css/app.css"></head>
<body><header class="site-header"><div class="container"><a class="brand" href="/">
<img src="/static/img/logo.svg" alt="人民政府"></a>
<nav class="main-nav" aria-label="主导航"><ul><li><a href="/">首页</a></li><li class="has-sub">
<a href="/zwgk/">政务公开</a>
<ul class="sub"><li><a href="/zwgk/zcwj/">政策文件</a></li><li><a href="/zwgk/zcjd/">政策解读</a></li><li>
<a href="/zwgk/rsxx/">人事信息</a></li></ul></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/sjfb/">数据发布</a>
</li></ul></nav>
<div class="tools"><a href="#">无障碍</a><a href="#">关怀版</a><button class="search-btn">搜索</button></div>
</div></header>
<main class="container"><nav class="breadcrumb" aria-label="面包屑">
<a href="/">首页</a> / <a href="/zwgk/">政务公开</a> / <span>法治政府建设</span></nav>
<div class="row"><article class="col-main">
{f'<h1 class="title">{_escape(title)}</h1>' if heading else ''}
<div class="meta"><span>来源：本网</span><span>发布时间：2024-03-28</span>
<span class="font-size">字体：<a>A+</a><a>A</a>
<a>A-</a></span></div>
<div class="article-content" id="article-content">
{chr(10).join(body)}
</div>
<div class="article-tools"><a href="#" class="print">打印</a><a href="#" class="close">关闭</a>
<div class="share">分享：<a class="wechat">微信</a><a class="weibo">微博</a><div class="qrcode">
<img src="/qr.png" alt="扫一扫在手机打开当前页"></div></div></div>
<section class="related"><h2>相关阅读</h2><ul>{_related_list()}</ul></section></article>
<aside class="col-side"><section><h2>要闻动态</h2><ul>{news}</ul></section>
<section><h2>专题专栏</h2><ul><li><a href="#">学习贯彻习近平新时代中国特色社会主义思想主题教育</a></li><li>
<a href="#">优化营商环境</a></li>
<li><a href="#">“八五”普法</a></li></ul></section></aside></div></main>
<footer class="site-footer"><div class="container"><p>
<a href="#">关于本网</a> | <a href="#">网站地图</a> | <a href="#">联系我们</a></p>
<p>主办：市人民政府办公室　承办：市政务服务和大数据管理局</p>
<p>网站标识码：4201000001　鄂ICP备2021012345号-1　鄂公网安备42010202001234号</p></div></footer>
<script src="/static/js/app.js"></script></body></html>
"""


def page_bytes(title: str, text: str, layout: str) -> bytes:
    """The page as the site serves it: the legacy layout in GB2312 (GB18030 here), the others in UTF-8."""
    page = gov_page(title, text, layout)
    return page.encode("gb18030") if layout == "legacy" else page.encode("utf-8")


# ------------------------------------------------------------------------------------------- documents

def document_page(title: str, text: str, *, width_mm: int = 210, font_pt: int = 16) -> str:
    """The report as a document to print: its title centred, paragraphs indented two characters and
    justified, as official documents are typeset (仿宋, here Noto Serif CJK)."""
    heading, lines = _body(text, title)
    paragraphs = "\n".join(f"<p>{_escape(line)}</p>" for line in lines)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{_escape(title)}</title><style>
@page {{ size: {width_mm}mm 297mm; }}
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: {font_pt}pt; line-height: 1.6;
        margin: 0; }}
h1 {{ text-align: center; font-size: {font_pt + 6}pt; font-weight: normal; margin: 0 0 1em; }}
p {{ text-indent: 2em; margin: 0; text-align: justify; }}
</style></head><body>{f'<h1>{_escape(title)}</h1>' if heading else ''}{paragraphs}</body></html>"""


FOOTER = '<div style="font-size: 12pt; width: 100%; text-align: center;">- <span class="pageNumber"></span> -</div>'


def print_pdf(page, document: str, path: Path, *, width_mm: int = 210) -> Path:
    """Print `document` with Chromium (a Playwright page) as a report's PDF: page numbers (- 1 -) in the
    footer, as official documents have them."""
    page.set_content(document)
    page.pdf(path=str(path), prefer_css_page_size=True, display_header_footer=True, header_template="<span></span>",
             footer_template=FOOTER, margin={"top": "30mm", "bottom": "30mm", "left": "26mm", "right": "26mm"})
    return path


def write_docx(title: str, text: str, path: Path, *, table: list[list[str]] | None = None) -> Path:
    """The report as a Word file: the title centred, one paragraph a line, headings bold; `table` (rows of
    cells) after the first paragraph."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    heading, lines = _body(text, title)
    if heading:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(title).font.size = Pt(22)
    for i, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        bold = line[:1] in "一二三四五六七八九十" and "、" in line[:4]
        # Runs split as Word splits them (at a change of language or format): the text is their concatenation.
        for k in range(0, len(line), 37):
            paragraph.add_run(line[k:k + 37]).bold = bold
        if i == 0 and table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for row, cells in zip(grid.rows, table, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
    section = document.sections[0]
    section.footer.paragraphs[0].text = "- 1 -"
    section.header.paragraphs[0].text = "人民政府办公室"
    document.save(str(path))
    return path


# ------------------------------------------------------------------------------------- annotated reports

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def real_reports() -> list[tuple[Path, str]]:
    """The annotated real reports 01–12 (their annotation files) with their titles from SOURCES.tsv."""
    import csv

    titles = {}
    with (REAL / "SOURCES.tsv").open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            titles[Path(row["file"]).name] = row["title"].rsplit("] ", 1)[-1]
    golds = sorted(path for path in REAL.glob("*/[01][0-9]-*.gold.json") if path.name[:2] <= "12")
    return [(gold, titles[gold.name.replace(".gold.json", ".txt")]) for gold in golds]


def offset_map(original: str, converted: str):
    """A function from offsets of `original` to those of `converted` (the same text with lines broken, page
    numbers, a title or blank lines put in): None where a character of `original` is not in `converted`."""
    import bisect
    import difflib

    blocks = [b for b in difflib.SequenceMatcher(None, original, converted, autojunk=False).get_matching_blocks()
              if b.size]
    starts = [b.a for b in blocks]

    def moved(offset: int) -> int | None:
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0 or offset >= blocks[k].a + blocks[k].size:
            return None
        return blocks[k].b + offset - blocks[k].a

    return moved


def gold_for(gold: dict, original: str, converted: str, text_file: str) -> dict:
    """The annotation of `original` for the same report read as `converted`: every offset moved (a KeyError
    names an annotated number the converted text lost)."""
    import copy

    moved = offset_map(original, converted)
    gold = copy.deepcopy(gold)
    for metric in gold["metrics"] + gold.get("metric_ignore", []):
        start = moved(int(metric["start"]))
        if start is None or converted[start:start + 1] != original[int(metric["start"])]:
            raise KeyError(f"{metric['surface']}@{metric['start']} is not in the converted text")
        metric["start"] = start
    for relation in gold.get("relations", []):
        if "metric" in relation:
            relation["metric"] = moved(int(relation["metric"]))
    return {**gold, "text_file": text_file}
