//! What serde cannot check in a template: sizes that make no page. Each
//! problem names its key (`styles.body.size`) so the loader can add the line.

use super::types::Template;

/// A problem with one key of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Invalid {
    /// Dotted key path (`text.width`, `letterhead.lines[0].text`).
    pub key: String,
    /// What is wrong, without the key.
    pub message: String,
}

fn invalid(key: impl Into<String>, message: impl Into<String>) -> Invalid {
    Invalid {
        key: key.into(),
        message: message.into(),
    }
}

/// Checks sizes: margins that leave a text area, a plain-text width, and
/// every style's size and leading.
pub(super) fn sizes(t: &Template) -> Result<(), Invalid> {
    let (w, h) = t.page.dimensions();
    if t.page.text_width() < 72.0 || t.page.text_height() < 144.0 {
        return Err(invalid(
            "page.margins",
            format!(
                "margins leave no room for text on a {:.0} × {:.0} mm page",
                w.to_mm(),
                h.to_mm()
            ),
        ));
    }
    if t.text.width < 20 || t.text.width > 400 {
        return Err(invalid(
            "text.width",
            format!("{} is out of range (20 to 400 columns)", t.text.width),
        ));
    }
    let styles = &t.styles;
    for (name, style) in [
        ("body", &styles.body),
        ("headline", &styles.headline),
        ("subheadline", &styles.subheadline),
        ("lead_in", &styles.lead_in),
        ("heading1", &styles.heading1),
        ("heading2", &styles.heading2),
        ("heading3", &styles.heading3),
        ("quote", &styles.quote),
        ("list", &styles.list),
        ("symbol", &styles.symbol),
        ("date", &styles.date),
        ("end_mark", &styles.end_mark),
        ("disclaimer", &styles.disclaimer),
        ("running", &styles.running),
    ] {
        if !(4.0..=96.0).contains(&style.size) {
            return Err(invalid(
                format!("styles.{name}.size"),
                format!("{} is out of range (4 to 96 pt)", style.size),
            ));
        }
        if !(0.8..=4.0).contains(&style.leading) {
            return Err(invalid(
                format!("styles.{name}.leading"),
                format!("{} is out of range (0.8 to 4)", style.leading),
            ));
        }
    }
    Ok(())
}
