//! Catalog search: Russian and English morphology (Snowball stemmers), ё = е, case and
//! punctuation ignored, prefix matching of the word being typed, ranking title > summary > rest,
//! and highlighting. Pure and in memory, so SQLite and PostgreSQL give identical results.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

/// Lowercases, folds ё to е and turns everything but letters and digits into single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The stem of one normalized word: Russian rules for Cyrillic, English rules for Latin.
pub fn stem(word: &str) -> String {
    thread_local! {
        static RUSSIAN: Stemmer = Stemmer::create(Algorithm::Russian);
        static ENGLISH: Stemmer = Stemmer::create(Algorithm::English);
    }
    if word.chars().any(|c| matches!(c, 'а'..='я')) {
        RUSSIAN.with(|s| s.stem(word).into_owned())
    } else if word.chars().any(|c| c.is_ascii_alphabetic()) {
        ENGLISH.with(|s| s.stem(word).into_owned())
    } else {
        word.to_owned()
    }
}

/// Where in a document a word stands; earlier fields rank higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The service title.
    Title,
    /// The one-paragraph summary.
    Summary,
    /// Everything else: department, category, passport texts.
    Rest,
}

impl Field {
    fn weight(self) -> u32 {
        match self {
            Field::Title => 100,
            Field::Summary => 10,
            Field::Rest => 1,
        }
    }
}

/// A query prepared once: the stems to match, and the word being typed matched as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Stems that must each occur in a document.
    stems: Vec<String>,
    /// The last word as typed (normalized), also matched as a prefix of indexed words.
    prefix: Option<String>,
}

impl Query {
    /// Parses what the visitor typed; the last word counts as a prefix unless followed by a space.
    pub fn parse(text: &str) -> Query {
        let normalized = normalize(text);
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        let typing = !text.ends_with(char::is_whitespace);
        let prefix = if typing { words.last().map(|w| (*w).to_owned()) } else { None };
        Query { stems: words.iter().map(|w| stem(w)).collect(), prefix }
    }

    /// True when nothing searchable was typed.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// True when the normalized `word` of a text matches the query (for highlighting).
    pub fn matches_word(&self, word: &str) -> bool {
        let s = stem(word);
        self.stems.contains(&s) || self.prefix.as_deref().is_some_and(|p| word.starts_with(p))
    }
}

/// An index over documents identified by their position in the list given to [`SearchIndex::new`].
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// For each indexed word: (document, best field) pairs, sorted by document.
    words: BTreeMap<String, Vec<(u32, Field)>>,
    /// Indexed words by their stem, for matching word forms.
    stems: HashMap<String, Vec<String>>,
}

/// One result: the document's position and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Position of the document in the list the index was built from.
    pub doc: u32,
    /// Sum over query words of the weight of the best field they occur in.
    pub score: u32,
}

impl SearchIndex {
    /// Indexes documents, each a list of fields with their text.
    pub fn new<'a>(docs: impl IntoIterator<Item = Vec<(Field, &'a str)>>) -> SearchIndex {
        let mut words: BTreeMap<String, Vec<(u32, Field)>> = BTreeMap::new();
        for (doc, fields) in docs.into_iter().enumerate() {
            let doc = doc as u32;
            for (field, text) in fields {
                for word in normalize(text).split(' ').filter(|w| !w.is_empty()) {
                    let postings = words.entry(word.to_owned()).or_default();
                    match postings.last_mut() {
                        Some((d, best)) if *d == doc => *best = (*best).min(field),
                        _ => postings.push((doc, field)),
                    }
                }
            }
        }
        let mut stems: HashMap<String, Vec<String>> = HashMap::new();
        for word in words.keys() {
            stems.entry(stem(word)).or_default().push(word.clone());
        }
        SearchIndex { words, stems }
    }

    /// Documents matching every word of `query`, best first (ties keep document order).
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        if query.is_empty() {
            return Vec::new();
        }
        let last = query.stems.len() - 1;
        // Documents still matching, with their score so far; only postings are visited.
        let mut scores: Option<HashMap<u32, u32>> = None;
        for (i, s) in query.stems.iter().enumerate() {
            let mut best: HashMap<u32, Field> = HashMap::new();
            let mut add = |postings: &[(u32, Field)]| {
                for &(doc, field) in postings {
                    best.entry(doc).and_modify(|f| *f = (*f).min(field)).or_insert(field);
                }
            };
            for word in self.stems.get(s).into_iter().flatten() {
                add(&self.words[word]);
            }
            if let (true, Some(prefix)) = (i == last, &query.prefix) {
                for (_, postings) in self.words.range(prefix.clone()..).take_while(|(w, _)| w.starts_with(prefix.as_str())) {
                    add(postings);
                }
            }
            scores = Some(match scores {
                None => best.into_iter().map(|(doc, field)| (doc, field.weight())).collect(),
                Some(so_far) => so_far.into_iter().filter_map(|(doc, score)| best.get(&doc).map(|field| (doc, score + field.weight()))).collect(),
            });
            if scores.as_ref().is_some_and(HashMap::is_empty) {
                break;
            }
        }
        let mut hits: Vec<Hit> = scores.unwrap_or_default().into_iter().map(|(doc, score)| Hit { doc, score }).collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }
}

/// A piece of text, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The text as written.
    pub text: String,
    /// True for a matching word.
    pub hit: bool,
}

/// Splits `text` into segments, marking the words that match `query`; the text is kept as written.
pub fn highlight(text: &str, query: &Query) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |s: &str, hit: bool| match segments.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(s),
        _ => segments.push(Segment { text: s.to_owned(), hit }),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        if word_end == 0 {
            let gap_end = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
            push(&rest[..gap_end], false);
            rest = &rest[gap_end..];
        } else {
            let word = &rest[..word_end];
            push(word, query.matches_word(&normalize(word)));
            rest = &rest[word_end..];
        }
    }
    segments
}

#[cfg(test)]
mod tests;
