//! Where each field of a YAML file starts, by the same paths the validation reports
//! (`services[14].department`), so every problem can name its line.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line (1-based) of every value in `text`, keyed by its path; empty when the text does not parse
/// (the parse error itself is reported by the deserializer with its line).
pub fn lines_by_path(text: &str) -> HashMap<String, usize> {
    let mut recorder = Recorder::default();
    if Parser::new_from_str(text).load(&mut recorder, false).is_err() {
        return HashMap::new();
    }
    recorder.lines
}

/// The line of `path`, or of its nearest enclosing field.
pub fn line_of(lines: &HashMap<String, usize>, path: &str) -> Option<usize> {
    let mut path = path;
    loop {
        if let Some(line) = lines.get(path) {
            return Some(*line);
        }
        let cut = path.rfind(['.', '['])?;
        path = &path[..cut];
    }
}

enum Frame {
    /// In a mapping: the key whose value comes next, or `None` when a key comes next.
    Mapping(Option<String>),
    /// In a sequence: the index of the next item.
    Sequence(usize),
}

#[derive(Default)]
struct Recorder {
    stack: Vec<Frame>,
    lines: HashMap<String, usize>,
}

impl Recorder {
    fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Mapping(Some(key)) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Frame::Sequence(i) => path.push_str(&format!("[{i}]")),
                Frame::Mapping(None) => {}
            }
        }
        path
    }

    /// A value (scalar or collection) starts here: record it and advance the parent.
    fn value(&mut self, line: usize) {
        if !self.stack.is_empty() {
            self.lines.entry(self.path()).or_insert(line);
        }
    }

    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Mapping(key)) => *key = None,
            Some(Frame::Sequence(i)) => *i += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Mapping(key @ None)) = self.stack.last_mut() {
                    *key = Some(value);
                } else {
                    self.value(mark.line());
                    self.value_done();
                }
            }
            Event::Alias(_) => {
                self.value(mark.line());
                self.value_done();
            }
            Event::MappingStart(..) => {
                self.value(mark.line());
                self.stack.push(Frame::Mapping(None));
            }
            Event::SequenceStart(..) => {
                self.value(mark.line());
                self.stack.push(Frame::Sequence(0));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_the_lines_where_their_values_start() {
        let text = "categories:\n  - code: a\n    title: { ru: \"А\", en: \"A\" }\nservices:\n  - code: x\n    department: nowhere\n    life_situations: [one, two]\n  - code: y\n";
        let lines = lines_by_path(text);
        assert_eq!(lines["categories[0].code"], 2);
        assert_eq!(lines["categories[0].title.en"], 3);
        assert_eq!(lines["services[0].department"], 6);
        assert_eq!(lines["services[0].life_situations[1]"], 7);
        assert_eq!(lines["services[1].code"], 8);
        assert_eq!(line_of(&lines, "services[1].department"), Some(8), "a missing field points at its item");
        assert_eq!(line_of(&lines, "nothing"), None);
    }
}
