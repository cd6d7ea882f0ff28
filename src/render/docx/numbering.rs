//! `word/numbering.xml`: real Word numbering definitions for the document's
//! lists.
//!
//! Each top-level list gets its own numbering instance (so numbering restarts
//! with every list) over an abstract definition whose levels come from the
//! document's own markers — `(a)` is lowerLetter "(%1)", `(i)` lowerRoman —
//! and, for levels the document does not use, from the template's
//! `lists.ordered` / `lists.bullets`. Identical definitions are shared.

use std::collections::BTreeMap;

use super::xml::escape_into;
use crate::model::{List, MarkerDelimiter, MarkerStyle};
use crate::template::Template;

/// Levels Word supports.
const LEVELS: usize = 9;

/// The format of one level.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Level {
    /// w:numFmt value.
    format: &'static str,
    /// w:lvlText value with `%N` for the number.
    text: String,
}

impl Level {
    fn from_marker(
        style: MarkerStyle,
        delimiter: MarkerDelimiter,
        level: usize,
        template: &Template,
    ) -> Level {
        let format = match style {
            MarkerStyle::Bullet => return bullet(level, template),
            MarkerStyle::Decimal => "decimal",
            MarkerStyle::LowerAlpha => "lowerLetter",
            MarkerStyle::UpperAlpha => "upperLetter",
            MarkerStyle::LowerRoman => "lowerRoman",
            MarkerStyle::UpperRoman => "upperRoman",
        };
        let n = format!("%{}", level + 1);
        let text = match delimiter {
            MarkerDelimiter::Parens => format!("({n})"),
            MarkerDelimiter::Paren => format!("{n})"),
            MarkerDelimiter::Period => format!("{n}."),
            MarkerDelimiter::None => n,
        };
        Level { format, text }
    }

    /// Parses a template pattern such as `(a)`, `(i)`, `1.`, `a.`, `i.`.
    fn from_pattern(pattern: &str, level: usize) -> Level {
        let start = pattern.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
        let end = pattern[start..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(pattern.len(), |e| start + e);
        let core = &pattern[start..end];
        let format = match core {
            "i" | "ii" => "lowerRoman",
            "I" | "II" => "upperRoman",
            c if c.chars().all(|c| c.is_ascii_digit()) => "decimal",
            c if c.chars().all(|c| c.is_lowercase()) => "lowerLetter",
            _ => "upperLetter",
        };
        Level {
            format,
            text: format!("{}%{}{}", &pattern[..start], level + 1, &pattern[end..]),
        }
    }
}

fn bullet(level: usize, template: &Template) -> Level {
    let bullets = &template.lists.bullets;
    let text = if bullets.is_empty() {
        "•".to_string()
    } else {
        bullets[level % bullets.len()].clone()
    };
    Level {
        format: "bullet",
        text,
    }
}

fn template_level(ordered: bool, level: usize, template: &Template) -> Level {
    let patterns = &template.lists.ordered;
    if ordered && !patterns.is_empty() {
        Level::from_pattern(&patterns[level % patterns.len()], level)
    } else {
        bullet(level, template)
    }
}

/// The numbering definitions of one document, registered while the body is written.
pub struct Numbering<'t> {
    template: &'t Template,
    /// Abstract definition XML (without its id) → abstract id.
    abstracts: BTreeMap<String, usize>,
    /// Instances: (abstract id, start overrides per level).
    nums: Vec<(usize, Vec<(usize, u32)>)>,
}

impl<'t> Numbering<'t> {
    /// No lists yet.
    pub fn new(template: &'t Template) -> Self {
        Numbering {
            template,
            abstracts: BTreeMap::new(),
            nums: Vec::new(),
        }
    }

    /// True when no list was registered.
    pub fn is_empty(&self) -> bool {
        self.nums.is_empty()
    }

    /// Registers a top-level list and returns its `w:numId`.
    pub fn add(&mut self, list: &List) -> usize {
        let mut levels: Vec<Option<Level>> = vec![None; LEVELS];
        let mut starts: Vec<(usize, u32)> = Vec::new();
        self.collect(list, 0, &mut levels, &mut starts);
        let ordered = list.ordered();
        let mut body = String::new();
        for (i, level) in levels.into_iter().enumerate() {
            let level = level.unwrap_or_else(|| template_level(ordered, i, self.template));
            self.level_xml(i, &level, &mut body);
        }
        let next = self.abstracts.len();
        let abstract_id = *self.abstracts.entry(body).or_insert(next);
        self.nums.push((abstract_id, starts));
        self.nums.len()
    }

    fn collect(
        &self,
        list: &List,
        depth: usize,
        levels: &mut [Option<Level>],
        starts: &mut Vec<(usize, u32)>,
    ) {
        if depth >= LEVELS {
            return;
        }
        if levels[depth].is_none() {
            levels[depth] = Some(Level::from_marker(
                list.marker.style,
                list.marker.delimiter,
                depth,
                self.template,
            ));
            if list.ordered() && list.start != 1 {
                starts.push((depth, list.start));
            }
        }
        for item in &list.items {
            for child in &item.children {
                self.collect(child, depth + 1, levels, starts);
            }
        }
    }

    fn level_xml(&self, i: usize, level: &Level, out: &mut String) {
        let lists = &self.template.lists;
        let hanging = lists.marker_width.twips();
        let left = lists.indent.twips() * i as i32 + hanging;
        out.push_str(&format!(
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{}\"/><w:lvlText w:val=\"",
            level.format
        ));
        escape_into(out, &level.text);
        out.push_str(&format!(
            "\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:tabs><w:tab w:val=\"num\" w:pos=\"{left}\"/></w:tabs><w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr></w:lvl>"
        ));
    }

    /// The numbering part.
    pub fn xml(&self) -> String {
        let mut out = String::with_capacity(4096);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
        let mut abstracts: Vec<(&usize, &String)> =
            self.abstracts.iter().map(|(xml, id)| (id, xml)).collect();
        abstracts.sort();
        for (id, levels) in abstracts {
            out.push_str(&format!(
                "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{levels}</w:abstractNum>"
            ));
        }
        for (i, (abstract_id, starts)) in self.nums.iter().enumerate() {
            out.push_str(&format!(
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{abstract_id}\"/>",
                i + 1
            ));
            for (level, start) in starts {
                out.push_str(&format!(
                    "<w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride>"
                ));
            }
            out.push_str("</w:num>");
        }
        out.push_str("</w:numbering>");
        out
    }
}
