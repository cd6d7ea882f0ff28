//! The one date conversion behind the renditions' metadata: the PDF's
//! `CreationDate`/`ModDate` (and XMP) and the DOCX's `dcterms:created` and
//! `dcterms:modified` come from the same [`Stamp`], so a document is dated
//! in both or in neither.

use crate::model::Document;

/// A moment in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    year: i64,
    month: u32,
    day: u32,
    /// Seconds since midnight.
    seconds: u32,
}

impl Stamp {
    /// The release date of `doc` (see [`Stamp::from_model_date`]), else
    /// `timestamp` (seconds since the Unix epoch), else none.
    pub fn of(doc: &Document, timestamp: Option<i64>) -> Option<Stamp> {
        doc.meta
            .date
            .as_deref()
            .and_then(Stamp::from_model_date)
            .or_else(|| timestamp.map(Stamp::from_epoch))
    }

    /// A model date, `YYYY-MM-DD`, at midnight UTC when it is a real
    /// calendar day. A time after the day (`2020-11-24T09:30:00Z`, or after
    /// a space) is accepted and ignored: the release date is a day.
    pub fn from_model_date(date: &str) -> Option<Stamp> {
        let date = date.trim();
        let b = date.as_bytes();
        let shaped = b.len() >= 10
            && b[..10].iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
            && matches!(b.get(10), None | Some(b'T' | b't' | b' '));
        if !shaped {
            return None;
        }
        // The first ten bytes are ASCII, so these slices are on char boundaries.
        let year: i64 = date[..4].parse().ok()?;
        let month: u32 = date[5..7].parse().ok()?;
        let day: u32 = date[8..10].parse().ok()?;
        let real = year >= 1
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        real.then_some(Stamp {
            year,
            month,
            day,
            seconds: 0,
        })
    }

    /// Seconds since the Unix epoch (proleptic Gregorian calendar, UTC).
    pub fn from_epoch(secs: i64) -> Stamp {
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        Stamp {
            year,
            month,
            day,
            seconds: secs.rem_euclid(86_400) as u32,
        }
    }

    /// The PDF date string, `D:YYYYMMDDhhmmssZ`.
    pub fn pdf(self) -> String {
        let (h, m, s) = self.clock();
        format!(
            "D:{:04}{:02}{:02}{h:02}{m:02}{s:02}Z",
            self.year, self.month, self.day
        )
    }

    /// The W3C date-time of DOCX core properties, `YYYY-MM-DDThh:mm:ssZ`.
    pub fn w3c(self) -> String {
        let (h, m, s) = self.clock();
        format!(
            "{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}Z",
            self.year, self.month, self.day
        )
    }

    fn clock(self) -> (u32, u32, u32) {
        (
            self.seconds / 3600,
            self.seconds / 60 % 60,
            self.seconds % 60,
        )
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_dates_are_real_days_and_a_time_part_is_ignored() {
        let day = Stamp::from_model_date("2020-11-24").map(Stamp::w3c);
        assert_eq!(day.as_deref(), Some("2020-11-24T00:00:00Z"));
        let with_time = Stamp::from_model_date("2020-11-24T09:30:00Z").map(Stamp::pdf);
        assert_eq!(with_time.as_deref(), Some("D:20201124000000Z"));
        assert!(Stamp::from_model_date("2021-02-29").is_none());
        assert!(Stamp::from_model_date("2020-02-29").is_some());
        assert!(Stamp::from_model_date("2020-13-24").is_none());
        assert!(Stamp::from_model_date("2020-1-5").is_none());
        assert!(Stamp::from_model_date("2020-11-24x").is_none());
        assert!(Stamp::from_model_date("24 November").is_none());
    }

    #[test]
    fn epoch_seconds_are_utc_moments() {
        assert_eq!(Stamp::from_epoch(0).w3c(), "1970-01-01T00:00:00Z");
        assert_eq!(Stamp::from_epoch(1_606_176_000).pdf(), "D:20201124000000Z");
        assert_eq!(
            Stamp::from_epoch(951_782_400 + 3661).w3c(),
            "2000-02-29T01:01:01Z"
        );
    }
}
