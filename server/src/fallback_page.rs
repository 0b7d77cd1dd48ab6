//! Minimal pages for answers produced outside Leptos (panics, backend outages, bad form input).
//! They are bilingual because they may be needed before the visitor's language is known.

/// The page of a 500 or 503 answer: no details, both languages.
pub const UNAVAILABLE: &str = "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Сервис временно недоступен</title></head>\
<body><main><h1>Сервис временно недоступен</h1><p>Попробуйте обновить страницу через несколько минут.</p>\
<h2 lang=\"en\">Service temporarily unavailable</h2><p lang=\"en\">Please reload the page in a few minutes.</p>\
<p><a href=\"/\">На главную / Home</a></p></main></body></html>";

/// The page of a 404 answer outside Leptos pages (e.g. a stale download link), both languages.
pub const NOT_FOUND: &str = "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Страница не найдена</title></head>\
<body><main><h1>Страница не найдена</h1><p>Возможно, файл был заменён или удалён.</p>\
<h2 lang=\"en\">Not found</h2><p lang=\"en\">The file may have been replaced or removed.</p>\
<p><a href=\"/\">На главную / Home</a></p></main></body></html>";

/// A page for bad input whose message is already localized.
pub fn bad_request(message: &str) -> String {
    let message = escape(message);
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{message}</title></head><body><main><h1>{message}</h1><p><a href=\"/\">На главную / Home</a></p></main></body></html>"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A page outside Leptos in the portal's style: `body` (already escaped HTML) under a heading
/// `title`, in language `lang`, with a link to skip to it.
pub fn styled(lang: &str, title: &str, skip: &str, body: &str) -> String {
    let title = escape(title);
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/portal.css\"></head><body>\
         <a class=\"skip-link\" href=\"#main\">{skip}</a><main id=\"main\" class=\"container\"><h1>{title}</h1>{body}</main></body></html>",
        skip = escape(skip),
    )
}

/// `text` safe inside HTML.
pub fn escape_html(text: &str) -> String {
    escape(text)
}
