//! Entity-dense documents must cost time linear in their size (issue 7, defect 6; issue 14):
//! thousands of organisations, ИНН/ОГРН numbers, phones, e-mails, domains, addresses, dates,
//! laws, persons or clauses in one text once took quadratic time (35 s for 8 000 organisations,
//! 17 s for 0.18 MB of domains).
//!
//! Each test analyses and renders a text of size N and one of size 4N and checks the ratio of
//! the times: about 4 when linear, about 16 when quadratic. The smaller run is repeated and the
//! fastest kept, so that a loaded machine does not make a linear path look quadratic.

use std::time::{Duration, Instant};

use polex::bench_support::{dense_text, DENSE_KINDS};
use polex::emit::{CsvProfile, Renderer};
use polex::model::Document;
use polex::Engine;

/// Ratio above which the time is taken as super-linear (linear ≈ 4, quadratic ≈ 16).
const MAX_RATIO: f64 = 8.0;

fn time_one(engine: &Engine, renderer: &Renderer, text: &str) -> Duration {
    let t = Instant::now();
    let doc = engine.analyze(text, Document::default());
    std::hint::black_box(renderer.render_doc(&doc));
    t.elapsed()
}

fn check_linear(kind: &str, n: usize) {
    let engine = Engine::new();
    let renderer = Renderer::new(CsvProfile::Plain, &engine.taxonomy);
    let small = dense_text(kind, n).unwrap();
    let big = dense_text(kind, 4 * n).unwrap();
    // warm up the lazily compiled patterns
    time_one(
        &engine,
        &renderer,
        &small[..small.floor_char_boundary(2000)],
    );
    let t1 = (0..3)
        .map(|_| time_one(&engine, &renderer, &small))
        .min()
        .unwrap();
    let t4 = time_one(&engine, &renderer, &big);
    let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    eprintln!(
        "{kind}: {n} bytes {t1:?}, {} bytes {t4:?}, ratio {ratio:.1}",
        4 * n
    );
    assert!(
        ratio < MAX_RATIO,
        "{kind}: 4× the text took {ratio:.1}× the time ({t1:?} → {t4:?})"
    );
}

macro_rules! linear {
    ($($name:ident: $kind:literal, $n:expr;)*) => {$(
        #[test]
        fn $name() {
            check_linear($kind, $n);
        }
    )*};
}

linear! {
    organisations: "orgs", 40_000;
    inn_numbers: "inn", 40_000;
    ogrn_numbers: "ogrn", 40_000;
    phones: "phones", 40_000;
    emails: "emails", 30_000;
    domains: "domains", 30_000;
    urls: "urls", 30_000;
    addresses: "addresses", 40_000;
    dates: "dates", 40_000;
    laws: "laws", 40_000;
    persons: "persons", 40_000;
    clauses: "clauses", 40_000;
}

#[test]
fn every_kind_has_a_test() {
    assert_eq!(DENSE_KINDS.len(), 12);
    for k in DENSE_KINDS {
        assert!(dense_text(k, 1000).unwrap().len() >= 1000);
    }
    assert!(dense_text("nothing", 10).is_none());
}
