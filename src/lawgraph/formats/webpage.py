"""A web page → the report's own text, without the site around it.

The main content is found by trafilatura. Chinese government sites need three things done around it:
- many still lay their pages out in tables, which trafilatura reads as data (the whole page one table, or the
  report one cell): tables that lay out rather than tabulate become plain blocks first;
- the 政府信息公开 index table above a report (索引号, 发布机构, 成文日期 …) is metadata, not the report;
- the lines at either end that are the site's (publication line, print and close links, footer with its ICP
  number) when they sit in blocks trafilatura keeps.
The page's title heads the text when the text does not start with it (the title names the report's place and
year). Lines are paragraphs, headings and list items; a table row is one line, its cells separated by tabs.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReportError
from . import Converted

# Charsets pages declare, as browsers read them (WHATWG): GB2312 and GBK pages decode as GB18030, Big5 as cp950.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "hz-gb-2312": "hz",
            "big5": "cp950", "big5-hkscs": "big5hkscs", "x-big5": "cp950", "utf8": "utf-8", "unicode": "utf-16",
            "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.+-]+)", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "form", "section",
                     "article", "blockquote", "dl", "pre", "center"))
_TABLE_PARTS = ("tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup", "col")
# The 政府信息公开 index table (or list) above a report: its first words are 索引号.
_PRUNE = ["//table[starts-with(normalize-space(.), '索引号')]",
          "//*[self::div or self::ul or self::dl][starts-with(normalize-space(.), '索引号')]"
          "[string-length(normalize-space(.)) < 400]"]
# Lines of the site rather than of the report, met at either end of what trafilatura keeps.
_SITE_LINE = re.compile(r"ICP备|公网安备|网站标识码|版权所有|Copyright|©|主办[:：]|承办[:：]|技术支持|联系电话"
                        r"|联系我们|网站地图|浏览次数|点击数|访问量|阅读数|发布时间[:：]|发布日期[:：]|更新时间[:：]|信息来源[:：]|来源[:：]|作者[:：]"
                        r"|字号|字体[:：]|打印|关闭窗口|分享到|上一篇|下一篇|相关(?:链接|文章|阅读|新闻)|当前位置|位置[:：]"
                        r"|索引号|扫一扫|无障碍|长者|关怀版|【[大中小]】", re.I)
_SITE_LINE_MAX = 150  # characters: a paragraph of the report is not the site's, whatever words it holds
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—{1,2}|\s-\s|——)\s*")


def page_text(raw: bytes, name: str, charset: str | None = None) -> Converted:
    text, encoding, warnings = decode_page(raw, name, charset)
    import lxml.html
    import trafilatura

    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ReportError(f"{name}: a web page that cannot be parsed ({exc})") from None
    title = page_title(root)
    published = publication_line(root)
    links = sorted({_clean(a.text_content()) for a in root.iter("a")} - {""}, key=len, reverse=True)
    _unwrap_layout_tables(root)
    extracted = trafilatura.extract(root, output_format="xml", include_tables=True, include_comments=False,
                                    include_images=False, include_formatting=False, include_links=False,
                                    deduplicate=False, with_metadata=False, prune_xpath=_PRUNE)
    lines = _trim_site_lines(_lines(extracted) if extracted else [])
    if not _reads_like_text(lines, links):
        raise ReportError(f"{name}: no report text on this web page (only the site's menus and links, or text its "
                          "scripts fill in); save the page the report is on, or the report's own file")
    if title and not any(_same(title, line) for line in lines[:3]):
        lines.insert(0, title)
    if published and not any(_PUBLICATION.search(line) for line in lines[:3]):
        lines.insert(1 if _HEADING_LINE.fullmatch(lines[0]) else 0, published)  # under the title
    return Converted("\n".join(lines) + "\n", encoding, "html", tuple(warnings))


# ------------------------------------------------------------------------------------------------ charset

def decode_page(raw: bytes, name: str, charset: str | None = None) -> tuple[str, str, list[str]]:
    """The page's characters, as a browser decodes them: a byte-order mark, else the charset the server gave,
    else the one the page declares (<meta charset>), else UTF-8, GB18030 or Big5, whichever decodes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace"), "utf-8", []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace"), "utf-16", []
    declared = [c for c in (_codec(charset), _codec(_meta_charset(raw))) if c]
    candidates = [*declared, "utf-8", "gb18030", "cp950"]
    for encoding in dict.fromkeys(candidates):
        if encoding == "cp1252" and _decodes(raw, "utf-8"):
            continue  # declared Latin-1 (a server's default) over a page that is UTF-8
        try:
            return raw.decode(encoding), encoding, []
        except UnicodeDecodeError:
            continue
    encoding = declared[0] if declared else "utf-8"
    text = raw.decode(encoding, "replace")
    bad = text.count("\ufffd")
    return text, encoding, [f"{name}: {bad} byte(s) of the page are not {encoding}; shown as \ufffd"]


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _meta_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# ------------------------------------------------------------------------------------------------ structure

def page_title(root) -> str:
    """The report's title: the page's article title (ArticleTitle, og:title, else <title> up to the site's
    name) where the page also shows it; an article title the page declares, where it does not."""
    declared = [_meta(root, "ArticleTitle"), _meta(root, "og:title")]
    titles = root.xpath("//title")
    if titles:
        declared.append(_TITLE_SEPARATORS.split(titles[0].text_content().strip())[0])
    candidates = [_clean(t) for t in declared if t and len(_HAN.findall(t)) >= 4]
    shown = {_clean(e.text_content()) for e in root.iter("h1", "h2", "h3", "td", "div", "p", "font", "strong",
                                                         "span", "b") if len(e.text_content()) < 200}
    for title in candidates:
        if title in shown:
            return title
    explicit = [_clean(t) for t in declared[:2] if t and len(_HAN.findall(t)) >= 4]
    return explicit[0] if explicit else ""


def _meta(root, name: str) -> str:
    for element in root.xpath("//meta[@name=$n or @property=$n]", n=name):
        content = element.get("content")
        if content:
            return content
    return ""


# A page's publication line: who published the report, and when (来源：洪江市退役军人事务局, 发布时间：2024-02-05).
_DATED = r"[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
_PUBLICATION = re.compile(r"(?:信息来源|文章来源|来源|发布机构|发布机关|发文机关|发布单位|发布者)"
                          r"\s*[:：]\s*[^\s:：]{1,40}"
                          rf"|(?:发布时间|发布日期|更新时间|日期)\s*[:：]\s*{_DATED}")
_HEADING_LINE = re.compile(r"[^。;；!！?？]{4,80}")  # a line that is a title, not a paragraph
_INLINE = frozenset(("span", "a", "em", "strong", "b", "i", "font", "label", "small", "br", "script", "style"))


def publication_line(root) -> str | None:
    """The page's publication line, its source and dates only (发布时间：2024-03-28 10:00 来源：区司法局): from the
    first short block of the page that has one and no block inside, and the block after it if it has one too
    (发布日期 and 来源 on lines of their own). Trafilatura leaves it out as the site's; the texts of the genre keep
    it under the title, where the publisher and the date are read from."""
    for element in root.iter("div", "p", "li", "td", "span", "font"):
        if fields := _publication_fields(element):
            following = element.getnext()
            return " ".join(fields + (_publication_fields(following) if following is not None else []))
    return None


def _publication_fields(element) -> list[str]:
    if not isinstance(element.tag, str) or any(
            isinstance(child.tag, str) and child.tag not in _INLINE for child in element):
        return []
    line = _clean(" ".join(_visible_text(element)))
    return [m.group() for m in _PUBLICATION.finditer(line)] if len(line) <= _SITE_LINE_MAX else []


def _visible_text(element):
    """The text of `element` a reader sees: not that of its scripts (浏览次数：document.write(…))."""
    if element.tag not in ("script", "style") and element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield from _visible_text(child)
        if child.tail:
            yield child.tail


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def _unwrap_layout_tables(root) -> None:
    """Tables that lay the page out, rather than tabulate data, become divs: those holding tables or blocks,
    long text, a single column, or mostly links (a menu)."""
    for table in reversed(root.xpath("//table")):
        if _lays_out(table):
            for element in (table, *table.iter(*_TABLE_PARTS)):
                element.tag = "div"


def _lays_out(table) -> bool:
    if table.xpath(".//table"):
        return True
    rows = table.xpath("./tr|./*/tr")
    if max((len(row.xpath("./td|./th")) for row in rows), default=0) <= 1:
        return True
    text = re.sub(r"\s+", "", table.text_content())
    links = re.sub(r"\s+", "", "".join(a.text_content() for a in table.iter("a")))
    if text and len(links) >= 0.5 * len(text):
        return True
    return any(len(cell.text_content()) > 200 or any(e.tag in _BLOCKS for e in cell.iterdescendants())
               for cell in table.xpath(".//td|.//th"))


def _lines(xml: str) -> list[str]:
    """trafilatura's XML as lines: a paragraph, heading, list item or quote a line (<lb/> a break), a table row
    a line with its cells separated by tabs."""
    from lxml import etree

    main = etree.fromstring(xml.encode("utf-8")).find("main")
    lines: list[str] = []
    if main is None:
        return lines
    for element in main.iter("p", "head", "item", "quote", "code", "row"):
        if element.tag == "row":
            cells = [_inline(cell) for cell in element.iter("cell")]
            line = "\t".join(cell.replace("\n", " ") for cell in cells).strip()
        elif any(parent.tag in ("row", "item", "quote") for parent in element.iterancestors()):
            continue  # read with the row, item or quote around it
        else:
            line = _inline(element)
        lines += [part.strip() for part in line.split("\n") if part.strip()]
    return lines


def _inline(element) -> str:
    """The text of an element, <lb/> as a line break."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _reads_like_text(lines: list[str], links: list[str]) -> bool:
    """Whether the lines hold text of their own: 50 Chinese characters or more outside the page's links, and a
    sentence that ends (a list of links, a menu or a page of search results has neither)."""
    text = "\n".join(lines)
    for link in links:
        text = text.replace(link, "")
    return len(_HAN.findall(text)) >= 50 and any(mark in text for mark in "。；！？")


def _trim_site_lines(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and len(lines[start]) < _SITE_LINE_MAX and _SITE_LINE.search(lines[start]):
        start += 1
    while end > start and len(lines[end - 1]) < _SITE_LINE_MAX and _SITE_LINE.search(lines[end - 1]):
        end -= 1
    return lines[start:end]
