//! Russian personal names: inflection to the nominative.
