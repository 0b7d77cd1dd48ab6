//! A small document layout rendered to PDF in-process with `krilla`, with DejaVu Sans embedded
//! (subset) so Cyrillic prints the same everywhere. Documents are written in a tiny line markup
//! (usually by a tera template):
//!
//! ```text
//! # Heading
//! ## Subheading
//! @row Label | Value            a two-column line, the value wrapped in its column
//! ---                          a rule
//! (empty line)                 space
//! anything else                a paragraph, wrapped
//! ```

use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Large bold title.
    Heading(String),
    /// Bold section title.
    Subheading(String),
    /// A wrapped paragraph.
    Paragraph(String),
    /// Label and value side by side.
    Row(String, String),
    /// A horizontal line.
    Rule,
    /// Vertical space.
    Space,
}

/// Reads the line markup of the module documentation.
pub fn parse_markup(text: &str) -> Vec<Block> {
    text.lines()
        .map(|line| {
            let line = line.trim_end();
            if let Some(rest) = line.strip_prefix("## ") {
                Block::Subheading(rest.trim().to_owned())
            } else if let Some(rest) = line.strip_prefix("# ") {
                Block::Heading(rest.trim().to_owned())
            } else if let Some(rest) = line.strip_prefix("@row ") {
                let (label, value) = rest.split_once('|').unwrap_or((rest, ""));
                Block::Row(label.trim().to_owned(), value.trim().to_owned())
            } else if line.trim() == "---" {
                Block::Rule
            } else if line.trim().is_empty() {
                Block::Space
            } else {
                Block::Paragraph(line.trim().to_owned())
            }
        })
        .collect()
}

struct Typeface {
    bytes: &'static [u8],
    font: Font,
}

fn typeface(bytes: &'static [u8]) -> Option<Typeface> {
    Font::new(Arc::new(bytes.to_vec()).into(), 0).map(|font| Typeface { bytes, font })
}

fn fonts() -> Option<&'static (Typeface, Typeface)> {
    static FONTS: OnceLock<Option<(Typeface, Typeface)>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = typeface(include_bytes!("../../assets/fonts/DejaVuSans.ttf"))?;
            let bold = typeface(include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"))?;
            Some((regular, bold))
        })
        .as_ref()
}

impl Typeface {
    /// Width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(face) = ttf_parser::Face::parse(self.bytes, 0) else { return 0.0 };
        let units = f32::from(face.units_per_em());
        let advance: f32 = text.chars().map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(units / 2.0, f32::from)).sum();
        advance / units * size
    }

    /// `text` broken into lines no wider than `width` at `size` (a word longer than a line is cut).
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if self.width(&candidate, size) <= width || line.is_empty() && self.width(word, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_owned();
            while self.width(&rest, size) > width {
                let mut cut = rest.chars().count();
                while cut > 1 && self.width(&rest.chars().take(cut).collect::<String>(), size) > width {
                    cut -= 1;
                }
                lines.push(rest.chars().take(cut).collect());
                rest = rest.chars().skip(cut).collect();
            }
            line = rest;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const BODY: f32 = 11.0;
const LABEL_W: f32 = 190.0;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
#[error("PDF: {0}")]
pub struct PdfError(String);

/// Lays `blocks` out on A4 pages and returns the PDF; `lang` and `title` go into its metadata.
pub fn render_pdf(title: &str, lang: &str, blocks: &[Block]) -> Result<Vec<u8>, PdfError> {
    let (regular, bold) = fonts().ok_or_else(|| PdfError("the embedded fonts cannot be read".into()))?;
    // Lay out first, as (page, x, y, bold, size, text) and rules, then draw page by page.
    let mut items: Vec<Vec<Item>> = vec![Vec::new()];
    let mut y = MARGIN;
    let text_w = PAGE_W - 2.0 * MARGIN;
    // Starts a new page when `height` more would not fit.
    let place = |items: &mut Vec<Vec<Item>>, y: &mut f32, height: f32| {
        if *y + height > PAGE_H - MARGIN {
            items.push(Vec::new());
            *y = MARGIN;
        }
    };
    let push = |items: &mut Vec<Vec<Item>>, item: Item| {
        if let Some(page) = items.last_mut() {
            page.push(item);
        }
    };
    for block in blocks {
        match block {
            Block::Heading(t) | Block::Subheading(t) => {
                let size = if matches!(block, Block::Heading(_)) { 16.0 } else { 12.5 };
                for line in bold.wrap(t, size, text_w) {
                    place(&mut items, &mut y, size * 1.5);
                    y += size * 1.3;
                    push(&mut items, Item::Text { x: MARGIN, y, bold: true, size, text: line });
                }
                y += size * 0.5;
            }
            Block::Paragraph(t) => {
                for line in regular.wrap(t, BODY, text_w) {
                    place(&mut items, &mut y, BODY * 1.5);
                    y += BODY * 1.45;
                    push(&mut items, Item::Text { x: MARGIN, y, bold: false, size: BODY, text: line });
                }
            }
            Block::Row(label, value) => {
                let labels = bold.wrap(label, BODY - 1.0, LABEL_W - 12.0);
                let values = regular.wrap(value, BODY, text_w - LABEL_W);
                let rows = labels.len().max(values.len());
                place(&mut items, &mut y, BODY * 1.5 * rows as f32);
                for i in 0..rows {
                    y += BODY * 1.45;
                    if let Some(l) = labels.get(i) {
                        push(&mut items, Item::Text { x: MARGIN, y, bold: true, size: BODY - 1.0, text: l.clone() });
                    }
                    if let Some(v) = values.get(i) {
                        push(&mut items, Item::Text { x: MARGIN + LABEL_W, y, bold: false, size: BODY, text: v.clone() });
                    }
                }
                y += 3.0;
            }
            Block::Rule => {
                place(&mut items, &mut y, 12.0);
                y += 8.0;
                push(&mut items, Item::Rule { y });
                y += 4.0;
            }
            Block::Space => y += BODY * 0.8,
        }
    }

    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(title.to_owned()).language(lang.to_owned()));
    for page_items in &items {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        draw(&mut surface, page_items, regular, bold);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError(format!("{e:?}")))
}

enum Item {
    Text { x: f32, y: f32, bold: bool, size: f32, text: String },
    Rule { y: f32 },
}

fn draw(surface: &mut Surface<'_>, items: &[Item], regular: &Typeface, bold: &Typeface) {
    let black = rgb::Color::new(20, 20, 20);
    surface.set_fill(Some(Fill { paint: black.into(), ..Default::default() }));
    for item in items {
        match item {
            Item::Text { x, y, bold: is_bold, size, text } => {
                let font = if *is_bold { bold.font.clone() } else { regular.font.clone() };
                surface.draw_text(Point::from_xy(*x, *y), font, *size, text, false, TextDirection::Auto);
            }
            Item::Rule { y } => {
                let mut path = PathBuilder::new();
                path.move_to(MARGIN, *y);
                path.line_to(PAGE_W - MARGIN, *y);
                if let Some(path) = path.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke { paint: black.into(), width: 0.8, ..Default::default() }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill { paint: black.into(), ..Default::default() }));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_reads_into_blocks() {
        let blocks = parse_markup("# Расписка\n## Заявитель\n@row Номер | 99-2026-000001\n---\n\nТекст абзаца");
        assert_eq!(
            blocks,
            [
                Block::Heading("Расписка".into()),
                Block::Subheading("Заявитель".into()),
                Block::Row("Номер".into(), "99-2026-000001".into()),
                Block::Rule,
                Block::Space,
                Block::Paragraph("Текст абзаца".into()),
            ]
        );
    }

    #[test]
    fn long_text_wraps_within_the_width_and_long_words_are_cut() {
        let (regular, _) = fonts().unwrap();
        let text = "Государственная регистрация заключения брака в органах записи актов гражданского состояния ".repeat(5);
        let lines = regular.wrap(&text, 11.0, 300.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| regular.width(l, 11.0) <= 300.0));
        let word = "а".repeat(200);
        assert!(regular.wrap(&word, 11.0, 100.0).iter().all(|l| regular.width(l, 11.0) <= 100.0));
    }

    #[test]
    fn a_long_document_becomes_several_pages_of_pdf() {
        let mut blocks = vec![Block::Heading("Заявление".into())];
        blocks.extend((0..120).map(|i| Block::Row(format!("Поле {i}"), "Значение с кириллицей".into())));
        let pdf = render_pdf("Тест", "ru", &blocks).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.len() < 200_000, "fonts are subset: {} bytes", pdf.len());
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert!(doc.get_pages().len() >= 3, "120 rows do not fit on one page");
        let text = doc.extract_text(&[1]).unwrap();
        assert!(text.contains("Заявление") && text.contains("Значение с кириллицей"), "{text}");
    }
}
