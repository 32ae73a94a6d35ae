//! Entity-dense documents must cost time linear in their size (issue 7, defect 6; issue 14):
//! thousands of organisations, ИНН/ОГРН numbers, phones, e-mails, domains, addresses, dates,
//! laws, persons or clauses in one text once took quadratic time (35 s for 8 000 organisations,
//! 17 s for 0.18 MB of domains).
//!
//! Each test analyses and renders a text of size N and one of size 4N and checks the ratio of
//! the times: about 4 when linear, about 16 when quadratic. The smaller run is repeated and
//! the fastest kept (the larger one too, when it is over the bar), and the tests of this file
//! run one at a time, so that a loaded machine does not make a linear path look quadratic. Practices are classified only for the clause test (the
//! classifier's linear cost would hide a quadratic extractor in a debug build).

use std::time::{Duration, Instant};

#[path = "support/synthetic.rs"]
mod synthetic;

use polex::emit::{CsvProfile, Renderer};
use polex::Engine;
use synthetic::{dense_text, DENSE_KINDS};

/// Ratio above which the time is taken as super-linear (linear ≈ 4, quadratic ≈ 16).
const MAX_RATIO: f64 = 7.0;

/// One timing test at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn time_one(engine: &Engine, renderer: &Renderer, text: &str) -> Duration {
    let t = Instant::now();
    let doc = engine.analyze(text, polex::model::SourceInfo::default());
    std::hint::black_box(renderer.render_doc(&doc));
    t.elapsed()
}

fn check_linear(kind: &str, n: usize) {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut engine = Engine::new();
    engine.practices = kind == "clauses";
    let renderer = Renderer::new(CsvProfile::Plain, &engine.taxonomy);
    let small = dense_text(kind, n).unwrap();
    let big = dense_text(kind, 4 * n).unwrap();
    // warm up the lazily compiled patterns
    time_one(
        &engine,
        &renderer,
        &small[..small.floor_char_boundary(2000)],
    );
    let t1 = (0..2)
        .map(|_| time_one(&engine, &renderer, &small))
        .min()
        .unwrap();
    // The larger run is timed again (the fastest kept, up to three) only when it is over the
    // bar: a load spike of a busy machine passes, a super-linear path stays over it every time.
    let ratio_of = |t4: Duration| t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    let mut t4 = time_one(&engine, &renderer, &big);
    for _ in 0..2 {
        if ratio_of(t4) < MAX_RATIO {
            break;
        }
        t4 = t4.min(time_one(&engine, &renderer, &big));
    }
    let ratio = ratio_of(t4);
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

/// The same at sizes where every formerly quadratic path shows in an optimized build (the
/// debug sizes above are too small for the phone, address, person and clause paths):
/// `cargo test --release --test dense_inputs -- --ignored`.
macro_rules! linear_release {
    ($($name:ident: $kind:literal, $n:expr;)*) => {$(
        #[test]
        #[ignore = "release sizes: cargo test --release --test dense_inputs -- --ignored"]
        fn $name() {
            check_linear($kind, $n);
        }
    )*};
}

linear_release! {
    release_organisations: "orgs", 250_000;
    release_inn_numbers: "inn", 250_000;
    release_ogrn_numbers: "ogrn", 250_000;
    release_phones: "phones", 500_000;
    release_emails: "emails", 250_000;
    release_domains: "domains", 250_000;
    release_urls: "urls", 250_000;
    release_addresses: "addresses", 500_000;
    release_dates: "dates", 500_000;
    release_laws: "laws", 500_000;
    release_persons: "persons", 500_000;
    release_clauses: "clauses", 500_000;
}

linear! {
    organisations: "orgs", 30_000;
    inn_numbers: "inn", 30_000;
    ogrn_numbers: "ogrn", 30_000;
    phones: "phones", 40_000;
    emails: "emails", 15_000;
    domains: "domains", 8_000;
    urls: "urls", 10_000;
    addresses: "addresses", 20_000;
    dates: "dates", 30_000;
    laws: "laws", 30_000;
    persons: "persons", 30_000;
    clauses: "clauses", 30_000;
}

#[test]
fn every_kind_has_a_test() {
    assert_eq!(DENSE_KINDS.len(), 12);
    for k in DENSE_KINDS {
        assert!(dense_text(k, 1000).unwrap().len() >= 1000);
    }
    assert!(dense_text("nothing", 10).is_none());
}
