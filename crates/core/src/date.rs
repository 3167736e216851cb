//! Dates with their real precision: a year, a month or a day.
//!
//! A claim dated "2025" is never shown or placed as a day. Ordering puts a
//! less precise date before the more precise dates inside it
//! (`2025` < `2025-03` < `2025-03-14`).

use std::fmt;

/// A calendar date known to a year, a month or a day (`month`/`day` 0 = unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// How precisely a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    pub const fn year(year: u16) -> Self {
        PartialDate {
            year,
            month: 0,
            day: 0,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = text.split('-').collect();
        let widths = [4, 2, 2];
        if parts.is_empty() || parts.len() > 3 {
            return Err(bad());
        }
        let mut numbers = [0u16; 3];
        for (i, part) in parts.iter().enumerate() {
            if part.len() != widths[i] || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            numbers[i] = part.parse().map_err(|_| bad())?;
        }
        let date = PartialDate {
            year: numbers[0],
            month: numbers[1] as u8,
            day: numbers[2] as u8,
        };
        if parts.len() >= 2 && !(1..=12).contains(&date.month) {
            return Err(format!("`{text}` has no month {}", date.month));
        }
        if parts.len() == 3 && !(1..=days_in_month(date.year, date.month)).contains(&date.day) {
            return Err(format!("`{text}` has no day {} in that month", date.day));
        }
        Ok(date)
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// This date cut down to `precision` (never made more precise).
    pub fn truncated(self, precision: Precision) -> Self {
        match precision.min(self.precision()) {
            Precision::Year => PartialDate::year(self.year),
            Precision::Month => PartialDate { day: 0, ..self },
            Precision::Day => self,
        }
    }

    /// True when `self` may lie after `other`: compared at the coarser of the two precisions.
    pub fn is_after(self, other: PartialDate) -> bool {
        let common = self.precision().min(other.precision());
        self.truncated(common) > other.truncated(common)
    }

    /// The stable `YYYY[-MM[-DD]]` form.
    pub fn iso(self) -> String {
        match self.precision() {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// The month's name, when the month is known.
    pub fn month_name(self) -> Option<&'static str> {
        MONTHS.get(usize::from(self.month).checked_sub(1)?).copied()
    }
}

/// Reader-facing form: "2025", "March 2025", "14 March 2025".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.precision(), self.month_name()) {
            (Precision::Day, Some(m)) => write!(f, "{} {} {}", self.day, m, self.year),
            (Precision::Month, Some(m)) => write!(f, "{} {}", m, self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse("2025").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse("2025-03").unwrap().precision(),
            Precision::Month
        );
        let day = PartialDate::parse("2025-03-14").unwrap();
        assert_eq!((day.year, day.month, day.day), (2025, 3, 14));
        assert_eq!(day.iso(), "2025-03-14");
        assert_eq!(day.to_string(), "14 March 2025");
        assert_eq!(
            PartialDate::parse("2025-03").unwrap().to_string(),
            "March 2025"
        );
        assert_eq!(PartialDate::parse("2025").unwrap().to_string(), "2025");
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in [
            "",
            "25",
            "2025-3",
            "2025-13",
            "2025-02-29",
            "2025/03/14",
            "2025-03-14-1",
            "March 2025",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn orders_coarse_before_fine_and_compares_at_common_precision() {
        let y = PartialDate::parse("2025").unwrap();
        let m = PartialDate::parse("2025-03").unwrap();
        let d = PartialDate::parse("2025-03-14").unwrap();
        assert!(y < m && m < d);
        assert!(!m.is_after(y), "March 2025 is not after 2025");
        assert!(PartialDate::parse("2025-04").unwrap().is_after(d));
        assert!(!PartialDate::parse("2025-03-01").unwrap().is_after(d));
        assert!(PartialDate::parse("2026").unwrap().is_after(d));
    }
}
