//! Embeds every `locales/*.ftl` file, so adding a language is adding a file (and rebuilding).
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> =
        fs::read_dir(&dir).expect("locales/ folder").filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "ftl")).collect();
    entries.sort();
    let mut out = String::from("/// Every locale file: (language tag, Fluent source).\npub const LOCALES: &[(&str, &str)] = &[\n");
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let tag = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name");
        // Tags become cookie values, `lang` attributes and catalog keys: keep them simple.
        assert!(
            (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase()),
            "locales/{tag}.ftl: a locale file is named by a two- or three-letter language tag"
        );
        let abs = path.canonicalize().expect("locale path");
        out.push_str(&format!("    ({tag:?}, include_str!({:?})),\n", abs.display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("locales.rs"), out).expect("write locales.rs");
}
