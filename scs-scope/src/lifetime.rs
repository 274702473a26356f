//! Result lifetimes: how long a testcase result counts (scs-0003-v1, "Test-case descriptor",
//! implementing the regular re-testing that scs-0004-v1, Regulations 2 and 3, asks for).
//!
//! > A test result is valid until the end of the next period, except when lifetime is `year`:
//! > then the result is valid until the end of the following month plus one year.
//!
//! Periods are calendar periods (a week starts on Monday, quarters start in January, April,
//! July and October). Expiry is the first moment at which the result no longer counts.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The lifetime of a testcase's result; `week` when a testcase does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifetime {
    /// Valid until the end of the next day.
    Day,
    /// Valid until the end of the next calendar week (the default).
    #[default]
    Week,
    /// Valid until the end of the next calendar month.
    Month,
    /// Valid until the end of the next calendar quarter.
    Quarter,
    /// Valid until the end of the following month plus one year.
    Year,
}

impl Lifetime {
    /// The word used in scope files.
    pub fn as_str(self) -> &'static str {
        match self {
            Lifetime::Day => "day",
            Lifetime::Week => "week",
            Lifetime::Month => "month",
            Lifetime::Quarter => "quarter",
            Lifetime::Year => "year",
        }
    }

    /// The moment a result obtained at `checked_at` expires (it is valid strictly before).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use scs_scope::Lifetime;
    /// // Friday 2026-11-20, noon
    /// let at = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(12, 0, 0).unwrap();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap();
    /// assert_eq!(Lifetime::Day.expiry(at), day(2026, 11, 22));
    /// assert_eq!(Lifetime::Week.expiry(at), day(2026, 11, 30)); // end of next week
    /// assert_eq!(Lifetime::Month.expiry(at), day(2027, 1, 1));
    /// assert_eq!(Lifetime::Quarter.expiry(at), day(2027, 4, 1));
    /// assert_eq!(Lifetime::Year.expiry(at), day(2028, 1, 1));
    /// ```
    pub fn expiry(self, checked_at: NaiveDateTime) -> NaiveDateTime {
        let date = checked_at.date();
        let expiry = match self {
            // Saturating at the end of the calendar instead of overflowing.
            Lifetime::Day => date
                .checked_add_days(Days::new(2))
                .unwrap_or(NaiveDate::MAX),
            Lifetime::Week => {
                // Monday after the next one.
                let days = 14 - u64::from(date.weekday().num_days_from_monday());
                date.checked_add_days(Days::new(days))
                    .unwrap_or(NaiveDate::MAX)
            }
            Lifetime::Month => first_of_month(date.year(), date.month0() + 2),
            Lifetime::Quarter => first_of_month(date.year(), date.month0() / 3 * 3 + 6),
            Lifetime::Year => first_of_month(date.year() + 1, date.month0() + 2),
        };
        expiry.and_time(chrono::NaiveTime::MIN)
    }

    /// Whether a result obtained at `checked_at` still counts at `now`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use scs_scope::Lifetime;
    /// let at = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(12, 0, 0).unwrap();
    /// let later = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap().and_hms_opt(23, 59, 59).unwrap();
    /// assert!(Lifetime::Day.is_valid_at(at, later));
    /// assert!(!Lifetime::Day.is_valid_at(at, later + chrono::Duration::seconds(1)));
    /// ```
    pub fn is_valid_at(self, checked_at: NaiveDateTime, now: NaiveDateTime) -> bool {
        now < self.expiry(checked_at)
    }
}

/// First day of the month `month0` (0-based, may exceed 11) counted from January of `year`.
fn first_of_month(year: i32, month0: u32) -> NaiveDate {
    let year = year.saturating_add((month0 / 12) as i32);
    NaiveDate::from_ymd_opt(year, month0 % 12 + 1, 1).unwrap_or(NaiveDate::MAX)
}

impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error of [`Lifetime::from_str`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown lifetime {0:?} (expected day, week, month, quarter or year)")]
pub struct UnknownLifetime(pub String);

impl FromStr for Lifetime {
    type Err = UnknownLifetime;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "day" => Lifetime::Day,
            "week" => Lifetime::Week,
            "month" => Lifetime::Month,
            "quarter" => Lifetime::Quarter,
            "year" => Lifetime::Year,
            _ => return Err(UnknownLifetime(s.to_owned())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    }

    fn midnight(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    #[test]
    fn week_ends_after_the_next_sunday() {
        // Monday 2026-11-16 .. Sunday 2026-11-22 all expire Monday 2026-11-30.
        for d in 16..=22 {
            assert_eq!(
                Lifetime::Week.expiry(at(2026, 11, d)),
                midnight(2026, 11, 30),
                "day {d}"
            );
        }
        assert_eq!(
            Lifetime::Week.expiry(at(2026, 11, 23)),
            midnight(2026, 12, 7)
        );
    }

    #[test]
    fn month_quarter_year_wrap_around_the_year() {
        assert_eq!(
            Lifetime::Month.expiry(at(2026, 10, 31)),
            midnight(2026, 12, 1)
        );
        assert_eq!(
            Lifetime::Month.expiry(at(2026, 11, 1)),
            midnight(2027, 1, 1)
        );
        assert_eq!(
            Lifetime::Month.expiry(at(2026, 12, 31)),
            midnight(2027, 2, 1)
        );
        assert_eq!(
            Lifetime::Quarter.expiry(at(2026, 1, 1)),
            midnight(2026, 7, 1)
        );
        assert_eq!(
            Lifetime::Quarter.expiry(at(2026, 3, 31)),
            midnight(2026, 7, 1)
        );
        assert_eq!(
            Lifetime::Quarter.expiry(at(2026, 4, 1)),
            midnight(2026, 10, 1)
        );
        assert_eq!(
            Lifetime::Quarter.expiry(at(2026, 9, 30)),
            midnight(2027, 1, 1)
        );
        assert_eq!(
            Lifetime::Quarter.expiry(at(2026, 12, 31)),
            midnight(2027, 4, 1)
        );
        assert_eq!(Lifetime::Year.expiry(at(2026, 1, 15)), midnight(2027, 3, 1));
        assert_eq!(
            Lifetime::Year.expiry(at(2026, 11, 15)),
            midnight(2028, 1, 1)
        );
        assert_eq!(
            Lifetime::Year.expiry(at(2026, 12, 15)),
            midnight(2028, 2, 1)
        );
    }

    #[test]
    fn day_ends_after_the_next_day() {
        assert_eq!(Lifetime::Day.expiry(at(2026, 12, 31)), midnight(2027, 1, 2));
        assert_eq!(Lifetime::Day.expiry(at(2028, 2, 28)), midnight(2028, 3, 1));
    }

    #[test]
    fn the_end_of_the_calendar_does_not_panic() {
        let last = NaiveDate::MAX.and_hms_opt(12, 0, 0).unwrap();
        for l in [
            Lifetime::Day,
            Lifetime::Week,
            Lifetime::Month,
            Lifetime::Quarter,
            Lifetime::Year,
        ] {
            assert_eq!(l.expiry(last).date(), NaiveDate::MAX, "{l}");
        }
    }

    #[test]
    fn words_round_trip() {
        for l in [
            Lifetime::Day,
            Lifetime::Week,
            Lifetime::Month,
            Lifetime::Quarter,
            Lifetime::Year,
        ] {
            assert_eq!(l.as_str().parse::<Lifetime>(), Ok(l));
        }
        assert!("fortnight".parse::<Lifetime>().is_err());
        assert_eq!(Lifetime::default(), Lifetime::Week);
    }
}
