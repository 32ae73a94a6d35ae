//! Reading the lexicon data files (`data/lexicon/*.tsv`, `data/lexicon/ru/*`), embedded at
//! build time. A leaf module: every stage reads its word lists through it.

/// The rows of an embedded TSV lexicon: blank lines and `#` comments skipped, each row split
/// at TABs into exactly `N` columns. A malformed row is a bug in the shipped data, caught by
/// the unit tests that load every lexicon: it panics naming the file and the line.
pub fn rows<const N: usize>(name: &str, text: &'static str) -> Vec<[&'static str; N]> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, line)| {
            let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            cols.try_into().unwrap_or_else(|c: Vec<&str>| {
                panic!(
                    "{name} line {}: expected {N} columns, got {}",
                    i + 1,
                    c.len()
                )
            })
        })
        .collect()
}

/// The words of an embedded word list, one per line: blank lines and `#` comments skipped,
/// surrounding spaces trimmed.
pub fn words(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::{rows, words};

    #[test]
    fn words_skip_comments_and_blanks() {
        let got: Vec<&str> = words(
            "# list

 г 
ул
",
        )
        .collect();
        assert_eq!(got, ["г", "ул"]);
    }

    #[test]
    fn rows_skip_comments_and_split_columns() {
        let got: Vec<[&str; 2]> = rows("t.tsv", "# c\n\nа\tб\nв\tг\n");
        assert_eq!(got, vec![["а", "б"], ["в", "г"]]);
    }

    #[test]
    #[should_panic(expected = "t.tsv line 2: expected 3 columns, got 2")]
    fn a_bad_row_names_the_line() {
        rows::<3>("t.tsv", "а\tб\tв\nг\tд\n");
    }
}
