//! Laws cited (normalized: `152-ФЗ`, `94-V`, `99-З`, `GDPR`, …) and the jurisdiction.
//!
//! The jurisdiction is a weighted vote over the countries the text points to: laws cited, «в
//! соответствии с законодательством РФ / Республики Казахстан / Республики Беларусь», the city of
//! a court («Арбитражного суда г. Астана»), the identifiers found earlier (БИН/ИИН → KZ, УНП → BY,
//! ИНН/ОГРН → RU), address countries and site domains (.kz/.by/.ru). When laws, legislation or
//! courts of different countries are named, a `jurisdiction_conflict` finding is added.

use super::jurisdiction::{self, CountryEvidence};
use super::names;
use super::scan;
use super::Extraction;
use crate::context::DocContext;
use crate::model::{Mention, MentionKind};

use scan::TRIGGER_CHARS;

/// A law's number: «152-ФЗ» (group `fz`), «№ 94-V» (`kz`, `kzr`), «№ 99-З» (`by`).
const FZ: &str = r"(?P<fz>\d{1,4})\s*-\s*ФЗ";
const NUMBERED: &str =
    r"(?:№|N)\s*(?P<kz>\d{1,4})-(?P<kzr>V|IV|VI)(?:\s*ЗРК)?|(?:№|N)\s*(?P<by>\d{1,4})-З";

/// Titles from `data/lexicon/laws.tsv` and numbers: one pattern searched at candidates, group
/// `i + 1` is title `i`, then the named number groups. The triggers are those of the titles and
/// of [`NUMBERED`]; an [`FZ`] match starts at a digit before «ФЗ» (see [`fz_candidates`]).
fn laws() -> (scan::AtCandidates, Vec<(&'static str, &'static str)>) {
    let mut defs = Vec::new();
    let mut alts = Vec::new();
    let mut trig = Vec::new();
    for [id, country, pat] in
        super::lexicon::rows("laws.tsv", include_str!("../../data/lexicon/laws.tsv"))
    {
        defs.push((id, country));
        alts.push(format!("({pat})"));
        trig.extend(scan::triggers(pat, TRIGGER_CHARS + 1));
    }
    alts.push(FZ.into());
    alts.push(NUMBERED.into());
    trig.extend(scan::triggers(NUMBERED, TRIGGER_CHARS + 1));
    (
        scan::AtCandidates::with_triggers(alts.join("|"), trig),
        defs,
    )
}

/// «законодательство РФ», «законами Российской Федерации», «право Республики Казахстан».
const LEGISLATION: &str = r"(?i)(?:законодательств[а-яёА-ЯЁa-zA-Z0-9_]*|закон(?:ом|ами|ы|а|у)?|прав[оау]|норм[а-яёА-ЯЁa-zA-Z0-9_]*\s+права)[\s*]+(?:(?P<ru>РФ|Российской\s+Федерации)|(?P<kz>РК|Республики\s+Казахстан)|(?P<by>РБ|Республики\s+Беларусь))";

/// «суда г. Астана», «суде города Минска».
const COURT: &str = r"(?i)суд[а-яёА-ЯЁa-zA-Z0-9_]*[\s*]+(?:г\.\s*|города\s+)(?P<city>[а-яёА-ЯЁa-zA-Z][[а-яёА-ЯЁa-zA-Z]-]*)";

/// This module's compiled patterns and tables, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    /// Titles from `data/lexicon/laws.tsv` and numbers (see [`laws`]).
    laws: scan::AtCandidates,
    /// (id, country) of the title of group `i + 1` of `laws`.
    defs: Vec<(&'static str, &'static str)>,
    legislation: scan::AtCandidates,
    court: scan::AtCandidates,
    /// Court cities and their countries (`data/lexicon/ru/court_cities.tsv`), in file order.
    cities: Vec<(&'static str, &'static str)>,
    /// Country stems of addresses and their codes (`data/lexicon/ru/country_stems.tsv`), in
    /// file order.
    country_stems: Vec<[&'static str; 2]>,
}

impl Patterns {
    pub(super) fn new() -> Self {
        let (laws, defs) = laws();
        Patterns {
            laws,
            defs,
            legislation: scan::AtCandidates::new(LEGISLATION.to_string(), TRIGGER_CHARS + 1),
            court: scan::AtCandidates::new(COURT.to_string(), TRIGGER_CHARS + 1),
            cities: cities(),
            country_stems: super::lexicon::rows(
                "country_stems.tsv",
                include_str!("../../data/lexicon/ru/country_stems.tsv"),
            ),
        }
    }
}

/// The literal triggers of this module's patterns, for the shared scan (`extract::registry`).
pub(super) fn patterns(p: &Patterns) -> Vec<super::Registered<'_>> {
    use super::{Narrowed, Registered};
    vec![
        Registered::new(
            "laws: titles and numbers",
            Narrowed::AtCandidates(scan::Src::Laws, &p.laws, law_candidates),
        ),
        Registered::new(
            "laws: the «ФЗ» after a number",
            Narrowed::TriggersOnly(scan::Src::Fz, vec!["ФЗ".to_string()]),
        ),
        Registered::new(
            "laws: legislation of a country",
            Narrowed::AtHits(scan::Src::Legislation, &p.legislation),
        ),
        Registered::new("laws: courts", Narrowed::AtHits(scan::Src::Court, &p.court)),
    ]
}

/// Where a [`laws`] match may start: the hits of its triggers and the numbers before a «ФЗ».
fn law_candidates(text: &str, hits: &scan::Hits) -> Vec<usize> {
    let mut cands = hits[scan::Src::Laws].to_vec();
    fz_candidates(text, &hits[scan::Src::Fz], &mut cands);
    cands.sort_unstable();
    cands.dedup();
    cands
}

/// Where an [`FZ`] match ending with the «ФЗ» at each of `hits` may start: every digit in the
/// run of digits, spaces and dashes right before it.
fn fz_candidates(text: &str, hits: &[usize], out: &mut Vec<usize>) {
    for &h in hits {
        for (i, c) in text[..h].char_indices().rev() {
            if c.is_numeric() {
                out.push(i);
            } else if !(c.is_whitespace() || c == '-') {
                break;
            }
        }
    }
}

/// Court cities and their countries (`data/lexicon/ru/court_cities.tsv`), in file order.
fn cities() -> Vec<(&'static str, &'static str)> {
    super::lexicon::rows::<2>(
        "court_cities.tsv",
        include_str!("../../data/lexicon/ru/court_cities.tsv"),
    )
    .into_iter()
    .map(|[stem, country]| (stem, country))
    .collect()
}

/// Laws cited in `text`: (normalized id, country, byte span), overlaps removed.
fn find_laws(
    p: &Patterns,
    text: &str,
    hits: &scan::Hits,
) -> Vec<(String, &'static str, usize, usize)> {
    let (laws, defs) = (&p.laws, &p.defs);
    let cands = law_candidates(text, hits);
    let mut out: Vec<(String, &'static str, usize, usize)> = Vec::new();
    laws.captures(text, &cands, |off, c| {
        let m = c.get(0).unwrap();
        let (ms, me) = (off + m.start(), off + m.end());
        let first = text[ms..].chars().next().unwrap_or(' ');
        let start_ok = !first.is_alphanumeric() || names::word_starts(text, ms);
        if !start_ok || !names::word_ends(text, me) {
            return;
        }
        let (id, country) = if let Some(n) = c.name("fz") {
            (format!("{}-ФЗ", n.as_str()), "RU")
        } else if let Some(n) = c.name("kz") {
            (format!("{}-{}", n.as_str(), &c["kzr"]), "KZ")
        } else if let Some(n) = c.name("by") {
            (format!("{}-З", n.as_str()), "BY")
        } else if let Some(i) = (1..=defs.len()).find(|&i| c.get(i).is_some()) {
            (defs[i - 1].0.to_string(), defs[i - 1].1)
        } else {
            return;
        };
        out.push((id, country, ms, me));
    });
    // a title next to its number («№ 152-ФЗ «О персональных данных»», «Об информации…» от
    // 27.07.2006 N 149-ФЗ) is one citation
    out.dedup_by(|b, a| a.0 == b.0 && b.2 <= a.3 + 40);
    out
}

fn country_of_address(p: &Patterns, c: &str) -> Option<&'static str> {
    let c = c.to_lowercase();
    p.country_stems
        .iter()
        .find(|[stem, code]| c == code.to_lowercase() || c.contains(stem))
        .map(|[_, code]| *code)
}

pub(super) fn extract(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let hits = std::mem::take(&mut out.hits);
    let text = ctx.text;
    let mut evidence = Vec::new();
    let mut laws = crate::dedup::Unique::from_vec(std::mem::take(&mut out.laws));
    for (id, country, start, end) in find_laws(p, text, &hits) {
        if !laws.contains(&id) {
            laws.push(id.clone());
        }
        if country != "EU" {
            evidence.push(CountryEvidence {
                country,
                kind: "law",
                start,
                weight: 3,
            });
        }
        out.mentions.push(Mention {
            kind: MentionKind::Law,
            text: text[start..end].to_string(),
            value: id,
            valid: None,
            start: ctx.char_offset(start),
            end: ctx.char_offset(end),
            clause: ctx.clause_at(start),
        });
    }
    out.laws = laws.into_vec();
    p.legislation
        .captures(text, &hits[scan::Src::Legislation], |off, c| {
            let m = c.get(0).unwrap();
            let (ms, me) = (off + m.start(), off + m.end());
            if !names::bounded(text, ms, me) {
                return;
            }
            let country = if c.name("ru").is_some() {
                "RU"
            } else if c.name("kz").is_some() {
                "KZ"
            } else {
                "BY"
            };
            evidence.push(CountryEvidence {
                country,
                kind: "legislation",
                start: ms,
                weight: 2,
            });
        });
    p.court.captures(text, &hits[scan::Src::Court], |off, c| {
        let ms = off + c.get(0).unwrap().start();
        if !names::word_starts(text, ms) {
            return;
        }
        let city = c["city"].to_lowercase();
        if let Some(&(_, country)) = p.cities.iter().find(|(p, _)| city.starts_with(p)) {
            evidence.push(CountryEvidence {
                country,
                kind: "court",
                start: ms,
                weight: 2,
            });
        }
    });
    for id in &out.identifiers {
        let Some(country) = super::id_types::id_type(id.kind).country else {
            continue;
        };
        evidence.push(CountryEvidence {
            country,
            kind: "id",
            start: ctx.byte_offset(id.start),
            weight: 2,
        });
    }
    for a in &out.addresses {
        if let Some(country) = a.country.as_deref().and_then(|c| country_of_address(p, c)) {
            evidence.push(CountryEvidence {
                country,
                kind: "address",
                start: ctx.byte_offset(a.start),
                weight: 1,
            });
        }
    }
    for w in &out.websites {
        let country = match w.rsplit('.').next() {
            Some("kz") => "KZ",
            Some("by") => "BY",
            Some("ru") | Some("рф") => "RU",
            _ => continue,
        };
        evidence.push(CountryEvidence {
            country,
            kind: "domain",
            start: 0,
            weight: 1,
        });
    }
    out.jurisdiction = jurisdiction::vote(&evidence).or_else(|| {
        out.laws
            .iter()
            .any(|l| l == "GDPR")
            .then(|| "EU".to_string())
    });
    if let Some(f) = jurisdiction::conflict(ctx, &evidence) {
        out.findings.push(f);
    }
    out.hits = hits;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IdKind;

    /// The court cities from data are the old literal table, in its order (issue 8.8).
    #[test]
    fn court_cities_are_the_old_table() {
        const OLD: &[(&str, &str)] = &[
            ("астан", "KZ"),
            ("нур-султан", "KZ"),
            ("алмат", "KZ"),
            ("шымкент", "KZ"),
            ("караганд", "KZ"),
            ("минск", "BY"),
            ("гомел", "BY"),
            ("брест", "BY"),
            ("витебск", "BY"),
            ("гродн", "BY"),
            ("могил", "BY"),
            ("москв", "RU"),
            ("санкт-петербург", "RU"),
        ];

        assert_eq!(super::cities(), OLD);
    }

    fn run(text: &str) -> Extraction {
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = crate::extract::compiled().start(text);
        extract(&crate::extract::compiled().laws, &ctx, &mut e);
        e
    }

    #[test]
    fn normalizes_law_citations() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            (
                "Федеральным законом РФ № 152-ФЗ «О персональных данных» и иными",
                &["152-ФЗ"],
                Some("RU"),
            ),
            (
                "законодательством РФ (в частности, ФЗ «О персональных данных».)",
                &["152-ФЗ"],
                Some("RU"),
            ),
            (
                "«Об информации, информационных технологиях и о защите информации» от 27.07.2006 N 149-ФЗ",
                &["149-ФЗ"],
                Some("RU"),
            ),
            ("Федеральным законом «О рекламе» от 13.03.2006 N 38-ФЗ", &["38-ФЗ"], Some("RU")),
            (
                "Законом Республики Казахстан от 21 мая 2013 года № 94-V «О персональных данных и их защите»",
                &["94-V"],
                Some("KZ"),
            ),
            (
                "Закона Республики Беларусь от 07.05.2021 № 99-З «О защите персональных данных»",
                &["99-З"],
                Some("BY"),
            ),
            ("Законом Республики Беларусь от 07.05.2021 №99-З", &["99-З"], Some("BY")),
            ("в соответствии с GDPR", &["GDPR"], Some("EU")),
            ("• Закон РФ от 07.02.1992 № 2300-1 «О защите прав потребителей»", &["2300-1"], Some("RU")),
        ];
        for (text, laws, jur) in cases {
            let e = run(text);
            assert_eq!(e.laws, *laws, "{text}");
            assert_eq!(e.jurisdiction.as_deref(), *jur, "{text}");
            assert_eq!(e.mentions.len(), laws.len(), "{text}");
        }
    }

    #[test]
    fn jurisdiction_from_legislation_courts_and_ids() {
        // seed 003: Russian law many times, «законодательства РК» and a court in Astana once
        let text = "законодательством **Российской Федерации**. законами **Российской Федерации**. соблюдение требований законодательства РК, в том числе. спор будет передан на рассмотрение Арбитражного суда г. Астана. применяется действующее законодательство **Российской Федерации**.";
        let e = run(text);
        assert_eq!(e.jurisdiction.as_deref(), Some("RU"));
        assert_eq!(e.findings.len(), 1);
        assert_eq!(
            e.findings[0].code,
            crate::model::FindingCode::JurisdictionConflict
        );
        assert!(
            e.findings[0].message.contains("KZ"),
            "{}",
            e.findings[0].message
        );

        let text = "БИН/ИИН: 190440000695";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = crate::extract::compiled().start(text);
        e.identifiers.push(crate::model::Identifier {
            kind: IdKind::Bin,
            value: "190440000695".into(),
            start: 9,
            end: 21,
            ..Default::default()
        });
        extract(&crate::extract::compiled().laws, &ctx, &mut e);
        assert_eq!(e.jurisdiction.as_deref(), Some("KZ"));
        assert!(e.findings.is_empty());

        assert_eq!(run("Политика конфиденциальности").jurisdiction, None);
    }
}
