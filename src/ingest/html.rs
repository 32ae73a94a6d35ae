//! HTML pages: the text a visitor would copy from the rendered page.
//!
//! The bytes are decoded first (a BOM, else the `<meta charset>` / `<meta http-equiv=
//! Content-Type>` declaration, else the plain-text detection of [`super::decode`]), then parsed
//! by html5ever (through `scraper`), which repairs malformed markup the way browsers do, and the
//! tree is walked once:
//!
//! * not rendered: `head` (and `title`), `script`, `style`, `noscript`, `template`, form
//!   controls, images and embedded objects, comments; hidden content (`hidden`,
//!   `aria-hidden="true"`, inline `display:none` / `visibility:hidden`, classes that the page's
//!   own `<style>` hides, Tailwind `hidden` without a responsive `md:block`…, `md:hidden`
//!   mobile-only blocks, closed `<details>` and `<dialog>`);
//! * whitespace collapsed as a browser does (`<pre>` and inline `white-space: pre*` kept);
//!   `&nbsp;` is a space; `<br>` a line break;
//! * paragraph-like blocks (`p`, headings, tables, `section`, `footer`, …) separated by a blank
//!   line; `div`, list items, table rows, `<dl>` labels and values and the children of a flex or
//!   grid container (inline style or Tailwind class) by a line break;
//! * `<ul>` items as `• item` (bare when the page switches the markers off: an inline
//!   `list-style: none`, a `ul {list-style: none}` rule in its `<style>`, Tailwind without
//!   `list-disc`, lists inside `<nav>`); `<ol>` items with the number a browser shows (`start`,
//!   `value`, `reversed`, `type`; a nested `<ol>` restarts at `1.`, and an item whose content opens
//!   with a nested list shows both markers on one line: `1. 1. …`);
//! * table rows as TSV (cells joined by a tab), `<dl>` as label and value lines.
//!
//! The title — the first visible `<h1>`, else `<title>` — is made the first line of the text
//! (unless it already is), so that the segmenter takes it as the document title.

use super::decode::{decode_strict, decode_vec, Decoded};
use super::reader::Reader;
use crate::error::DocError;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use scraper::{node::Element, Html, Node};
use std::collections::HashSet;

/// HTML (`.html`, `.htm`, or content that starts like a page).
pub struct HtmlPage;

impl Reader for HtmlPage {
    fn name(&self) -> &'static str {
        "html"
    }

    fn claims(&self, path: &str, head: &[u8]) -> bool {
        super::reader::has_extension(path, &["html", "htm", "xhtml"]) || looks_like_html(head)
    }

    fn read(&self, bytes: Vec<u8>) -> Result<Decoded, DocError> {
        let decoded = decode_page(bytes)?;
        Ok(Decoded {
            text: page_text(&decoded.text),
            encoding: decoded.encoding,
        })
    }

    fn read_text(&self, text: String) -> Result<Decoded, DocError> {
        Ok(Decoded {
            text: page_text(&text),
            encoding: "UTF-8",
        })
    }
}

/// Whether `head` starts (after a BOM, whitespace and comments) with `<!doctype html`,
/// `<html`, `<head` or `<body`. A UTF-16 head is looked at through its ASCII bytes.
pub fn looks_like_html(head: &[u8]) -> bool {
    let ascii: Vec<u8>;
    let mut h = head;
    if let Some(rest) = h.strip_prefix(b"\xEF\xBB\xBF") {
        h = rest;
    } else if h.starts_with(b"\xFF\xFE") || h.starts_with(b"\xFE\xFF") {
        let odd = usize::from(h[0] == 0xFE);
        ascii = h[2..].iter().skip(odd).step_by(2).copied().collect();
        h = &ascii;
    }
    loop {
        while let [b, rest @ ..] = h {
            if b.is_ascii_whitespace() {
                h = rest;
            } else {
                break;
            }
        }
        if let Some(rest) = h.strip_prefix(b"<!--") {
            match rest.windows(3).position(|w| w == b"-->") {
                Some(end) => h = &rest[end + 3..],
                None => return false,
            }
            continue;
        }
        if h.starts_with(b"<?xml") {
            match h.iter().position(|&b| b == b'>') {
                Some(end) => h = &h[end + 1..],
                None => return false,
            }
            continue;
        }
        break;
    }
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|tag| {
            h.len() > tag.len()
                && h[..tag.len()].eq_ignore_ascii_case(tag)
                && (tag.starts_with(b"<!")
                    || matches!(h[tag.len()], b'>' | b'/')
                    || h[tag.len()].is_ascii_whitespace())
        })
}

/// How many bytes are scanned for a `<meta>` charset declaration.
const PRESCAN_BYTES: usize = 8192;

/// Decode the page: a BOM wins, then a `<meta>` declaration, then the plain-text detection.
///
/// A legacy declaration (`windows-1251`, …) on bytes that are valid UTF-8 with non-ASCII text is
/// stale (the file was re-encoded without touching its `<meta>`): the bytes are read as UTF-8,
/// never turned into mojibake. Otherwise a declared code page is decoded strictly: a byte that
/// it does not map is an error.
pub fn decode_page(bytes: Vec<u8>) -> Result<Decoded, DocError> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if has_bom {
        return decode_vec(bytes);
    }
    let declared = meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    match declared {
        Some(enc) if enc != UTF_8 && !utf8_text(&bytes) => {
            if bytes.is_empty() {
                return Err(DocError::Empty);
            }
            let text = decode_strict(enc, &bytes, 0)?;
            Ok(Decoded {
                text,
                encoding: enc.name(),
            })
        }
        _ => decode_vec(bytes),
    }
}

/// Valid UTF-8 that is not plain ASCII: what a stale legacy declaration sits on.
fn utf8_text(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in `head` declares (the HTML prescan: comments skipped, attributes read with or
/// without quotes). UTF-16 labels mean UTF-8 there, `x-user-defined` windows-1252, as in browsers.
pub fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        if head[i..].starts_with(b"<!--") {
            i = match head[i + 4..].windows(3).position(|w| w == b"-->") {
                Some(p) => i + 4 + p + 3,
                None => return None,
            };
            continue;
        }
        if head[i] == b'<' && head.len() > i + 5 && head[i + 1..i + 5].eq_ignore_ascii_case(b"meta")
        {
            let after = head[i + 5];
            if after.is_ascii_whitespace() || after == b'/' {
                let (attrs, end) = attributes(head, i + 5);
                i = end;
                let get = |name: &str| {
                    attrs
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v.as_str())
                };
                let label = match (get("charset"), get("http-equiv"), get("content")) {
                    (Some(cs), _, _) => Some(cs.to_string()),
                    (None, Some(eq), Some(content)) if eq.eq_ignore_ascii_case("content-type") => {
                        charset_in_content(content)
                    }
                    _ => None,
                };
                if let Some(enc) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
                    return Some(if enc == UTF_16LE || enc == UTF_16BE {
                        UTF_8
                    } else if enc.name() == "x-user-defined" {
                        WINDOWS_1252
                    } else {
                        enc
                    });
                }
                continue;
            }
        }
        i += 1;
    }
    None
}

/// Attributes of a tag from `i` (just after its name) to its `>`; returns them and the index
/// after the tag.
fn attributes(s: &[u8], mut i: usize) -> (Vec<(String, String)>, usize) {
    let mut out = Vec::new();
    loop {
        while i < s.len() && (s[i].is_ascii_whitespace() || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() || s[i] == b'>' {
            return (out, i + 1);
        }
        let start = i;
        while i < s.len() && !s[i].is_ascii_whitespace() && !matches!(s[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&s[start..i]).into_owned();
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && s[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                let vs = i + 1;
                i = vs;
                while i < s.len() && s[i] != q {
                    i += 1;
                }
                value = String::from_utf8_lossy(&s[vs..i.min(s.len())]).into_owned();
                i += 1;
            } else {
                let vs = i;
                while i < s.len() && !s[i].is_ascii_whitespace() && s[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&s[vs..i]).into_owned();
            }
        }
        out.push((name, value));
    }
}

/// `text/html; charset=windows-1251` → `windows-1251`.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

/// The visible text of a page (see the module docs), the title first.
pub fn page_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let css = PageCss::of(&doc);
    let mut w = Walker::new(css);
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => w.text(t),
                    Node::Element(e) if !w.open(node, e) => {
                        if matches!(e.name(), "head" | "title") && w.title.is_none() {
                            w.title = node
                                .descendants()
                                .find(|n| {
                                    n.value().as_element().is_some_and(|e| e.name() == "title")
                                })
                                .map(|t| collapse(&node_text(t)))
                                .filter(|t| !t.is_empty());
                        }
                        skip = Some(node.id());
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                } else if skip.is_none() && node.value().is_element() {
                    w.close();
                }
            }
        }
    }
    w.finish()
}

/// All text under a node (for `<title>`, which is not rendered).
fn node_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// Whitespace collapsed, trimmed.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the page's own `<style>` elements say that matters for the text: the classes and ids
/// they hide, whether `ul` markers are switched off; and whether the page uses Tailwind.
#[derive(Default)]
struct PageCss {
    hidden_classes: HashSet<String>,
    hidden_ids: HashSet<String>,
    bare_ul: bool,
    tailwind: bool,
}

impl PageCss {
    fn of(doc: &Html) -> PageCss {
        let mut css = PageCss::default();
        for node in doc.tree.root().descendants() {
            let Some(e) = node.value().as_element() else {
                continue;
            };
            match e.name() {
                "style" => css.read_sheet(&node_text(node)),
                "script" => {
                    let src = e.attr("src").unwrap_or("");
                    if src.contains("tailwindcss") || node_text(node).contains("tailwind.config") {
                        css.tailwind = true;
                    }
                }
                _ => {}
            }
        }
        css
    }

    /// Rules of a style sheet: `sel, sel { decl; … }` (comments and at-rule wrappers ignored;
    /// only the rules whose selector is one simple class, id or `ul`/`li` are taken).
    fn read_sheet(&mut self, sheet: &str) {
        let mut s = String::with_capacity(sheet.len());
        let mut rest = sheet;
        while let Some(i) = rest.find("/*") {
            s.push_str(&rest[..i]);
            rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
        }
        s.push_str(rest);
        let mut prelude_start = 0;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'{' => {
                    let prelude = s[prelude_start..i].trim();
                    let Some(close) = s[i + 1..].find(['}', '{']) else {
                        break;
                    };
                    if s.as_bytes()[i + 1 + close] == b'{' {
                        // An at-rule block (@media …): its rules are read as they come.
                        prelude_start = i + 1;
                        i += 1;
                        continue;
                    }
                    let body = &s[i + 1..i + 1 + close];
                    self.rule(prelude, body);
                    i = i + 1 + close + 1;
                    prelude_start = i;
                }
                b'}' => {
                    i += 1;
                    prelude_start = i;
                }
                _ => i += 1,
            }
        }
    }

    fn rule(&mut self, prelude: &str, body: &str) {
        if prelude.starts_with('@') {
            return;
        }
        let decl: String = body
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let hides = decl.contains("display:none") || decl.contains("visibility:hidden");
        let bare = decl.contains("list-style:none") || decl.contains("list-style-type:none");
        for sel in prelude.split(',').map(str::trim) {
            if hides {
                if let Some(c) = simple_name(sel, '.') {
                    self.hidden_classes.insert(c.to_string());
                } else if let Some(id) = simple_name(sel, '#') {
                    self.hidden_ids.insert(id.to_string());
                }
            }
            if bare && matches!(sel, "ul" | "ul li" | "li" | "ul>li" | "ul > li") {
                self.bare_ul = true;
            }
        }
    }
}

/// `.name` (or `#name`) when the selector is just that: no combinator, pseudo-class or second
/// part.
fn simple_name(sel: &str, sigil: char) -> Option<&str> {
    let name = sel.strip_prefix(sigil)?;
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
    .then_some(name)
}

/// Text (UTF-8 bytes) above which a block whose class names say "modal", "dropdown", … is kept:
/// a whole policy may be shown in a modal window.
const CHROME_MAX_BYTES: usize = 3000;

/// One open element: what its close must do.
struct Frame {
    /// Line breaks required after it (0: inline).
    after: u8,
    /// Its children are flex or grid items (one per line).
    flex: bool,
    /// A `<details>` without `open`: only its `<summary>` is shown.
    closed_details: bool,
    kind: FrameKind,
}

#[derive(PartialEq)]
enum FrameKind {
    Other,
    Nav,
    List,
    Pre,
    Row,
    Cell,
    H1,
}

/// A list being rendered.
struct List {
    ordered: bool,
    /// Markers shown at all.
    markers: bool,
    next: i64,
    step: i64,
    style: u8,
}

struct Walker {
    out: String,
    css: PageCss,
    /// Line breaks owed before the next content.
    pending: u8,
    /// A collapsed space is owed before the next content on this line.
    space: bool,
    /// The current line holds only list markers so far.
    markers_only: bool,
    stack: Vec<Frame>,
    lists: Vec<List>,
    /// Cells already written in each open table row.
    cells: Vec<usize>,
    pre: usize,
    in_cell: usize,
    in_nav: usize,
    /// Start of the first visible h1 while it is open.
    h1_start: Option<usize>,
    h1: Option<String>,
    title: Option<String>,
}

const DROPPED: &[&str] = &[
    "head", "title", "script", "style", "noscript", "template", "iframe", "object", "embed", "img",
    "picture", "svg", "math", "canvas", "video", "audio", "map", "input", "select", "textarea",
    "option", "datalist", "meta", "link", "base", "frame", "frameset", "param", "source", "track",
];

const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "header",
    "nav",
    "main",
    "section",
    "footer",
    "article",
    "aside",
    "blockquote",
    "figure",
    "form",
    "hr",
    "address",
    "pre",
    "fieldset",
    "details",
    "dl",
    "hgroup",
    "listing",
    "plaintext",
    "xmp",
];

const LINES: &[&str] = &[
    "div",
    "li",
    "ul",
    "ol",
    "menu",
    "dir",
    "dt",
    "dd",
    "tr",
    "caption",
    "center",
    "legend",
    "summary",
    "dialog",
    "figcaption",
    "body",
    "html",
    "search",
    "optgroup",
    "frameset",
];

impl Walker {
    fn new(css: PageCss) -> Walker {
        Walker {
            out: String::new(),
            css,
            pending: 0,
            space: false,
            markers_only: false,
            stack: Vec::new(),
            lists: Vec::new(),
            cells: Vec::new(),
            pre: 0,
            in_cell: 0,
            in_nav: 0,
            h1_start: None,
            h1: None,
            title: None,
        }
    }

    /// Whether the element is rendered at all.
    fn visible(&self, e: &Element, style: &str) -> bool {
        if DROPPED.contains(&e.name()) || e.attr("hidden").is_some() {
            return false;
        }
        if e.attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        {
            return false;
        }
        if matches!(e.name(), "dialog") && e.attr("open").is_none() {
            return false;
        }
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return false;
        }
        if e.id().is_some_and(|id| self.css.hidden_ids.contains(id)) {
            return false;
        }
        let mut tw_hidden = false;
        let mut tw_shown = false;
        for c in e.classes() {
            if self.css.hidden_classes.contains(c) || c == "sr-only" || c == "visually-hidden" {
                return false;
            }
            if !self.css.tailwind {
                continue;
            }
            match c {
                "hidden" => tw_hidden = true,
                "md:hidden" | "lg:hidden" | "xl:hidden" => return false,
                _ if (c.starts_with("md:") || c.starts_with("lg:") || c.starts_with("xl:"))
                    && matches!(
                        &c[3..],
                        "flex"
                            | "block"
                            | "grid"
                            | "inline"
                            | "inline-block"
                            | "inline-flex"
                            | "table"
                    ) =>
                {
                    tw_shown = true
                }
                _ => {}
            }
        }
        !tw_hidden || tw_shown
    }

    /// Page chrome that a browser keeps closed until the visitor acts, told by its class names
    /// (the site's style sheets are not in the file): modals and popups, dropdown panels, mobile
    /// menus, the messages a form shows after sending. Only short blocks are taken for chrome, so
    /// that a policy shown in a modal window is never dropped.
    fn closed_chrome(e: &Element, node: ego_tree::NodeRef<'_, Node>) -> bool {
        let chrome = e.classes().any(|c| {
            let has = |w: &str| c.split(['-', '_']).any(|x| x.eq_ignore_ascii_case(w));
            let control =
                has("trigger") || has("toggle") || has("btn") || has("button") || has("open");
            !control
                && (has("modal")
                    || has("popup")
                    || (has("dropdown") || has("drop"))
                        && (has("panel") || has("list") || has("menu") || has("content"))
                    || has("mobile") && (has("menu") || has("nav") || has("extra"))
                    || has("form")
                        && (has("ok")
                            || has("done")
                            || has("fail")
                            || has("success")
                            || has("error")))
        });
        chrome && {
            let mut n = 0usize;
            for d in node.descendants() {
                if let Some(t) = d.value().as_text() {
                    n += t.len();
                    if n > CHROME_MAX_BYTES {
                        break;
                    }
                }
            }
            n <= CHROME_MAX_BYTES
        }
    }

    /// Open an element; false when it (and everything in it) is not rendered.
    fn open(&mut self, node: ego_tree::NodeRef<'_, Node>, e: &Element) -> bool {
        if self.stack.last().is_some_and(|f| f.closed_details) && e.name() != "summary" {
            return false;
        }
        let style: String = e
            .attr("style")
            .unwrap_or("")
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !self.visible(e, &style) || Self::closed_chrome(e, node) {
            return false;
        }
        let name = e.name();
        // Links and buttons glued to the element before them (no space in the markup) are laid
        // out apart by the site's CSS (a menu, a footer column): a browser never shows
        // "О компанииКонтакты" as one word.
        if matches!(name, "a" | "button")
            && node.prev_sibling().is_some_and(|p| {
                p.value()
                    .as_element()
                    .is_some_and(|p| matches!(p.name(), "a" | "button" | "span"))
            })
        {
            self.block(1);
        }
        let parent_flex = self.stack.last().is_some_and(|f| f.flex);
        let mut after = if PARAGRAPHS.contains(&name) {
            2
        } else if LINES.contains(&name) {
            1
        } else {
            0
        };
        if parent_flex || style.contains("display:block") || style.contains("display:flex") {
            after = after.max(1);
        }
        let flex = style.contains("display:flex")
            || style.contains("display:grid")
            || style.contains("display:inline-flex")
            || e.classes().any(|c| {
                matches!(c, "d-flex" | "d-grid")
                    || self.css.tailwind
                        && matches!(
                            c,
                            "flex" | "grid" | "inline-flex" | "md:flex" | "md:grid" | "lg:flex"
                        )
            });
        let mut kind = FrameKind::Other;
        match name {
            "br" => {
                self.line_break();
                after = 0;
            }
            "ul" | "ol" | "menu" | "dir" => {
                let ordered = name == "ol";
                let classes: Vec<&str> = e.classes().collect();
                let explicit_marker = classes.iter().any(|c| {
                    matches!(
                        *c,
                        "list-disc" | "list-decimal" | "list-circle" | "list-square"
                    )
                }) || style.contains("list-style-type:disc")
                    || style.contains("list-style:disc");
                let off = style.contains("list-style:none")
                    || style.contains("list-style-type:none")
                    || classes.contains(&"list-none");
                let markers = !off
                    && (explicit_marker
                        || !(self.css.tailwind
                            || (!ordered && (self.css.bare_ul || self.in_nav > 0))));
                let reversed = e.attr("reversed").is_some();
                let start = e.attr("start").and_then(|s| s.trim().parse::<i64>().ok());
                let style_type = match e.attr("type").map(str::trim) {
                    Some("a") => b'a',
                    Some("A") => b'A',
                    Some("i") => b'i',
                    Some("I") => b'I',
                    _ => b'1',
                };
                let items = if reversed {
                    node.children()
                        .filter(|c| c.value().as_element().is_some_and(|c| c.name() == "li"))
                        .count() as i64
                } else {
                    0
                };
                self.lists.push(List {
                    ordered,
                    markers,
                    next: start.unwrap_or(if reversed { items } else { 1 }),
                    step: if reversed { -1 } else { 1 },
                    style: style_type,
                });
                kind = FrameKind::List;
            }
            "li" => {
                self.block(1);
                let marker = match self.lists.last_mut() {
                    Some(l) => {
                        if let Some(v) = e.attr("value").and_then(|v| v.trim().parse::<i64>().ok())
                        {
                            l.next = v;
                        }
                        let n = l.next;
                        l.next += l.step;
                        match (l.markers, l.ordered) {
                            (false, _) => None,
                            (true, true) => Some(format!("{}. ", ordinal(n, l.style))),
                            (true, false) => Some("• ".to_string()),
                        }
                    }
                    None => Some("• ".to_string()),
                };
                if let Some(m) = marker {
                    self.marker(&m);
                }
            }
            "tr" => {
                self.cells.push(0);
                kind = FrameKind::Row;
            }
            "td" | "th" => {
                if let Some(n) = self.cells.last_mut() {
                    *n += 1;
                    if *n > 1 {
                        self.flush();
                        self.out.push('\t');
                        self.space = false;
                    }
                }
                self.in_cell += 1;
                kind = FrameKind::Cell;
            }
            "pre" | "listing" | "plaintext" | "xmp" => kind = FrameKind::Pre,
            "nav" => {
                self.in_nav += 1;
                kind = FrameKind::Nav;
            }
            "h1" if self.h1.is_none() && self.h1_start.is_none() => {
                kind = FrameKind::H1;
            }
            _ => {}
        }
        if kind == FrameKind::Other && style.contains("white-space:pre") {
            kind = FrameKind::Pre;
        }
        if kind == FrameKind::Pre {
            self.pre += 1;
        }
        if name != "li" {
            self.block(after);
        }
        if kind == FrameKind::H1 {
            self.flush();
            self.h1_start = Some(self.out.len());
        }
        let closed_details = name == "details" && e.attr("open").is_none();
        self.stack.push(Frame {
            after,
            flex,
            closed_details,
            kind,
        });
        true
    }

    fn close(&mut self) {
        let Some(f) = self.stack.pop() else {
            return;
        };
        match f.kind {
            FrameKind::List => {
                self.lists.pop();
            }
            FrameKind::Row => {
                self.cells.pop();
            }
            FrameKind::Cell => self.in_cell -= 1,
            FrameKind::Pre => self.pre -= 1,
            FrameKind::H1 => {
                if let Some(s) = self.h1_start.take() {
                    let t = collapse(&self.out[s.min(self.out.len())..]);
                    if !t.is_empty() {
                        self.h1 = Some(t);
                    }
                }
            }
            FrameKind::Nav => self.in_nav -= 1,
            FrameKind::Other => {}
        }
        self.block(f.after);
    }

    /// Ask for `n` line breaks before the next content (inside a table cell: a space).
    fn block(&mut self, n: u8) {
        if n == 0 || self.out.is_empty() {
            return;
        }
        if self.in_cell > 0 {
            self.space = true;
            return;
        }
        if self.markers_only {
            return;
        }
        self.pending = self.pending.max(n);
    }

    /// `<br>`: a line break now.
    fn line_break(&mut self) {
        if self.in_cell > 0 {
            self.space = true;
            return;
        }
        self.flush();
        self.trim_spaces();
        self.out.push('\n');
        self.space = false;
        self.markers_only = false;
    }

    fn trim_spaces(&mut self) {
        let t = self.out.trim_end_matches([' ', '\t']).len();
        // Keep the tab that separates table cells.
        if !self.out[t..].contains('\t') {
            self.out.truncate(t);
        }
    }

    /// Write the owed line breaks.
    fn flush(&mut self) {
        if self.pending == 0 {
            return;
        }
        self.trim_spaces();
        let have = self.out.len() - self.out.trim_end_matches('\n').len();
        for _ in have..usize::from(self.pending) {
            self.out.push('\n');
        }
        self.pending = 0;
        self.space = false;
        self.markers_only = false;
    }

    fn marker(&mut self, m: &str) {
        self.flush();
        if self.space && !self.at_line_start() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(m);
        self.markers_only = true;
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n') || self.out.ends_with('\t')
    }

    fn text(&mut self, t: &str) {
        if self.stack.last().is_some_and(|f| f.closed_details) {
            return;
        }
        if self.pre > 0 {
            if t.is_empty() {
                return;
            }
            self.flush();
            for c in t.chars() {
                match c {
                    '\r' => {}
                    '\u{a0}' => self.out.push(' '),
                    _ => self.out.push(c),
                }
            }
            self.markers_only = false;
            return;
        }
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.space = true;
                continue;
            }
            self.flush();
            if self.space && !self.at_line_start() && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            self.space = false;
            self.markers_only = false;
            self.out.push(if c == '\u{a0}' { ' ' } else { c });
        }
    }

    fn finish(mut self) -> String {
        self.trim_spaces();
        let body = self.out.trim_matches('\n');
        let title = self.h1.take().or(self.title.take()).unwrap_or_default();
        let first = body.lines().next().map(collapse).unwrap_or_default();
        let mut out = String::with_capacity(body.len() + title.len() + 3);
        if !title.is_empty() && first != title {
            out.push_str(&title);
            out.push_str("\n\n");
        }
        out.push_str(body);
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// The marker number as `type` shows it: `1`, `a`, `A`, `i`, `I`.
fn ordinal(n: i64, style: u8) -> String {
    match style {
        b'a' | b'A' if n >= 1 => {
            let mut s = Vec::new();
            let mut k = n;
            while k > 0 {
                k -= 1;
                s.push(b'a' + (k % 26) as u8);
                k /= 26;
            }
            s.reverse();
            let s = String::from_utf8(s).expect("ascii");
            if style == b'A' {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        b'i' | b'I' if (1..4000).contains(&n) => {
            let s = roman(n);
            if style == b'i' {
                s.to_ascii_lowercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

/// `n` (1..=3999) in upper-case Roman numerals (also the DOCX reader's list labels).
pub(super) fn roman(mut n: i64) -> String {
    const R: &[(i64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    /// `(what, page, text)`: one element rule per row.
    const PAGES: &[(&str, &str, &str)] = &[
        (
            "script, style, noscript, template and head are not text",
            "<!doctype html><html><head><title>T</title><style>p{color:red}</style>\
             <script>var a = 'x';</script></head><body><h1>Политика</h1>\
             <script>document.write('скрипт')</script><noscript>Включите JavaScript</noscript>\
             <template><p>шаблон</p></template><p>Текст.</p></body></html>",
            "Политика\n\nТекст.\n",
        ),
        (
            "hidden content is dropped",
            "<body><p>Видно.</p><div hidden>скрыто</div><p aria-hidden=\"true\">иконка</p>\
             <div style=\"display: none\">модальное окно</div>\
             <div style=\"visibility:hidden\">тоже</div><p>Тоже видно.</p></body>",
            "Видно.\n\nТоже видно.\n",
        ),
        (
            "headings and paragraphs are blocks with a blank line between",
            "<body><h2>1. Общие положения</h2><p>1.1. Первый\n   пункт.</p>\
             <p>1.2. Второй пункт.</p><div>строка</div><div>ещё строка</div></body>",
            "1. Общие положения\n\n1.1. Первый пункт.\n\n1.2. Второй пункт.\n\nстрока\nещё строка\n",
        ),
        (
            "<br> is a line break",
            "<body><p>ООО «Ромашка»<br>ИНН 7707083893<br/>ОГРН 1027700132195</p></body>",
            "ООО «Ромашка»\nИНН 7707083893\nОГРН 1027700132195\n",
        ),
        (
            "ul items are bullets",
            "<body><p>Мы собираем:</p><ul><li>имя;</li><li> телефон;</li></ul></body>",
            "Мы собираем:\n\n• имя;\n• телефон;\n",
        ),
        (
            "ol items show their numbers, from start, value resets",
            "<body><ol start=\"3\"><li>три</li><li>четыре</li><li value=\"7\">семь</li>\
             <li>восемь</li></ol><ol type=\"a\"><li>а</li><li>б</li></ol></body>",
            "3. три\n4. четыре\n7. семь\n8. восемь\na. а\nb. б\n",
        ),
        (
            "a nested ol starts at 1 and an item opening with it shows both markers",
            "<body><ol><li>Общие положения<ol><li>первый</li><li>второй</li></ol></li>\
             <li>Цели</li></ol><ol><li><ol><li>один</li><li>два</li></ol></li></ol></body>",
            "1. Общие положения\n1. первый\n2. второй\n2. Цели\n1. 1. один\n2. два\n",
        ),
        (
            "reversed ol counts down",
            "<body><ol reversed><li>c</li><li>b</li><li>a</li></ol></body>",
            "3. c\n2. b\n1. a\n",
        ),
        (
            "tables are TSV rows",
            "<body><table><thead><tr><th>Данные</th><th>Цель</th></tr></thead><tbody>\
             <tr><td>Имя</td><td><p>Связь</p></td></tr><tr><td>Телефон</td><td>Звонки</td></tr>\
             </tbody></table><p>После.</p></body>",
            "Данные\tЦель\nИмя\tСвязь\nТелефон\tЗвонки\n\nПосле.\n",
        ),
        (
            "dl is label and value lines",
            "<body><dl><dt>ИНН</dt><dd>7707083893</dd><dt>E-mail</dt><dd>info@example.ru</dd></dl></body>",
            "ИНН\n7707083893\nE-mail\ninfo@example.ru\n",
        ),
        (
            "character references are decoded, &nbsp; is a space",
            "<body><p>&laquo;Ромашка&raquo;&nbsp;&#8212; &#x41f;олитика &amp; cookies</p></body>",
            "«Ромашка» — Политика & cookies\n",
        ),
        (
            "the h1 is the first line and the title",
            "<html><head><title>Политика | Сайт</title></head><body><nav><a href=/>Главная</a></nav>\
             <h1>Политика конфиденциальности</h1><p>1. Текст.</p></body></html>",
            "Политика конфиденциальности\n\nГлавная\n\nПолитика конфиденциальности\n\n1. Текст.\n",
        ),
        (
            "without an h1 the <title> is",
            "<html><head><title> Политика  обработки данных </title></head><body><p>1. Текст.</p></body></html>",
            "Политика обработки данных\n\n1. Текст.\n",
        ),
        (
            "a minified one-line page",
            "<!DOCTYPE html><html><head><meta charset=utf-8><title>x</title></head><body><header><a href=/>Сайт</a></header><main><h1>Политика</h1><p>1. Общие положения</p><p>1.1. Оператор — ООО «Ромашка».</p><ul><li>имя</li><li>e-mail</li></ul></main><footer>© 2024</footer></body></html>",
            "Политика\n\nСайт\n\nПолитика\n\n1. Общие положения\n\n1.1. Оператор — ООО «Ромашка».\n\n• имя\n• e-mail\n\n© 2024\n",
        ),
        (
            "malformed markup is repaired as a browser does",
            "<body><p>Первый<p>Второй<ul><li>раз<li>два</ul><P>Третий</P></body>",
            "Первый\n\nВторой\n\n• раз\n• два\n\nТретий\n",
        ),
        (
            "pre keeps its lines",
            "<body><pre>1. один\n   2. два</pre></body>",
            "1. один\n   2. два\n",
        ),
        (
            "a closed details shows its summary only",
            "<body><details><summary>Меню</summary><a href=/a>Раздел</a></details>\
             <details open><summary>Открыто</summary><p>видно</p></details></body>",
            "Меню\n\nОткрыто\n\nвидно\n",
        ),
        (
            "classes the page's style hides, Tailwind hidden and markers off",
            "<html><head><script src=\"https://cdn.tailwindcss.com\"></script>\
             <style>/* c */ .popup-box{display:none} @media (max-width:1px){.x{color:red}}</style></head>\
             <body><div class=\"popup-box\">окно</div><div class=\"hidden\">моб</div>\
             <div class=\"hidden md:flex\"><a href=/>Меню</a></div><ul><li>голый</li></ul>\
             <ul class=\"list-disc\"><li>маркер</li></ul></body></html>",
            "Меню\nголый\n• маркер\n",
        ),
        (
            "glued links are laid out apart",
            "<body><div><a href=/a>О компании</a><a href=/b>Контакты</a></div></body>",
            "О компании\nКонтакты\n",
        ),
    ];

    #[test]
    fn element_rules() {
        let mut bad = Vec::new();
        for (what, page, want) in PAGES {
            let got = page_text(page);
            if got != *want {
                bad.push(format!("{what}:\n  got  {got:?}\n  want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn sniffing() {
        let cases: &[(&[u8], bool)] = &[
            (b"<!DOCTYPE html>", true),
            (b"<!doctype HTML PUBLIC", true),
            (b"\xEF\xBB\xBF\r\n <html lang=ru>", true),
            (
                b"<!-- saved from url=(0014)about:internet -->\n<html>",
                true,
            ),
            (b"<?xml version=\"1.0\"?><html xmlns=x>", true),
            (b"<head><meta charset=utf-8>", true),
            (b"<BODY>", true),
            (b"<body", false),
            (b"text <html>", false),
            (b"<htmlfoo>", false),
            (b"<!-- unterminated", false),
        ];
        for (head, want) in cases {
            assert_eq!(looks_like_html(head), *want, "{head:?}");
        }
    }

    #[test]
    fn meta_charset_declarations() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"<meta charset=\"windows-1251\">", Some("windows-1251")),
            (b"<META CHARSET=cp1251>", Some("windows-1251")),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">",
                Some("KOI8-R"),
            ),
            (
                b"<meta content='text/html;charset=utf-8' http-equiv='content-type'/>",
                Some("UTF-8"),
            ),
            (b"<meta charset=utf-16le>", Some("UTF-8")),
            (
                b"<!-- <meta charset=koi8-r> --><meta charset=utf-8>",
                Some("UTF-8"),
            ),
            (b"<meta name=viewport content=\"width=device-width\">", None),
            (b"<meta charset=nonsense>", None),
            (b"<p>charset=windows-1251</p>", None),
        ];
        for (head, want) in cases {
            assert_eq!(meta_charset(head).map(|e| e.name()), *want, "{head:?}");
        }
    }

    fn cp1251_page(meta: &str, body: &str) -> Vec<u8> {
        let page =
            format!("<html><head>{meta}<title>Политика</title></head><body>{body}</body></html>");
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&page);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn windows_1251_pages() {
        let body = "<h1>Политика конфиденциальности</h1><p>1. Оператор — ООО «Ромашка».</p>";
        let want = "Политика конфиденциальности\n\n1. Оператор — ООО «Ромашка».\n";
        for meta in [
            "<meta charset=\"windows-1251\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
            // No declaration: the plain-text detection finds the code page.
            "",
        ] {
            let d = HtmlPage.read(cp1251_page(meta, body)).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding),
                (want, "windows-1251"),
                "{meta}"
            );
        }
        // 0x98 is no character in windows-1251: an error, never U+FFFD.
        let mut bytes = cp1251_page("<meta charset=windows-1251>", body);
        bytes.extend_from_slice(b"<p>\x98</p>");
        match HtmlPage.read(bytes) {
            Err(DocError::Undecodable(reason)) => assert!(reason.contains("0x98"), "{reason}"),
            other => panic!("{other:?}"),
        }
        // A stale declaration on UTF-8 bytes: read as UTF-8, not as mojibake.
        let page = format!("<meta charset=windows-1251><body>{body}</body>");
        let d = HtmlPage.read(page.into_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (want, "UTF-8"));
        // A BOM wins over the declaration.
        let mut bytes = b"\xEF\xBB\xBF<meta charset=windows-1251>".to_vec();
        bytes.extend_from_slice(body.as_bytes());
        let d = HtmlPage.read(bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (want, "UTF-8-BOM"));
    }

    #[test]
    fn hosts_and_emails_only_from_visible_text() {
        let page = "<!doctype html><html><head><title>Политика</title>\
            <link rel=canonical href=\"https://canonical-host.ru/p\">\
            <meta property=og:url content=\"https://og-host.ru\">\
            <script src=\"https://cdn-host.com/a.js\"></script>\
            <script>var mail = 'script@hidden.ru'; fetch('https://api-host.ru/x');</script>\
            <style>body{background:url(https://style-host.ru/bg.png)}</style></head>\
            <body><h1>Политика конфиденциальности</h1>\
            <a href=\"https://link-target.ru\" title=\"title@attr.ru\">наш сайт</a>\
            <img src=\"https://img-host.ru/a.png\" alt=\"alt@attr.ru\">\
            <form action=\"mailto:form@attr.ru\"><input value=\"input@attr.ru\"></form>\
            <div hidden>hidden@div.ru hidden-host.ru</div>\
            <!-- comment@html.ru comment-host.ru -->\
            <p>1. Оператор — ООО «Ромашка», e-mail: visible@romashka.ru, сайт romashka.ru.</p>\
            </body></html>";
        let d = HtmlPage.read(page.as_bytes().to_vec()).unwrap();
        let doc = Engine::new().analyze(&d.text, crate::model::SourceInfo::default());
        assert_eq!(doc.entities.emails, ["visible@romashka.ru"]);
        assert_eq!(doc.entities.websites, ["romashka.ru"]);
    }
}
