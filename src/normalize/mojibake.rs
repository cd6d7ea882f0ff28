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

/// Repairs mojibake in `text`. Cheap when there is none: the scan only
/// stops at characters in U+00C2..U+00F4.
pub(crate) fn repair(text: &str) -> (String, Repairs) {
    let mut repairs = Repairs::default();
    if !text.chars().any(|c| ('\u{C2}'..='\u{F4}').contains(&c)) {
        return (text.to_string(), repairs);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut line = 1u32;
    let mut i = 0;
    let mut lone_candidates = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        }
        if ('\u{C2}'..='\u{F4}').contains(&c) {
            if let Some((fixed, len)) = decode_at(&chars[i..chars.len().min(i + 4)]) {
                out.push(fixed);
                repairs.count += 1;
                repairs.first_line.get_or_insert(line);
                i += len;
                continue;
            }
            if c == 'â' && is_lost_apostrophe(&chars, i) {
                lone_candidates.push((out.len(), line));
            }
        }
        out.push(c);
        i += 1;
    }
    if repairs.count == 0 || lone_candidates.is_empty() {
        return (out, repairs);
    }
    // Second step: `â` standing for a `’` whose two trailing bytes were lost.
    let mut fixed = String::with_capacity(out.len() + lone_candidates.len() * 2);
    let mut last = 0;
    for (pos, line) in lone_candidates {
        fixed.push_str(&out[last..pos]);
        fixed.push('’');
        last = pos + 'â'.len_utf8();
        repairs.count += 1;
        repairs.first_line = Some(repairs.first_line.map_or(line, |l| l.min(line)));
    }
    fixed.push_str(&out[last..]);
    (fixed, repairs)
}

/// `â` between a letter and an English clitic ending the word.
fn is_lost_apostrophe(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| chars[j]);
    if !before.is_some_and(char::is_alphabetic) {
        return false;
    }
    let after = |k: usize| chars.get(i + k).copied();
    let ends_word = |k: usize| !after(k).is_some_and(char::is_alphanumeric);
    match after(1) {
        Some('s' | 't' | 'd' | 'm') => ends_word(2),
        Some('l') => after(2) == Some('l') && ends_word(3),
        Some('r' | 'v') => after(2) == Some('e') && ends_word(3),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_encoded_quotes_and_dashes_are_repaired() {
        let (s, r) = repair("Australiaâ€™s view â€” and â€œquotesâ€\u{9d}.");
        assert_eq!(s, "Australia’s view — and “quotes”.");
        assert_eq!(r.count, 4);
        assert_eq!(r.first_line, Some(1));
        assert_eq!(repair("cafÃ©").0, "café");
    }

    #[test]
    fn lost_trailing_bytes_are_read_as_apostrophe_once_mojibake_is_seen() {
        let (s, _) = repair("a â€” b\nPeopleâs Republic and todayâs world, weâll");
        assert_eq!(s, "a — b\nPeople’s Republic and today’s world, we’ll");
        // Without real mojibake elsewhere the text is left alone.
        assert_eq!(repair("Peopleâs").0, "Peopleâs");
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
            assert_eq!(repair(text), (text.to_string(), Repairs::default()));
        }
    }
}
