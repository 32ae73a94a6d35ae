//! The closed sets of values of the public model (`Operator.kind`, `Organization.role`, …):
//! enums serialized as the same snake_case strings the JSON and CSV files have always had.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};

/// The JSON Schema of a closed set of strings: `{"type": "string", "enum": [...]}`.
fn string_enum_schema(values: impl IntoIterator<Item = &'static str>) -> Schema {
    let values: Vec<&str> = values.into_iter().collect();
    json_schema!({"type": "string", "enum": values})
}

/// An enum of unit variants, each with the string it is written as: `as_str`, `parse`, `ALL`,
/// `Display`, a `Serialize` that writes the string (so the output cannot drift from it) and a
/// `JsonSchema` that lists every string (the `enum` of the schemas of the JSONL files).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $s:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The name written in the output files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s,)*
                }
            }

            /// The value written as `s`, if any.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                string_enum_schema($name::ALL.iter().map(|v| v.as_str()))
            }
        }
    };
}

string_enum! {
    /// What the operator is (`Operator.kind`).
    pub enum OperatorKind {
        /// A legal entity (ООО, АО, ТОО, …).
        #[default]
        Organization => "organization",
        /// An individual entrepreneur (ИП).
        IndividualEntrepreneur => "individual_entrepreneur",
        /// A natural person named without a legal form.
        Person => "person",
    }
}

string_enum! {
    /// What another organization does for the operator (`Organization.role`).
    pub enum OrgRole {
        /// A bank.
        Bank => "bank",
        /// A payment system or acquirer.
        Payment => "payment",
        /// Hosting, servers, data centres, cloud.
        Hosting => "hosting",
        /// Web analytics and statistics.
        Analytics => "analytics",
        /// Delivery, couriers, logistics, post.
        Delivery => "delivery",
        /// Processes data on the operator's behalf (contractor, accountant).
        Processor => "processor",
        /// A state authority, court, tax office.
        Authority => "authority",
        /// None of the above.
        #[default]
        Other => "other",
    }
}

string_enum! {
    /// The type of a registration / tax / bank identifier (`Identifier.kind`, `type` in JSON).
    pub enum IdKind {
        /// Russian taxpayer number (ИНН, 10 or 12 digits).
        #[default]
        Inn => "inn",
        /// Russian primary state registration number (ОГРН, 13 digits).
        Ogrn => "ogrn",
        /// ОГРН of an individual entrepreneur (ОГРНИП, 15 digits).
        Ogrnip => "ogrnip",
        /// Tax registration reason code (КПП, 9 characters).
        Kpp => "kpp",
        /// Russian bank identification code (БИК, 9 digits), or a SWIFT code labelled БИК.
        Bik => "bik",
        /// Settlement account (расчётный счёт).
        SettlementAccount => "settlement_account",
        /// Correspondent account (корреспондентский счёт).
        CorrAccount => "corr_account",
        /// Statistical code (ОКПО).
        Okpo => "okpo",
        /// Russian municipal territory code (ОКТМО, 8 or 11 digits).
        Oktmo => "oktmo",
        /// Russian personal insurance number (СНИЛС).
        Snils => "snils",
        /// Kazakh business identification number (БИН).
        Bin => "bin",
        /// Kazakh individual identification number (ИИН).
        Iin => "iin",
        /// Belarusian taxpayer number (УНП).
        Unp => "unp",
        /// International bank account number.
        Iban => "iban",
        /// SWIFT/BIC code.
        Swift => "swift",
    }
}

string_enum! {
    /// What a date is the date of (`DateMention.role`).
    pub enum DateRole {
        /// The date the document comes into force.
        InForce => "in_force",
        /// An edition, publication or update date.
        Edition => "edition",
        /// An unlabelled date of the document (alone on its line, or in «»).
        Document => "document",
        /// A registration date (of the operator, a certificate, …).
        Registration => "registration",
        /// The date of a law cited («от 27.07.2006 № 152-ФЗ»).
        Law => "law",
        /// Any other date.
        #[default]
        Other => "other",
    }
}

string_enum! {
    /// How long data is kept (`Retention.kind`).
    pub enum RetentionKind {
        /// A period (`Retention.days`).
        #[default]
        Period => "period",
        /// Until the purposes of processing are achieved.
        UntilPurposeAchieved => "until_purpose_achieved",
        /// Without a time limit.
        Unlimited => "unlimited",
        /// Until consent is withdrawn.
        UntilConsentWithdrawn => "until_consent_withdrawn",
        /// Until the account is deleted.
        UntilAccountDeleted => "until_account_deleted",
        /// For as long as the law requires.
        AsRequiredByLaw => "as_required_by_law",
    }
}

string_enum! {
    /// Whether data is transferred abroad (`CrossBorder.status`).
    pub enum CrossBorderStatus {
        /// A cross-border transfer is stated.
        Yes => "yes",
        /// The policy says there is none.
        No => "no",
        /// The policy does not speak of cross-border transfer.
        #[default]
        NotStated => "not_stated",
    }
}

string_enum! {
    /// The machine code of a numbering or consistency finding (`Finding.code`).
    pub enum FindingCode {
        /// A clause number is skipped (3.1, 3.3).
        #[default]
        NumberingGap => "numbering_gap",
        /// The same clause number twice.
        NumberingDuplicate => "numbering_duplicate",
        /// A clause number smaller than the one before.
        NumberingOutOfOrder => "numbering_out_of_order",
        /// A sub-clause whose parent clause is missing.
        NumberingOrphan => "numbering_orphan",
        /// Table-of-contents lines were recognised (and not counted as clauses).
        TableOfContents => "table_of_contents",
        /// Another organization of the operator's legal form that is no known recipient.
        OperatorNameConflict => "operator_name_conflict",
        /// An identifier's label names another type than its value has.
        IdLabelMismatch => "id_label_mismatch",
        /// An identifier's checksum or length is wrong.
        InvalidChecksum => "invalid_checksum",
        /// A brand, site or e-mail domain that is a near-miss spelling of another, or a company
        /// e-mail at a domain unrelated to the site.
        DomainMismatch => "domain_mismatch",
        /// Laws, legislation or courts of different countries.
        JurisdictionConflict => "jurisdiction_conflict",
        /// A shop/service/app name used once or twice against another used many times.
        BrandConflict => "brand_conflict",
        /// A blank of the template the policy was made from, left unfilled («`[ИНН]`», «ООО
        /// «Название»», «ИНН ____», «example.com», «+7 (XXX) XXX-XX-XX»): one finding per
        /// distinct placeholder, with the clauses it is in; nothing is extracted from it.
        UnfilledPlaceholder => "unfilled_placeholder",
        /// The main language of the text is not Russian (the message names it and its share);
        /// extraction and classification are tuned for Russian.
        UnsupportedLanguage => "unsupported_language",
        /// Part of the text is in another language than Russian and was left out of extraction
        /// and classification (the message names the languages and shares; `clauses` lists the
        /// clauses that start in the part left out).
        Bilingual => "bilingual",
    }
}

/// The type of an entity mention (`Mention.kind`, `type` in entities.jsonl / entities.csv):
/// `operator`, `organization`, every identifier type (`inn`, …), `email`, `phone`, `website`,
/// `address`, `date`, `law`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum MentionKind {
    /// The operator.
    #[default]
    Operator,
    /// Another organization.
    Organization,
    /// An identifier, written as its type (`inn`, `ogrn`, …).
    Identifier(IdKind),
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
    /// A web host.
    Website,
    /// A postal address.
    Address,
    /// A date.
    Date,
    /// A law cited.
    Law,
}

impl MentionKind {
    /// The name written in the output files.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Operator => "operator",
            MentionKind::Organization => "organization",
            MentionKind::Identifier(k) => k.as_str(),
            MentionKind::Email => "email",
            MentionKind::Phone => "phone",
            MentionKind::Website => "website",
            MentionKind::Address => "address",
            MentionKind::Date => "date",
            MentionKind::Law => "law",
        }
    }
}

impl MentionKind {
    /// Every value, in declaration order (each identifier type in place of `Identifier`).
    pub fn all() -> impl Iterator<Item = MentionKind> {
        use MentionKind::*;
        [Operator, Organization]
            .into_iter()
            .chain(IdKind::ALL.iter().map(|&k| Identifier(k)))
            .chain([Email, Phone, Website, Address, Date, Law])
    }
}

impl JsonSchema for MentionKind {
    fn schema_name() -> Cow<'static, str> {
        "MentionKind".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_enum_schema(MentionKind::all().map(MentionKind::as_str))
    }
}

impl From<IdKind> for MentionKind {
    fn from(k: IdKind) -> Self {
        MentionKind::Identifier(k)
    }
}

impl std::fmt::Display for MentionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for MentionKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(v: T) -> String {
        serde_json::to_string(&v).unwrap()
    }

    #[test]
    fn written_as_their_strings() {
        assert_eq!(
            json(OperatorKind::IndividualEntrepreneur),
            r#""individual_entrepreneur""#
        );
        assert_eq!(json(IdKind::SettlementAccount), r#""settlement_account""#);
        assert_eq!(json(CrossBorderStatus::NotStated), r#""not_stated""#);
        assert_eq!(json(MentionKind::Identifier(IdKind::Ogrnip)), r#""ogrnip""#);
        assert_eq!(json(MentionKind::Website), r#""website""#);
        assert_eq!(
            FindingCode::NumberingOutOfOrder.to_string(),
            "numbering_out_of_order"
        );
    }

    #[test]
    fn parse_inverts_as_str() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            s: fn(T) -> &'static str,
            p: fn(&str) -> Option<T>,
        ) {
            for &v in all {
                assert_eq!(p(s(v)), Some(v), "{v:?}");
            }
            assert_eq!(p("nope"), None);
        }
        check(OperatorKind::ALL, OperatorKind::as_str, OperatorKind::parse);
        check(OrgRole::ALL, OrgRole::as_str, OrgRole::parse);
        check(IdKind::ALL, IdKind::as_str, IdKind::parse);
        check(DateRole::ALL, DateRole::as_str, DateRole::parse);
        check(
            RetentionKind::ALL,
            RetentionKind::as_str,
            RetentionKind::parse,
        );
        check(
            CrossBorderStatus::ALL,
            CrossBorderStatus::as_str,
            CrossBorderStatus::parse,
        );
        check(FindingCode::ALL, FindingCode::as_str, FindingCode::parse);
    }
}
