//! Minimal HTML for the simulator's own pages: a frame, escaping, and its stylesheet.

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page in Russian with the simulator's header; `base` is the issuer address.
pub fn page(base: &str, title: &str, body: &str) -> String {
    let title = escape(title);
    format!(
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — Госуслуги (симулятор)</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"{base}/static/sim.css\"></head>\
         <body><header class=\"sim-header\"><div class=\"wrap\"><a class=\"sim-brand\" href=\"{base}/\">Госуслуги</a>\
         <span class=\"sim-note\">Симулятор федерального портала для разработки и демонстрации</span></div></header>\
         <main class=\"wrap\" id=\"main\">{body}</main></body></html>",
        base = escape(base)
    )
}

/// The stylesheet of the simulator's pages.
pub const STYLESHEET: &str = include_str!("../static/sim.css");

#[cfg(test)]
mod tests {
    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(super::escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
