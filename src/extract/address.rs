//! Postal addresses: "410000, г. Саратов, ул.Московская, 109", "г. Краснодар, Краснодарский край,
//! Россия", "220073, Республика Беларусь, г. Минск, ул. Ольшевского, дом 24, оф. 7А",
//! "г. Алматы, проспект Райымбека 481 В, 050061".
//!
//! An address is read as a chain of comma-separated components (postal code, country, region,
//! city or settlement, street, house / building / flat / office) starting at an anchor: a label
//! ("Адрес:", "Юридический адрес:", "Место нахождения:", "по адресу"), a postal code followed by a
//! comma, or "г. X" followed by a street. The chain stops at the first piece that is no address
//! component, so running text after the address is not swallowed.

use regex::Regex;

use super::scan::{next_digit, window};
use super::Extraction;
use crate::context::DocContext;
use crate::model::{Address, Mention, MentionKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Postal,
    Country,
    Region,
    City,
    Settlement,
    Street,
    Building,
}

// In the patterns below, `{CLASS}` stands for the alternatives of that class of
// `data/lexicon/ru/address_words.tsv` (see [`fill`]), `{country}` for the names of
// `address_countries.tsv`.

/// Where an address label may be: a fast literal scan; [`LABEL_RE`] decides at each hit.
const LABEL_HIT_RE: &str = r"(?i){label_hit}";

/// An address label, anchored at a hit of [`LABEL_HIT_RE`]: "адрес …:" (with an optional
/// qualifier), "адресу" (after "по"), "место нахождения", "местонахождение".
const LABEL_RE: &str = r"(?i)\A(?:адрес(?P<u>у)?(?:\s+(?:{label_qualifier}))?[ \t]*(?P<colon>:)?|место\s*нахождени[яе][ \t]*:?|местонахождение[ \t]*:?)";

/// "по " right before "адресу".
const PO_RE: &str = r"(?i)(?:^|[^\w])по\s+$";

/// "г." / "город" (a literal search; `str::match_indices` is much slower on short needles).
const CITY_HIT_RE: &str = r"{city_hit}";

const POSTAL_RE: &str = r"\A\d{6}(?:[^\d]|$)";

const COUNTRY_RE: &str = r"\A(?:{country})\b";

const REGION_RE: &str = r"\A(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?\s+(?:{region_type})|(?:{republic})\s+[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?|(?:{region_before})\s+[А-ЯЁ][а-яё]+)";

const CITY_RE: &str =
    r"\A(?:(?:{city_prefix})\s?(?P<n1>[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁ][а-яё]+)*)|(?P<n2>{city})\b)";

const SETTLEMENT_RE: &str = r"\A(?:{settlement})\s?(?P<n>[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁ][а-яё]+)*)";

const STREET_PREFIX_RE: &str =
    r"\A(?:{street_prefix})\s?(?:\d+-?[а-яй]{0,2}\s)?[А-ЯЁA-Z0-9«\x22][^,\n;()]{0,40}";

const STREET_POSTFIX_RE: &str = r"\A(?:\d+-?[яйе]\s+)?[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?\s+(?:{street_postfix})(?:\s+\d+-?[яй]?)?";

/// A house number at the end of a street component ("проспект Райымбека 481 В").
const TRAILING_NUMBER_RE: &str =
    r"^(?P<street>.*?\S)\s+(?P<num>\d+[А-Яа-яA-Za-z]?(?:/\d+[А-Яа-я]?)?(?:\s[А-ЯA-Z])?)$";

/// Sentence end inside a street run ("ул. Ленина. Телефон …").
const SENTENCE_END_RE: &str = r"\.\s+[А-ЯЁA-Z]|\s+(?:{sentence_end})\s";

const BUILDING_RE: &str = r"\A(?:(?:{building})\s?(?:№\s?)?(?:\d+[А-Яа-яA-Za-z]?(?:[/-][0-9А-Яа-яA-Za-z]+)*|[IVX]+\b|[А-ЯA-Z]\b)?|\d+-?[йя]?\s+этаж|\d{1,4}[А-Яа-яA-Za-z]?(?:/\d+[А-Яа-я]?)?(?:\s?(?:к|корп\.?|стр\.?)\s?\d+)?(?:\s[А-ЯA-Z]\b)?)";

/// "(каб. 7А-1-162)" after a component, without a comma.
const PAREN_RE: &str = r"\A[ \t]*\((?:{paren})[^)\n]{0,30}\)";

const COMMA_RE: &str = r"\A[ \t]*,[ \t]*";

/// This module's compiled patterns, built once by the [`crate::Engine`].
pub(super) struct Patterns {
    label_hit: Regex,
    label: Regex,
    po: Regex,
    city_hit: Regex,
    postal: Regex,
    country: Regex,
    region: Regex,
    city: Regex,
    settlement: Regex,
    street_prefix: Regex,
    street_postfix: Regex,
    trailing_number: Regex,
    sentence_end: Regex,
    building: Regex,
    paren: Regex,
    comma: Regex,
    /// The countries of `address_countries.tsv`: (name, code), in file order.
    countries: Vec<(&'static str, &'static str)>,
    /// A label starting with one of these (`address_words.tsv`, `address`) needs a colon or «по».
    address: Vec<&'static str>,
    /// A bare number containing one of these is no house (`address_words.tsv`, `floor`).
    floor: Vec<&'static str>,
}

impl Patterns {
    pub(super) fn new() -> Self {
        let words = super::lexicon::rows::<2>(
            "address_words.tsv",
            include_str!("../../data/lexicon/ru/address_words.tsv"),
        );
        let countries: Vec<(&'static str, &'static str)> = super::lexicon::rows::<2>(
            "address_countries.tsv",
            include_str!("../../data/lexicon/ru/address_countries.tsv"),
        )
        .into_iter()
        .map(|[name, code]| (name, code))
        .collect();
        let class = |name: &str| -> Vec<&'static str> {
            words
                .iter()
                .filter(|r| r[0] == name)
                .map(|r| r[1])
                .collect()
        };
        let re = |template: &str| Regex::new(&fill(template, &words)).unwrap();
        let names: Vec<String> = countries.iter().map(|(n, _)| regex::escape(n)).collect();
        Patterns {
            label_hit: re(LABEL_HIT_RE),
            label: re(LABEL_RE),
            po: Regex::new(PO_RE).unwrap(),
            city_hit: re(CITY_HIT_RE),
            postal: Regex::new(POSTAL_RE).unwrap(),
            country: Regex::new(&COUNTRY_RE.replace("{country}", &names.join("|"))).unwrap(),
            region: re(REGION_RE),
            city: re(CITY_RE),
            settlement: re(SETTLEMENT_RE),
            street_prefix: re(STREET_PREFIX_RE),
            street_postfix: re(STREET_POSTFIX_RE),
            trailing_number: Regex::new(TRAILING_NUMBER_RE).unwrap(),
            sentence_end: re(SENTENCE_END_RE),
            building: re(BUILDING_RE),
            paren: re(PAREN_RE),
            comma: Regex::new(COMMA_RE).unwrap(),
            countries,
            address: class("address"),
            floor: class("floor"),
        }
    }
}

/// `template` with each `{CLASS}` replaced by the alternatives of that class of
/// `address_words.tsv` (`CLASS<TAB>ALTERNATIVE` rows), joined with `|` in file order.
fn fill(template: &str, words: &[[&'static str; 2]]) -> String {
    let mut out = template.to_string();
    let mut classes: Vec<&str> = words.iter().map(|r| r[0]).collect();
    classes.dedup();
    for c in classes {
        let alts: Vec<&str> = words.iter().filter(|r| r[0] == c).map(|r| r[1]).collect();
        out = out.replace(&format!("{{{c}}}"), &alts.join("|"));
    }
    out
}

struct Component {
    part: Part,
    start: usize,
    end: usize,
    /// Normalized value (city name, street, country code…).
    value: String,
    /// For a street with a trailing house number.
    house: Option<String>,
}

/// The code of a country the country pattern matched (`address_countries.tsv`).
fn country_code(p: &Patterns, s: &str) -> &'static str {
    p.countries
        .iter()
        .find(|(name, _)| *name == s)
        .map_or("", |(_, code)| code)
}

/// Try every component at `pos`.
fn component(p: &Patterns, text: &str, pos: usize, have_place: bool) -> Option<Component> {
    let rest = window(text, pos, 200);
    let mk = |part, len: usize, value: String| Component {
        part,
        start: pos,
        end: pos + len,
        value,
        house: None,
    };
    if p.postal.is_match(rest) {
        return Some(mk(Part::Postal, 6, rest[..6].to_string()));
    }
    if let Some(m) = p.country.find(rest) {
        return Some(mk(
            Part::Country,
            m.end(),
            country_code(p, m.as_str()).to_string(),
        ));
    }
    if let Some(c) = p.city.captures(rest) {
        let name = c.name("n1").or(c.name("n2")).unwrap().as_str().to_string();
        return Some(mk(Part::City, c.get(0).unwrap().end(), name));
    }
    if let Some(m) = p.region.find(rest) {
        return Some(mk(Part::Region, m.end(), m.as_str().to_string()));
    }
    if let Some(c) = p.settlement.captures(rest) {
        let name = c.name("n").unwrap().as_str().to_string();
        return Some(mk(Part::Settlement, c.get(0).unwrap().end(), name));
    }
    if let Some(m) = p
        .street_prefix
        .find(rest)
        .or_else(|| p.street_postfix.find(rest))
    {
        let mut s = m.as_str();
        // Look for a sentence end after the street type ("ул. " has a dot of its own).
        let name_start = s
            .find(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '«' || c == '"')
            .unwrap_or(0);
        if let Some(cut) = p.sentence_end.find(&s[name_start..]) {
            s = &s[..name_start + cut.start()];
        }
        let s = s.trim_end_matches([' ', '\t', '.']);
        let mut comp = mk(Part::Street, s.len(), s.to_string());
        if let Some(c) = p.trailing_number.captures(s) {
            comp.value = c["street"].to_string();
            comp.house = Some(c["num"].to_string());
        }
        return Some(comp);
    }
    if let Some(m) = p.building.find(rest) {
        let s = m.as_str().trim_end();
        // A bare number is a house only after a place or a street.
        let bare =
            s.starts_with(|c: char| c.is_ascii_digit()) && !p.floor.iter().any(|w| s.contains(w));
        if !s.is_empty() && (!bare || have_place) {
            return Some(mk(Part::Building, s.len(), s.to_string()));
        }
    }
    None
}

/// Read a chain of components from `pos`.
fn chain(p: &Patterns, text: &str, mut pos: usize) -> Vec<Component> {
    let mut parts: Vec<Component> = Vec::new();
    loop {
        let have_place = parts
            .iter()
            .any(|c| matches!(c.part, Part::Street | Part::City | Part::Settlement));
        let Some(c) = component(p, text, pos, have_place) else {
            break;
        };
        // A component must end at a boundary (no glued letters).
        if text[c.end..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_alphanumeric())
            && c.part != Part::Street
        {
            break;
        }
        pos = c.end;
        parts.push(c);
        if let Some(m) = p.paren.find(window(text, pos, 64)) {
            parts.push(Component {
                part: Part::Building,
                start: pos + (m.as_str().len() - m.as_str().trim_start().len()),
                end: pos + m.end(),
                value: m.as_str().trim().to_string(),
                house: None,
            });
            pos += m.end();
        }
        match p.comma.find(window(text, pos, 16)) {
            Some(m) => {
                // Postal code after the street without comma ("481 В, 050061 БИН…") is handled
                // by the comma; a chain may also continue after a space for a postal code.
                let next = pos + m.end();
                if component(p, text, next, true).is_none() {
                    break;
                }
                pos = next;
            }
            None => break,
        }
    }
    parts
}

fn accept(parts: &[Component], anchor_is_label: bool, anchor_is_postal: bool) -> bool {
    let has = |p: Part| parts.iter().any(|c| c.part == p);
    let street = has(Part::Street);
    let place = has(Part::City) || has(Part::Settlement);
    if parts.len() < 2 {
        return false;
    }
    if anchor_is_label {
        street || place || has(Part::Postal)
    } else if anchor_is_postal {
        street || place || has(Part::Region)
    } else {
        street
    }
}

fn build(ctx: &DocContext, parts: &[Component]) -> Address {
    let text = ctx.text;
    let start = parts[0].start;
    let end = parts.last().unwrap().end;
    let mut a = Address {
        text: text[start..end].to_string(),
        start: ctx.char_offset(start),
        end: ctx.char_offset(end),
        clause: ctx.clause_at(start),
        ..Default::default()
    };
    let mut building: Vec<String> = Vec::new();
    let mut settlement = None;
    for c in parts {
        match c.part {
            Part::Postal => {
                a.postal_code.get_or_insert_with(|| c.value.clone());
            }
            Part::Country => {
                a.country.get_or_insert_with(|| c.value.clone());
            }
            Part::City => {
                a.city.get_or_insert_with(|| c.value.clone());
            }
            Part::Settlement => {
                settlement.get_or_insert_with(|| c.value.clone());
            }
            Part::Street => {
                a.street.get_or_insert_with(|| c.value.clone());
                if let Some(h) = &c.house {
                    building.push(h.clone());
                }
            }
            Part::Region => {}
            Part::Building => building.push(c.value.clone()),
        }
    }
    if a.city.is_none() {
        a.city = settlement;
    }
    if !building.is_empty() {
        a.building = Some(building.join(", "));
    }
    a
}

fn prev_is_alnum(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn key(a: &Address) -> String {
    let norm = |s: &Option<String>| {
        crate::lexicon::fold(s.as_deref().unwrap_or(""))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    if a.street.is_some() {
        format!(
            "{}|{}|{}",
            norm(&a.city),
            norm(&a.street),
            norm(&a.building)
        )
    } else {
        norm(&Some(a.text.clone()))
    }
}

pub(super) fn extract(p: &Patterns, ctx: &DocContext, out: &mut Extraction) {
    let text = ctx.text;
    // Candidate starts: (byte, label anchor?, postal anchor?)
    let mut starts: Vec<(usize, bool, bool)> = Vec::new();
    for h in p.label_hit.find_iter(text) {
        let hs = h.start();
        if text[..hs]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let Some(c) = p.label.captures(window(text, hs, 120)) else {
            continue;
        };
        let whole = c.get(0).unwrap();
        let label = whole.as_str().to_lowercase();
        let is_adres = p.address.iter().any(|w| label.starts_with(w));
        if is_adres && c.name("colon").is_none() {
            // "адресу" without a colon only after "по".
            let from = hs.saturating_sub(12);
            let mut from = from;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            if c.name("u").is_none() || !p.po.is_match(&text[from..hs]) {
                continue;
            }
        }
        let end = hs + whole.end();
        let rest = &text[end..];
        let skip = rest.len() - rest.trim_start_matches([' ', '\t', '\u{A0}']).len();
        let mut p = end + skip;
        if text[p..].starts_with('\n') {
            p += 1;
            let r = &text[p..];
            p += r.len() - r.trim_start_matches([' ', '\t', '\u{A0}']).len();
        }
        starts.push((p, true, false));
    }
    // Unlabelled starts: a postal code followed by a comma ("410000, г. Саратов").
    let b = text.as_bytes();
    let mut i = 0;
    while i + 6 < b.len() {
        if !b[i].is_ascii_digit() {
            i = next_digit(b, i);
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j - i == 6 && b.get(j) == Some(&b',') && (i == 0 || !prev_is_alnum(text, i)) {
            starts.push((i, false, true));
        }
        i = j;
    }
    // … or "г. Город" / "город Город" (a street must follow, see `accept`).
    for m in p.city_hit.find_iter(text) {
        let p = m.start();
        if prev_is_alnum(text, p) {
            continue;
        }
        let after = text[m.end()..].trim_start_matches(' ');
        if after.starts_with(|c: char| ('А'..='Я').contains(&c) || c == 'Ё') {
            starts.push((p, false, false));
        }
    }
    starts.sort_by_key(|s| (s.0, !s.1));
    let mut covered_until = 0;
    let mut keys: crate::dedup::Index<String> = crate::dedup::Index::default();
    for (pos, label, postal) in starts {
        if pos < covered_until || pos >= text.len() {
            continue;
        }
        let parts = chain(p, text, pos);
        if !accept(&parts, label, postal) {
            continue;
        }
        let a = build(ctx, &parts);
        covered_until = parts.last().unwrap().end;
        out.mentions.push(Mention {
            kind: MentionKind::Address,
            text: a.text.clone(),
            value: a.text.split_whitespace().collect::<Vec<_>>().join(" "),
            valid: None,
            start: a.start,
            end: a.end,
            clause: a.clause.clone(),
        });
        if let Ok(i) = keys.get_or_insert(key(&a), out.addresses.len()) {
            let prev = &mut out.addresses[i];
            if prev.postal_code.is_none() {
                prev.postal_code = a.postal_code;
            }
            if prev.country.is_none() {
                prev.country = a.country;
            }
        } else {
            out.addresses.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns filled from `address_words.tsv` and `address_countries.tsv` are the old
    /// literals, and every country has its code.
    #[test]
    fn address_patterns_are_the_old_literals() {
        let p = Patterns::new();
        for (got, want) in [
            (
                p.label_hit.as_str(),
                r"(?i)адрес|место\s*нахождени|местонахождени",
            ),
            (
                p.label.as_str(),
                r"(?i)\A(?:адрес(?P<u>у)?(?:\s+(?:местонахождения|места нахождения|регистрации|офиса|банка|организации|оператора))?[ \t]*(?P<colon>:)?|место\s*нахождени[яе][ \t]*:?|местонахождение[ \t]*:?)",
            ),
            (p.city_hit.as_str(), r"г\.|город"),
            (
                p.country.as_str(),
                r"\A(?:Российская Федерация|Россия|РФ|Республика Беларусь|Беларусь|Республика Казахстан|Казахстан|Республика Армения|Армения|Кыргызская Республика|Кыргызстан|Республика Узбекистан|Узбекистан)\b",
            ),
            (
                p.region.as_str(),
                r"\A(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?\s+(?:область|обл\.|край|район|р-н|округ|автономный округ)|(?:Республика|Респ\.)\s+[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?|(?:область|обл\.|край)\s+[А-ЯЁ][а-яё]+)",
            ),
            (
                p.city.as_str(),
                r"\A(?:(?:г\.|гор\.|город)\s?(?P<n1>[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁ][а-яё]+)*)|(?P<n2>Москва|Санкт-Петербург|Севастополь|Минск|Алматы|Астана|Нур-Султан|Шымкент|Караганда|Ереван|Бишкек|Ташкент)\b)",
            ),
            (
                p.settlement.as_str(),
                r"\A(?:пос\.|п\.|пгт\.?|рп\.?|с\.|село|дер\.|д\.|деревня|ст-ца|станица|аул|х\.)\s?(?P<n>[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁ][а-яё]+)*)",
            ),
            (
                p.street_prefix.as_str(),
                r"\A(?:ул\.|улица|пр-т|пр-кт|просп\.|проспект|пр\.|пер\.|переулок|ш\.|шоссе|б-р|бульвар|наб\.|набережная|пл\.|площадь|мкр\.?|мкрн\.?|микрорайон|проезд|пр-д|туп\.|тупик|аллея|тракт|кв-л|квартал)\s?(?:\d+-?[а-яй]{0,2}\s)?[А-ЯЁA-Z0-9«\x22][^,\n;()]{0,40}",
            ),
            (
                p.street_postfix.as_str(),
                r"\A(?:\d+-?[яйе]\s+)?[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?\s+(?:улица|ул\.|проспект|пр-т|переулок|пер\.|шоссе|бульвар|набережная|площадь|проезд|тупик)(?:\s+\d+-?[яй]?)?",
            ),
            (
                p.sentence_end.as_str(),
                r"\.\s+[А-ЯЁA-Z]|\s+(?:и|или|а также|тел\.?|телефон)\s",
            ),
            (
                p.building.as_str(),
                r"\A(?:(?:д\.|дом|зд\.|здание|стр\.|строение|корп\.|корпус|к\.|лит\.|литера?|кв\./оф\.|кв\.|квартира|оф\.|офис|пом\.|помещение|каб\.|кабинет|комн?\.|комната|эт\.|этаж)\s?(?:№\s?)?(?:\d+[А-Яа-яA-Za-z]?(?:[/-][0-9А-Яа-яA-Za-z]+)*|[IVX]+\b|[А-ЯA-Z]\b)?|\d+-?[йя]?\s+этаж|\d{1,4}[А-Яа-яA-Za-z]?(?:/\d+[А-Яа-я]?)?(?:\s?(?:к|корп\.?|стр\.?)\s?\d+)?(?:\s[А-ЯA-Z]\b)?)",
            ),
            (
                p.paren.as_str(),
                r"\A[ \t]*\((?:каб\.|кабинет|оф\.|офис|пом\.|помещение|эт\.|этаж)[^)\n]{0,30}\)",
            ),
        ] {
            assert_eq!(got, want);
        }
        assert_eq!(p.address, ["адрес"]);
        assert_eq!(p.floor, ["этаж"]);
        let code = |s| country_code(&p, s);
        assert_eq!(
            [code("РФ"), code("Беларусь"), code("Республика Казахстан")],
            ["RU", "BY", "KZ"]
        );
        assert_eq!(
            [code("Армения"), code("Кыргызстан"), code("Узбекистан")],
            ["AM", "KG", "UZ"]
        );
    }

    fn run(text: &str) -> Vec<Address> {
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Extraction::default();
        extract(&crate::extract::compiled().address, &ctx, &mut e);
        e.entities.addresses
    }

    type Row<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );

    #[test]
    fn addresses_from_real_text() {
        // (text, address text, postal, country, city, street, building)
        let cases: &[Row] = &[
            (
                "расположенного по адресу 410000, г. Саратов, ул.Московская, 109 (далее – Администрация Сайта)",
                "410000, г. Саратов, ул.Московская, 109",
                Some("410000"), None, Some("Саратов"), Some("ул.Московская"), Some("109"),
            ),
            (
                "Адрес: г. Краснодар, Краснодарский край, Россия\n\n11. РЕКВИЗИТЫ",
                "г. Краснодар, Краснодарский край, Россия",
                None, Some("RU"), Some("Краснодар"), None, None,
            ),
            (
                "Адрес: 220073, Республика Беларусь, г. Минск, ул. Ольшевского, дом 24, оф. 7А, пом. (каб. 7А-1-162)\nЭлектронная почта",
                "220073, Республика Беларусь, г. Минск, ул. Ольшевского, дом 24, оф. 7А, пом. (каб. 7А-1-162)",
                Some("220073"), Some("BY"), Some("Минск"), Some("ул. Ольшевского"), Some("дом 24, оф. 7А, пом., (каб. 7А-1-162)"),
            ),
            (
                "Юр.адрес: г. Алматы, проспект Райымбека 481 В, 050061 БИН/ИИН: 190440000695",
                "г. Алматы, проспект Райымбека 481 В, 050061",
                Some("050061"), None, Some("Алматы"), Some("проспект Райымбека"), Some("481 В"),
            ),
            (
                "Юридический адрес: Москва, 111674, 1-я Вольская улица, 13 к2, кв.71\nРасчетный счет",
                "Москва, 111674, 1-я Вольская улица, 13 к2, кв.71",
                Some("111674"), None, Some("Москва"), Some("1-я Вольская улица"), Some("13 к2, кв.71"),
            ),
            (
                "• Адрес: 607665, Нижегородская область, Кстовский р-н, д. Афонино, ул. Академическая, д. 2, кв./оф. 3.",
                "607665, Нижегородская область, Кстовский р-н, д. Афонино, ул. Академическая, д. 2, кв./оф. 3",
                Some("607665"), None, Some("Афонино"), Some("ул. Академическая"), Some("д. 2, кв./оф. 3"),
            ),
            (
                "по адресу: 105187, г. Москва, ул. Фортунатовская, д. 31/35, кв. 98, или по электронной почте",
                "105187, г. Москва, ул. Фортунатовская, д. 31/35, кв. 98",
                Some("105187"), None, Some("Москва"), Some("ул. Фортунатовская"), Some("д. 31/35, кв. 98"),
            ),
            (
                "Место нахождения: 220123, г. Москва, ул. Старовиленская, 100/7, 2-й этаж.",
                "220123, г. Москва, ул. Старовиленская, 100/7, 2-й этаж",
                Some("220123"), None, Some("Москва"), Some("ул. Старовиленская"), Some("100/7, 2-й этаж"),
            ),
        ];
        for (text, want, pc, country, city, street, building) in cases {
            let got = run(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            let a = &got[0];
            assert_eq!(a.text, *want, "{text}");
            assert_eq!(a.postal_code.as_deref(), *pc, "{text}");
            assert_eq!(a.country.as_deref(), *country, "{text}");
            assert_eq!(a.city.as_deref(), *city, "{text}");
            assert_eq!(a.street.as_deref(), *street, "{text}");
            assert_eq!(a.building.as_deref(), *building, "{text}");
        }
    }

    #[test]
    fn not_addresses() {
        for text in [
            "Адрес: [Юридический адрес]",
            "по адресу: kosmetika72@bk.ru",
            "размещена по адресу: https://sparcom.ru/documents?tab=privacy.",
            "г. Москва «01» января 2026 г.",
            "• Адрес электронной почты",
            "в течение 30 дней, 123456 раз",
        ] {
            assert!(run(text).is_empty(), "{text}: {:?}", run(text));
        }
    }

    #[test]
    fn same_address_twice_is_one_entry_with_the_postal_code() {
        let text = "(адрес: г. Москва, ул. Фортунатовская, д. 31/35, кв. 98)\n\nПочтовый адрес: 105187, г. Москва, ул. Фортунатовская, д. 31/35, кв. 98";
        let ctx = DocContext::new(text, &[], &[]);
        let mut e = Extraction::default();
        extract(&crate::extract::compiled().address, &ctx, &mut e);
        assert_eq!(e.addresses.len(), 1);
        assert_eq!(e.addresses[0].postal_code.as_deref(), Some("105187"));
        assert_eq!(e.mentions.len(), 2);
    }
}
