//! Errors that point into a text the shop edits (policy and calendar files): file, line, column.

use std::fmt;
use std::ops::Range;

/// A position in a text file, 1-based, as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The line and column of a byte offset into `text`.
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        Location { line, column }
    }

    /// The location where a span starts.
    pub fn of_span(text: &str, span: &Range<usize>) -> Location {
        Self::of_offset(text, span.start)
    }
}

/// A refused policy or calendar file: which file, where, and what is wrong, in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SourceError {
    pub file: String,
    pub location: Option<Location>,
    pub message: String,
}

impl SourceError {
    /// An error at a byte span of `text`.
    pub fn at(
        file: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        SourceError {
            file: file.to_owned(),
            location: span.map(|s| Location::of_span(text, &s)),
            message: message.into(),
        }
    }

    /// An error at a known location.
    pub fn at_location(file: &str, location: Location, message: impl Into<String>) -> Self {
        SourceError {
            file: file.to_owned(),
            location: Some(location),
            message: message.into(),
        }
    }

    /// Turns a TOML syntax or type error into one line naming the file and position.
    pub fn from_toml(file: &str, text: &str, error: &toml::de::Error) -> Self {
        // toml's own message can span several lines with a source excerpt; the first
        // line of `message()` is the part a person needs next to the position.
        let message = error
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .trim();
        Self::at(file, text, error.span(), message)
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(Location { line, column }) => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)
            }
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// A calendar date written as a TOML local date (`2026-10-01`, no quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(try_from = "toml::value::Datetime")]
pub(crate) struct TomlDate(pub(crate) jiff::civil::Date);

impl TryFrom<toml::value::Datetime> for TomlDate {
    type Error = String;
    fn try_from(value: toml::value::Datetime) -> Result<Self, Self::Error> {
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => jiff::civil::Date::new(
                i16::try_from(d.year).map_err(|_| "year out of range")?,
                i8::try_from(d.month).map_err(|_| "month out of range")?,
                i8::try_from(d.day).map_err(|_| "day out of range")?,
            )
            .map(TomlDate)
            .map_err(|e| format!("`{value}` is not a valid date: {e}")),
            _ => Err(format!(
                "`{value}` must be a plain date like 2026-01-01, without a time or offset"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_columns_from_one() {
        let text = "a = 1\nbb = 2\n";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 6),
            Location { line: 2, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 9),
            Location { line: 2, column: 4 }
        );
        assert_eq!(
            Location::of_offset(text, 999),
            Location { line: 3, column: 1 }
        );
    }
}
