//! Repair of double-encoded UTF-8 ("mojibake"): UTF-8 bytes that were once
//! decoded as Windows-1252 and encoded again, so that `’` (E2 80 99) reads
//! `â€™`. A run of characters is replaced only when it maps back to bytes
//! forming one well-formed multi-byte UTF-8 sequence, so ordinary accented
//! text ("São", "à côté") is left alone.
//!
//! Some sources also lost the trailing bytes (`Australiaâs`, where `€™`
//! vanished); once real mojibake has been seen in a text, a lone `â`
//! between a letter and an English clitic (`s`, `t`, `ll`, `re`, `ve`, `d`,
//! `m`) is read as `’`.

/// What [`repair`] changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Repairs {
    /// Number of sequences replaced.
    pub count: usize,
    /// 1-based line of the first one.
    pub first_line: Option<u32>,
}

/// The Windows-1252 byte a character stands for, if any. C1 controls and
/// Latin-1 characters map to their own code point (undefined cp1252 bytes
/// such as 0x9D survive decoding as U+009D).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Number of continuation bytes a UTF-8 lead byte announces (lead bytes
/// producing characters ≥ U+0080 only).
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// Tries to decode a mojibake sequence starting at `chars[0]`; returns the
/// repaired character and how many input characters it replaces.
fn decode_at(chars: &[char]) -> Option<(char, usize)> {
    let lead = cp1252_byte(*chars.first()?)?;
    let n = continuation_count(lead)?;
    if chars.len() <= n {
        return None;
    }
    let mut bytes = [lead, 0, 0, 0];
    let mut special = false;
    for i in 1..=n {
        let b = cp1252_byte(chars[i])?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        special |= b <= 0x9F;
        bytes[i] = b;
    }
    // Plain Latin-1 continuations ("é" + two NBSPs) are real text unless
    // the lead is the very common `Â`/`Ã` of two-byte mojibake.
    if !(special || (n == 1 && matches!(lead, 0xC2 | 0xC3))) {
        return None;
    }
    let s = std::str::from_utf8(&bytes[..=n]).ok()?;
    let c = s.chars().next()?;
    // Only characters that commonly get mangled: no controls.
    if (c as u32) < 0xA0 {
        return None;
    }
    Some((c, n + 1))
}

/// Repairs mojibake in `text`. Cheap when there is none: only the
/// characters U+00C2..U+00F4 (UTF-8 `C3 82`..`C3 B4`) can start a
/// sequence, and the text is only copied when one is repaired.
pub(crate) fn repair(text: String) -> (String, Repairs) {
    let mut repairs = Repairs::default();
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut lone_candidates = Vec::new();
    let mut pos = 0;
    // 0xC3 is only ever a lead byte, so every hit starts a character.
    while let Some(offset) = memchr::memchr(0xC3, &bytes[pos..]) {
        let i = pos + offset;
        pos = i + 2;
        let mut window = ['\0'; 4];
        let mut len = 0;
        for (slot, c) in window.iter_mut().zip(text[i..].chars()) {
            *slot = c;
            len += 1;
        }
        let c = window[0];
        if !('\u{C2}'..='\u{F4}').contains(&c) {
            continue;
        }
        if let Some((fixed, n)) = decode_at(&window[..len]) {
            if out.capacity() == 0 {
                out.reserve(text.len());
            }
            out.push_str(&text[copied..i]);
            out.push(fixed);
            repairs.count += 1;
            repairs.first_line.get_or_insert_with(|| line_of(&text, i));
            copied = i + window[..n].iter().map(|c| c.len_utf8()).sum::<usize>();
            pos = copied;
        } else if c == 'â' && is_lost_apostrophe(&text, i) {
            lone_candidates.push(out.len() + (i - copied));
        }
    }
    if repairs.count == 0 {
        return (text, repairs);
    }
    out.push_str(&text[copied..]);
    let Some(&first_lone) = lone_candidates.first() else {
        return (out, repairs);
    };
    // Second step: `â` standing for a `’` whose two trailing bytes were lost.
    let line = line_of(&out, first_lone);
    repairs.first_line = Some(repairs.first_line.map_or(line, |l| l.min(line)));
    let mut fixed = String::with_capacity(out.len() + lone_candidates.len() * 2);
    let mut last = 0;
    for pos in lone_candidates {
        fixed.push_str(&out[last..pos]);
        fixed.push('’');
        last = pos + 'â'.len_utf8();
        repairs.count += 1;
    }
    fixed.push_str(&out[last..]);
    (fixed, repairs)
}

/// The 1-based line of byte offset `at` (repairs never add or remove a
/// line break, so input and output lines agree).
fn line_of(text: &str, at: usize) -> u32 {
    1 + text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}

/// `â` (at byte `i`) between a letter and an English clitic ending the word.
fn is_lost_apostrophe(text: &str, i: usize) -> bool {
    if !text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic)
    {
        return false;
    }
    let mut after = text[i..].chars().skip(1);
    let mut next = || after.next();
    let (a, b, c) = (next(), next(), next());
    let ends_word = |x: Option<char>| !x.is_some_and(char::is_alphanumeric);
    match a {
        Some('s' | 't' | 'd' | 'm') => ends_word(b),
        Some('l') => b == Some('l') && ends_word(c),
        Some('r' | 'v') => b == Some('e') && ends_word(c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair_str(text: &str) -> (String, Repairs) {
        repair(text.to_string())
    }

    #[test]
    fn double_encoded_quotes_and_dashes_are_repaired() {
        let (s, r) = repair_str("Australiaâ€™s view â€” and â€œquotesâ€\u{9d}.");
        assert_eq!(s, "Australia’s view — and “quotes”.");
        assert_eq!(r.count, 4);
        assert_eq!(r.first_line, Some(1));
        assert_eq!(repair_str("cafÃ©").0, "café");
    }

    #[test]
    fn lost_trailing_bytes_are_read_as_apostrophe_once_mojibake_is_seen() {
        let (s, _) = repair_str("a â€” b\nPeopleâs Republic and todayâs world, weâll");
        assert_eq!(s, "a — b\nPeople’s Republic and today’s world, we’ll");
        // Without real mojibake elsewhere the text is left alone.
        assert_eq!(repair_str("Peopleâs").0, "Peopleâs");
    }

    #[test]
    fn ordinary_accented_text_is_untouched() {
        for text in [
            "São Paulo",
            "à côté",
            "Ça va",
            "naïve Ångström",
            "é\u{A0}\u{A0}",
        ] {
            assert_eq!(repair_str(text), (text.to_string(), Repairs::default()));
        }
    }
}
