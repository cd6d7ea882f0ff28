//! Composing pages that are not a release (a handout's cover and contents)
//! with the same machinery: the template's faces, shaping, line breaking,
//! letterhead and running bands.

use super::fonts::FontBook;
use super::frame::{Artifact, Item, NodeId, Role, StructTree, Tag};
use super::inline::{Context, LineBox, Measure, StyledText, layout_paragraph};
use super::{Layouter, Numbers};
use crate::error::{Diagnostic, Error};
use crate::model::Document;
use crate::template::{Template, TextStyle};

/// Sets lines of text in a template's faces at given positions.
pub struct Composer<'t> {
    template: &'t Template,
    book: FontBook,
    diagnostics: Vec<Diagnostic>,
    tree: StructTree,
}

/// Where a placed paragraph ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Bottom of the last line.
    pub bottom: f32,
    /// Baseline of the last line.
    pub baseline: f32,
    /// Right end of the last line's text.
    pub right: f32,
}

impl<'t> Composer<'t> {
    /// A composer for `template`'s faces.
    pub fn new(template: &'t Template) -> Result<Self, Error> {
        Ok(Composer {
            template,
            book: FontBook::new(template)?,
            diagnostics: Vec::new(),
            tree: StructTree::default(),
        })
    }

    /// Creates a structure element for what the composer sets.
    pub fn node(&mut self, role: Role, parent: Option<NodeId>) -> NodeId {
        self.tree.push(role, parent)
    }

    /// The structure elements created so far (the items placed refer to them).
    pub fn take_structure(&mut self) -> StructTree {
        std::mem::take(&mut self.tree)
    }

    /// Breaks `text` into lines in `style`, `width` wide from `x`; the items
    /// of each line have y relative to the line's top and belong to `tag`.
    pub fn lines(
        &mut self,
        text: &str,
        style: &TextStyle,
        (x, width): (f32, f32),
        tag: Tag,
    ) -> Vec<LineBox> {
        let mut ctx = Context {
            book: &self.book,
            hyphenator: None,
            diagnostics: &mut self.diagnostics,
        };
        let mut st = StyledText::plain(text, style.bold, style.italic, style.case);
        let color = style.color.unwrap_or(self.template.colors.text);
        let measure = Measure {
            x,
            width: width.max(12.0),
            first_indent: 0.0,
        };
        layout_paragraph(
            &mut st,
            style,
            color,
            measure,
            &mut ctx,
            "cover or contents",
            tag,
        )
    }

    /// Sets `text` with its top at `top` and appends the items, content of
    /// `tag`; `None` when the text is empty.
    pub fn place(
        &mut self,
        items: &mut Vec<Item>,
        text: &str,
        style: &TextStyle,
        (x, width, top): (f32, f32, f32),
        tag: Tag,
    ) -> Option<Placed> {
        let lines = self.lines(text, style, (x, width), tag);
        let last = lines.last()?;
        let mut placed = Placed {
            bottom: top,
            baseline: top,
            right: x,
        };
        let last_top = top
            + lines[..lines.len() - 1]
                .iter()
                .map(|l| l.height)
                .sum::<f32>();
        placed.baseline = last_top + super::baseline_of(last);
        placed.right = last
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) => Some(r.x + r.width()),
                _ => None,
            })
            .fold(x, f32::max);
        placed.bottom = Layouter::stack(items, &lines, top);
        Some(placed)
    }

    /// Width of `text` set on one line in `style`.
    pub fn width(&mut self, text: &str, style: &TextStyle) -> f32 {
        self.lines(text, style, (0.0, 1.0e6), Tag::Artifact(Artifact::Layout))
            .iter()
            .flat_map(|l| &l.items)
            .filter_map(|i| match i {
                Item::Text(r) => Some(r.x + r.width()),
                _ => None,
            })
            .fold(0.0, f32::max)
    }

    /// The first-page letterhead of `doc` and the y where the text below it
    /// starts; its structure elements join the composer's.
    pub fn letterhead(&mut self, doc: &Document) -> (Vec<Item>, f32) {
        let mut ctx = Context {
            book: &self.book,
            hyphenator: None,
            diagnostics: &mut self.diagnostics,
        };
        let lay = Layouter::new(doc, self.template);
        let (mut items, bottom) = lay.letterhead(&mut ctx);
        let offset = self.tree.append(&lay.take_tree(), None);
        for item in &mut items {
            item.renumber(offset);
        }
        (items, bottom)
    }

    /// Paints the template's running head and foot of `doc` on page `local`
    /// of `count`, numbered `number` of `total`.
    pub fn bands(
        &mut self,
        doc: &Document,
        items: &mut Vec<Item>,
        (local, count): (usize, usize),
        (number, total): (usize, usize),
    ) {
        let mut ctx = Context {
            book: &self.book,
            hyphenator: None,
            diagnostics: &mut self.diagnostics,
        };
        let numbers = Numbers {
            local,
            count,
            number,
            total,
        };
        Layouter::new(doc, self.template).bands(&mut ctx, items, numbers);
    }

    /// What the composer noticed (characters no face can draw).
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }
}
