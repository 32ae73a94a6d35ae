use super::*;

fn numbers(text: &str) -> Vec<String> {
    segment(&crate::normalize::normalize(text))
        .clauses
        .into_iter()
        .map(|c| c.number)
        .collect()
}

#[test]
fn placeholder() {
    assert_eq!(numbers("1. А\n\n1.1. Б"), vec!["1", "1.1"]);
}
