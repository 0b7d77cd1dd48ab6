//! Search latency on a synthetic catalog of 5,000 services (goal: p99 under 5 ms in-process).
//! `cargo bench -p domain --bench search`

use std::time::{Duration, Instant};

use domain::search::{Field, Query, SearchIndex};

const WORDS: &[&str] = &[
    "выдача",
    "паспорта",
    "гражданина",
    "пособие",
    "ребёнка",
    "регистрация",
    "жилья",
    "субсидии",
    "разрешения",
    "строительство",
    "лицензии",
    "транспорта",
    "инвалидов",
    "пенсионеров",
    "учёт",
    "семьи",
    "многодетной",
    "образования",
    "школы",
    "детского",
    "сада",
    "предпринимателей",
    "гранта",
    "земельного",
    "участка",
    "аренды",
    "справки",
    "выписки",
    "компенсации",
    "выплаты",
    "ежемесячной",
    "социальной",
    "поддержки",
    "министерство",
];

/// A deterministic pseudo-random word sequence (no `rand` dependency needed for a bench).
fn text(seed: usize, words: usize) -> String {
    (0..words).map(|i| WORDS[(seed * 7919 + i * 104_729) % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

fn main() {
    let docs: Vec<(String, String, String)> = (0..5000).map(|i| (text(i, 6), text(i + 1, 14), text(i + 2, 30))).collect();
    let started = Instant::now();
    let index = SearchIndex::new(docs.iter().map(|(t, s, r)| vec![(Field::Title, t.as_str()), (Field::Summary, s.as_str()), (Field::Rest, r.as_str())]));
    println!("index of 5000 services built in {:?}", started.elapsed());
    let queries = ["паспорта ", "пособия ребенка ", "пасп", "выдача разреш", "субсидии жилья ", "трактор ", "с", "компенсации инвалидов "];
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for round in 0..200 {
        for q in queries {
            let t = Instant::now();
            let query = Query::parse(q);
            let hits = index.search(&query);
            times.push(t.elapsed());
            if round == 0 {
                found += hits.len();
            }
        }
    }
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!("{} searches ({} hits per round): p50 {:?}, p99 {:?}, max {:?}", times.len(), found, pct(0.50), pct(0.99), times[times.len() - 1]);
}
