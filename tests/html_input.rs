//! HTML and Markdown input (issue 9): the saved pages of ../shared/dev-html read through the HTML
//! reader score like the same pages given as text, and bundled policies converted to HTML and
//! Markdown give the clause numbers of the plain text.

mod common;

use polex::model::Document;
use polex::pipeline::process_bytes;
use polex::Engine;
use std::path::Path;

fn numbers(d: &Document) -> Vec<&str> {
    d.layout.clauses.iter().map(|c| c.number.as_str()).collect()
}

#[test]
fn dev_html_pages_score_like_their_text() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev-html"));
    if !dir.join("gold").is_dir() {
        println!("skipped: ../shared/dev-html absent");
        return;
    }
    let engine = Engine::new();
    let mut stems: Vec<String> = std::fs::read_dir(dir.join("raw"))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "html").then(|| p.file_stem().unwrap().to_string_lossy().into())
        })
        .collect();
    stems.sort();
    assert_eq!(stems.len(), 10);
    let mut bad = Vec::new();
    for stem in &stems {
        let read = |sub: &str, ext: &str| {
            let name = format!("{stem}.{ext}");
            let bytes = std::fs::read(dir.join(sub).join(&name)).unwrap();
            process_bytes(&engine, &name, &name, &bytes).unwrap()
        };
        let (html, text) = (read("raw", "html"), read("text", "txt"));
        assert_eq!(html.source.source_format, "html");
        assert_eq!(text.source.source_format, "text");
        if numbers(&html) != numbers(&text) {
            bad.push(format!(
                "{stem}: clauses {:?}, as text {:?}",
                numbers(&html),
                numbers(&text)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));

    let html = common::score_files(&dir.join("raw"), &dir.join("gold"), "html");
    let text = common::score_files(&dir.join("text"), &dir.join("gold"), "txt");
    println!("as HTML:");
    common::print(&html);
    println!("as text:");
    common::print(&text);
    // The clause counts and top-level lists the gold has, on every page: 015's nested `<ol>`s
    // that restart at 1 on the page included (segment/restarts.rs gives back the multi-level
    // list), and the Roman numerals of 011.
    assert_eq!(html.clause_count, 10);
    assert_eq!(html.top_level_clauses, 10);
    assert_eq!(html.clause_count, text.clause_count);
    assert_eq!(html.top_level_clauses, text.top_level_clauses);
    let n = html.docs as f64;
    for (name, h, t) in [
        (
            "operator",
            html.operator as f64 / n,
            text.operator as f64 / n,
        ),
        ("identifiers", html.identifiers.f1(), text.identifiers.f1()),
        ("emails", html.emails.f1(), text.emails.f1()),
        ("phones", html.phones.f1(), text.phones.f1()),
        ("websites", html.websites.f1(), text.websites.f1()),
    ] {
        assert!(h >= t - 0.02, "{name}: {h:.3} as HTML, {t:.3} as text");
    }
}

/// `<`, `>`, `&` escaped for HTML text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A plain-text policy as an author would put it on a page: each line a paragraph (its title an
/// h1), with navigation and a footer around it, one line per tag as editors write them.
fn as_html(text: &str) -> String {
    let mut body = String::new();
    let mut titled = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !titled {
            body.push_str(&format!("<h1>{}</h1>\n", escape(line)));
            titled = true;
        } else {
            body.push_str(&format!("<p>{}</p>\n", escape(line)));
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Политика</title>\n<script>var host = 'https://tracker.example.com';</script>\n\
         </head>\n<body>\n<nav><a href=\"/\">Главная</a> <a href=\"/policy\">Политика</a></nav>\n\
         <main>\n{body}</main>\n<footer>© 2025</footer>\n</body>\n</html>\n"
    )
}

/// The same policy as Markdown: lines are paragraphs, the title a `#` heading, `-` items a
/// list; Markdown's own characters in the text escaped.
fn as_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut titled = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !titled {
            out.push_str(&format!("# {line}\n\n"));
            titled = true;
            continue;
        }
        let (marker, rest) = match line.strip_prefix("- ") {
            Some(rest) => ("- ", rest),
            None => ("", line),
        };
        let mut esc = String::new();
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        for (i, c) in rest.chars().enumerate() {
            // `1)` would open a Markdown list, which shows `1.`: the author escapes it.
            if "\\`*_[]<>#|~".contains(c) || (c == ')' && i == digits && i > 0) {
                esc.push('\\');
            }
            esc.push(c);
        }
        out.push_str(&format!("{marker}{esc}\n\n"));
    }
    out
}

#[test]
fn converted_seeds_give_the_clauses_of_the_text() {
    let engine = Engine::new();
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
    let mut seeds: Vec<_> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert!(seeds[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("000_"));
    let mut bad = Vec::new();
    for seed in &seeds {
        let name = seed.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(seed).unwrap();
        let plain = process_bytes(&engine, &name, &name, text.as_bytes()).unwrap();
        assert!(!plain.layout.clauses.is_empty(), "{name}");
        for (ext, converted) in [("html", as_html(&text)), ("md", as_markdown(&text))] {
            let source = name.replace(".txt", &format!(".{ext}"));
            let d = process_bytes(&engine, &source, &source, converted.as_bytes()).unwrap();
            if numbers(&d) != numbers(&plain) {
                bad.push(format!(
                    "{source}: {:?}\n  as text {:?}",
                    numbers(&d),
                    numbers(&plain)
                ));
            }
            if d.layout.title != plain.layout.title {
                bad.push(format!(
                    "{source}: title {:?}, as text {:?}",
                    d.layout.title, plain.layout.title
                ));
            }
            for (what, a, b) in [
                ("emails", &d.entities.emails, &plain.entities.emails),
                ("phones", &d.entities.phones, &plain.entities.phones),
                ("websites", &d.entities.websites, &plain.entities.websites),
            ] {
                if a != b {
                    bad.push(format!("{source}: {what} {a:?}, as text {b:?}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
