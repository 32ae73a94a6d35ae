-- polex export: PostgreSQL schema (written by `polex export OUT --to postgres`).
-- Full-text search in the `russian` configuration with ё folded to е; query it with
--   tsv @@ websearch_to_tsquery('russian', translate('…', 'ёЁ', 'еЕ'))
-- and abbreviations unstemmed with  tsv_exact @@ to_tsquery('simple', 'инн').
-- The database must have a UTF-8 LC_CTYPE (e.g. createdb -T template0 --locale=C.UTF-8):
-- under the C locale PostgreSQL does not lowercase Cyrillic.
DROP TABLE IF EXISTS entities;
DROP TABLE IF EXISTS records;
DROP TABLE IF EXISTS documents;

CREATE TABLE documents (
    doc_key        text PRIMARY KEY,
    doc_id         text NOT NULL UNIQUE,
    title          text,
    operator_form  text,
    operator       text,
    inn            text[] NOT NULL DEFAULT '{}',
    jurisdiction   text,
    language       text,
    effective_date text
);

CREATE TABLE records (
    key             text PRIMARY KEY,
    doc_key         text NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    doc_id          text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('preamble', 'clause', 'paragraph')),
    ordinal         integer NOT NULL,
    number          text,
    heading_path    text NOT NULL,
    heading         text,
    text            text NOT NULL,
    start_char      integer NOT NULL,
    end_char        integer NOT NULL,
    jurisdiction    text,
    language        text,
    operator        text,
    data_categories jsonb NOT NULL,
    purposes        jsonb NOT NULL,
    recipients      jsonb NOT NULL,
    rights          jsonb NOT NULL,
    category        text[] NOT NULL,
    purpose         text[] NOT NULL,
    recipient       text[] NOT NULL,
    subject_right   text[] NOT NULL,
    identifiers     text[] NOT NULL,
    emails          text[] NOT NULL,
    phones          text[] NOT NULL,
    hosts           text[] NOT NULL,
    tsv             tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('russian', translate(coalesce(heading_path, ''), 'ёЁ', 'еЕ')), 'A') ||
        setweight(to_tsvector('russian', translate(text, 'ёЁ', 'еЕ')), 'B')
    ) STORED,
    -- unstemmed words (the `simple` configuration): abbreviations such as «ИНН», which the
    -- russian stemmer folds together with «иные» (both 'ин')
    tsv_exact       tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', translate(text, 'ёЁ', 'еЕ'))
    ) STORED
);

CREATE TABLE entities (
    doc_key    text NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    doc_id     text NOT NULL,
    clause     text,
    type       text NOT NULL,
    text       text,
    value      text,
    valid      boolean,
    start_char integer,
    end_char   integer
);

CREATE INDEX records_tsv ON records USING gin (tsv);
CREATE INDEX records_tsv_exact ON records USING gin (tsv_exact);
CREATE INDEX records_category ON records USING gin (category);
CREATE INDEX records_identifiers ON records USING gin (identifiers);
CREATE INDEX records_emails ON records USING gin (emails);
CREATE INDEX records_doc ON records (doc_key, ordinal);
CREATE INDEX records_jurisdiction ON records (jurisdiction);
CREATE INDEX entities_value ON entities (type, value);
