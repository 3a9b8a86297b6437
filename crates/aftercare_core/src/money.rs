//! Exact money: integer minor units tied to an ISO 4217 currency, and percentages as exact decimals.
//!
//! Every rounding in Aftercare goes through [`round_half_away`], so the one rule the policy gives
//! (half away from zero, to the currency's minor unit) lives in one place.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why an amount, a currency or a percentage was refused, or an operation could not be done exactly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{0}` is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error("{0} has no minor unit and cannot be used for payments")]
    NotPayable(String),
    #[error("`{0}` is not an amount; write digits with an optional decimal point, like \"120.00\"")]
    Malformed(String),
    #[error("`{amount}` has more decimal places than {currency} allows ({exponent})")]
    TooPrecise {
        amount: String,
        currency: &'static str,
        exponent: u8,
    },
    #[error("amount is too large")]
    Overflow,
    #[error("cannot combine {0} with {1}")]
    CurrencyMismatch(&'static str, &'static str),
    #[error("cannot share an amount pro rata over a total of zero")]
    ZeroWhole,
    #[error(
        "`{0}` is not a percentage between 0 and 100; write a whole number or a quoted decimal like \"12.5\""
    )]
    BadPercent(String),
}

impl MoneyError {
    /// The error as a message of the refusals catalog, for a refused value shown in the
    /// reader's language.
    pub fn said(&self) -> crate::i18n::Said {
        use crate::i18n::Said;
        match self {
            MoneyError::UnknownCurrency(c) => {
                Said::new("refused-unknown-currency").with("currency", c.as_str())
            }
            MoneyError::NotPayable(c) => {
                Said::new("refused-currency-not-payable").with("currency", c.as_str())
            }
            MoneyError::Malformed(a) => {
                Said::new("refused-malformed-amount").with("amount", a.as_str())
            }
            MoneyError::TooPrecise {
                amount,
                currency,
                exponent,
            } => Said::new("refused-amount-too-precise")
                .with("amount", amount.as_str())
                .with("currency", *currency)
                .with("exponent", i64::from(*exponent)),
            MoneyError::Overflow => Said::new("refused-amount-too-large"),
            MoneyError::CurrencyMismatch(a, b) => Said::new("refused-currency-mismatch")
                .with("first", *a)
                .with("second", *b),
            MoneyError::ZeroWhole => Said::new("refused-zero-whole"),
            MoneyError::BadPercent(p) => {
                Said::new("refused-bad-percent").with("percent", p.as_str())
            }
        }
    }
}

/// An ISO 4217 currency that has a minor unit (USD 2, JPY 0, KWD 3).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    iso: iso_currency::Currency,
    exponent: u8,
}

impl Currency {
    /// US dollars: the currency of the examples, and of amounts whose value is never judged.
    pub const USD: Currency = Currency {
        iso: iso_currency::Currency::USD,
        exponent: 2,
    };

    /// Parses an upper-case three-letter code; refuses codes without a minor unit (gold, SDRs...).
    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        let iso = iso_currency::Currency::from_code(code)
            .ok_or_else(|| MoneyError::UnknownCurrency(code.to_owned()))?;
        let exponent = iso
            .exponent()
            .and_then(|e| u8::try_from(e).ok())
            .filter(|e| *e <= 6)
            .ok_or_else(|| MoneyError::NotPayable(code.to_owned()))?;
        Ok(Self { iso, exponent })
    }

    /// The three-letter code.
    pub fn code(&self) -> &'static str {
        self.iso.code()
    }

    /// Digits after the decimal point of the minor unit.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    fn scale(&self) -> i128 {
        10_i128.pow(u32::from(self.exponent))
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Self::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// An exact amount of one currency, in its minor unit.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// Zero of a currency.
    pub fn zero(currency: Currency) -> Self {
        Self { minor: 0, currency }
    }

    /// An amount given in minor units (cents for USD, yen for JPY, fils for KWD).
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Parses a decimal text such as `"120.00"`, `"120"` or `"-3.5"`; refuses more decimal places
    /// than the currency has, because a paid amount that cannot be paid is a data error, not
    /// something to round silently.
    pub fn parse(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let malformed = || MoneyError::Malformed(text.to_owned());
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || (digits.contains('.') && fraction.is_empty())
        {
            return Err(malformed());
        }
        let exponent = usize::from(currency.exponent);
        if fraction.len() > exponent {
            return Err(MoneyError::TooPrecise {
                amount: text.to_owned(),
                currency: currency.code(),
                exponent: currency.exponent,
            });
        }
        let mut minor: i128 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .filter(|m| *m <= i128::from(i64::MAX))
                .ok_or(MoneyError::Overflow)?;
        }
        for _ in fraction.len()..exponent {
            minor = minor.checked_mul(10).ok_or(MoneyError::Overflow)?;
        }
        let minor = i64::try_from(if negative { -minor } else { minor })
            .map_err(|_| MoneyError::Overflow)?;
        Ok(Self { minor, currency })
    }

    /// The amount in minor units.
    pub fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// True for amounts below zero.
    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    /// True for exactly zero.
    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(
                self.currency.code(),
                other.currency.code(),
            ))
        }
    }

    fn with_minor(&self, minor: i128) -> Result<Money, MoneyError> {
        let minor = i64::try_from(minor).map_err(|_| MoneyError::Overflow)?;
        Ok(Money {
            minor,
            currency: self.currency,
        })
    }

    /// Sum of two amounts of the same currency.
    pub fn checked_add(&self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(&other)?;
        self.with_minor(i128::from(self.minor) + i128::from(other.minor))
    }

    /// Difference of two amounts of the same currency.
    pub fn checked_sub(&self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(&other)?;
        self.with_minor(i128::from(self.minor) - i128::from(other.minor))
    }

    /// The amount with its sign flipped.
    pub fn negated(&self) -> Result<Money, MoneyError> {
        self.with_minor(-i128::from(self.minor))
    }

    /// This amount times a whole quantity.
    pub fn times(&self, quantity: u32) -> Result<Money, MoneyError> {
        self.with_minor(i128::from(self.minor) * i128::from(quantity))
    }

    /// `percent` of this amount, rounded half away from zero to the minor unit.
    pub fn percent(&self, percent: Percent) -> Result<Money, MoneyError> {
        let (mantissa, denominator) = percent.fraction();
        let numerator = i128::from(self.minor)
            .checked_mul(mantissa)
            .ok_or(MoneyError::Overflow)?;
        self.with_minor(round_half_away(numerator, denominator))
    }

    /// This amount's share for `part` of `whole`: `self × part / whole`, rounded once.
    /// Used to share an order-level fee (shipping, duties) over the returned units.
    pub fn pro_rata(&self, part: Money, whole: Money) -> Result<Money, MoneyError> {
        part.same_currency(&whole)?;
        self.same_currency(&part)?;
        if whole.minor == 0 {
            return Err(MoneyError::ZeroWhole);
        }
        let numerator = i128::from(self.minor)
            .checked_mul(i128::from(part.minor))
            .ok_or(MoneyError::Overflow)?;
        let (numerator, denominator) = if whole.minor < 0 {
            (-numerator, -i128::from(whole.minor))
        } else {
            (numerator, i128::from(whole.minor))
        };
        self.with_minor(round_half_away(numerator, denominator))
    }

    /// The decimal text of the amount, with exactly the currency's number of decimal places.
    pub fn amount_text(&self) -> String {
        let scale = self.currency.scale();
        let minor = i128::from(self.minor);
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.abs();
        let exponent = usize::from(self.currency.exponent);
        if exponent == 0 {
            format!("{sign}{abs}")
        } else {
            format!(
                "{sign}{}.{:0width$}",
                abs / scale,
                abs % scale,
                width = exponent
            )
        }
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_text(), self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_text(), self.currency)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyJson {
    amount: String,
    currency: Currency,
}

/// Stored and sent as `{"amount": "120.00", "currency": "USD"}`: the amount as exact text.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        MoneyJson {
            amount: self.amount_text(),
            currency: self.currency,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = MoneyJson::deserialize(d)?;
        Money::parse(&raw.amount, raw.currency).map_err(serde::de::Error::custom)
    }
}

/// Divides and rounds half away from zero: the shop's one rounding rule.
///
/// `denominator` must be positive; every caller passes a positive constant or a checked total.
pub fn round_half_away(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() * 2 >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// A percentage from 0 to 100, exact (`12.5` stays 12.5).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent(Decimal);

impl Percent {
    /// 0%.
    pub const ZERO: Percent = Percent(Decimal::ZERO);
    /// 100%.
    pub const HUNDRED: Percent = Percent(Decimal::ONE_HUNDRED);

    /// A whole-number percentage; `None` above 100.
    pub fn whole(value: u8) -> Option<Percent> {
        (value <= 100).then(|| Percent(Decimal::from(value)))
    }

    /// Parses `"12.5"` or `"60"`.
    pub fn parse(text: &str) -> Result<Percent, MoneyError> {
        let bad = || MoneyError::BadPercent(text.to_owned());
        if text.is_empty()
            || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            || text.starts_with('.')
            || text.ends_with('.')
        {
            return Err(bad());
        }
        let value = Decimal::from_str(text).map_err(|_| bad())?;
        Self::from_decimal(value).ok_or_else(bad)
    }

    fn from_decimal(value: Decimal) -> Option<Percent> {
        let value = value.normalize();
        // Four decimals (a hundredth of a basis point) is far finer than any policy needs and
        // keeps every product with an amount inside i128.
        (value >= Decimal::ZERO && value <= Decimal::ONE_HUNDRED && value.scale() <= 4)
            .then_some(Percent(value))
    }

    /// The percentage as an exact fraction of one: `(numerator, denominator)`, denominator > 0.
    pub fn fraction(self) -> (i128, i128) {
        // A normalized Decimal in 0..=100 has a scale of at most 28, so 10^scale fits in i128.
        (self.0.mantissa(), 100 * 10_i128.pow(self.0.scale()))
    }

    /// This percentage minus `points`, never below `floor`.
    pub fn minus_points_floored(self, points: Percent, floor: Percent) -> Percent {
        let value = self.0 - points.0;
        if value < floor.0 {
            floor
        } else {
            Percent(value.normalize())
        }
    }

    /// `points` taken `times` times, capped at 100.
    pub fn times(self, times: u32) -> Percent {
        let value = self
            .0
            .checked_mul(Decimal::from(times))
            .unwrap_or(Decimal::ONE_HUNDRED);
        Percent(value.min(Decimal::ONE_HUNDRED).normalize())
    }

    /// The sum of two percentages, capped at 100.
    pub fn plus(self, other: Percent) -> Percent {
        Percent((self.0 + other.0).min(Decimal::ONE_HUNDRED).normalize())
    }
}

impl fmt::Debug for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Percent;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a percentage: a whole number or a quoted decimal like \"12.5\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Percent, E> {
                u8::try_from(v)
                    .ok()
                    .and_then(Percent::whole)
                    .ok_or_else(|| E::custom(MoneyError::BadPercent(v.to_string())))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Percent, E> {
                u8::try_from(v)
                    .ok()
                    .and_then(Percent::whole)
                    .ok_or_else(|| E::custom(MoneyError::BadPercent(v.to_string())))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Percent, E> {
                Err(E::custom(format!(
                    "{v} is a floating-point number; write percentages as whole numbers or quoted decimals like \"12.5\" so they stay exact"
                )))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Percent, E> {
                Percent::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[rstest]
    #[case("USD", 2)]
    #[case("JPY", 0)]
    #[case("KWD", 3)]
    #[case("EUR", 2)]
    fn currencies_know_their_minor_unit(#[case] code: &str, #[case] exponent: u8) {
        assert_eq!(cur(code).exponent(), exponent);
    }

    #[rstest]
    #[case("usd")]
    #[case("XXX")]
    #[case("XAU")]
    #[case("")]
    #[case("DOLLARS")]
    fn unknown_or_unpayable_currencies_are_refused(#[case] code: &str) {
        assert!(Currency::parse(code).is_err());
    }

    #[rstest]
    #[case("120.00", "USD", 12_000)]
    #[case("120", "USD", 12_000)]
    #[case("0.5", "USD", 50)]
    #[case("-3.25", "USD", -325)]
    #[case("1500", "JPY", 1500)]
    #[case("1.234", "KWD", 1234)]
    #[case("0", "KWD", 0)]
    fn amounts_parse_exactly(#[case] text: &str, #[case] code: &str, #[case] minor: i64) {
        assert_eq!(Money::parse(text, cur(code)).unwrap().minor(), minor);
    }

    #[rstest]
    #[case("1.5", "JPY")]
    #[case("1.001", "USD")]
    #[case("1.0001", "KWD")]
    #[case("", "USD")]
    #[case("1.", "USD")]
    #[case(".5", "USD")]
    #[case("+1", "USD")]
    #[case("1e3", "USD")]
    #[case("1,00", "USD")]
    #[case(" 1", "USD")]
    #[case("--1", "USD")]
    #[case("99999999999999999999", "USD")]
    fn malformed_or_too_precise_amounts_are_refused(#[case] text: &str, #[case] code: &str) {
        assert!(Money::parse(text, cur(code)).is_err(), "{text} accepted");
    }

    #[rstest]
    #[case(12_000, "USD", "120.00")]
    #[case(-5, "USD", "-0.05")]
    #[case(1500, "JPY", "1500")]
    #[case(1234, "KWD", "1.234")]
    #[case(-1, "KWD", "-0.001")]
    fn amounts_print_with_the_currency_decimals(
        #[case] minor: i64,
        #[case] code: &str,
        #[case] text: &str,
    ) {
        assert_eq!(Money::from_minor(minor, cur(code)).amount_text(), text);
    }

    #[rstest]
    #[case(15, 10, 2)] // 1.5 -> 2
    #[case(-15, 10, -2)] // -1.5 -> -2
    #[case(14, 10, 1)]
    #[case(-14, 10, -1)]
    #[case(25, 10, 3)] // half away from zero, not to even
    #[case(1, 3, 0)]
    #[case(2, 3, 1)]
    fn rounding_is_half_away_from_zero(#[case] n: i128, #[case] d: i128, #[case] expected: i128) {
        assert_eq!(round_half_away(n, d), expected);
    }

    #[rstest]
    #[case("15.00", "USD", "50", "7.50")]
    #[case("0.05", "USD", "50", "0.03")] // 2.5 cents -> 3
    #[case("1001", "JPY", "50", "501")] // 500.5 yen -> 501
    #[case("1.005", "KWD", "50", "0.503")] // 502.5 fils -> 503
    #[case("120.00", "USD", "10", "12.00")]
    #[case("33.33", "USD", "12.5", "4.17")]
    fn percentages_round_to_the_minor_unit(
        #[case] amount: &str,
        #[case] code: &str,
        #[case] pct: &str,
        #[case] expected: &str,
    ) {
        let m = Money::parse(amount, cur(code)).unwrap();
        let p = Percent::parse(pct).unwrap();
        assert_eq!(m.percent(p).unwrap().amount_text(), expected);
    }

    #[test]
    fn pro_rata_shares_round_once() {
        let usd = cur("USD");
        let fee = Money::parse("10.00", usd).unwrap();
        let part = Money::parse("1.00", usd).unwrap();
        let whole = Money::parse("3.00", usd).unwrap();
        assert_eq!(fee.pro_rata(part, whole).unwrap().amount_text(), "3.33");
        assert_eq!(
            fee.pro_rata(part, Money::zero(usd)),
            Err(MoneyError::ZeroWhole)
        );
    }

    #[test]
    fn mixing_currencies_is_refused() {
        let a = Money::parse("1", cur("USD")).unwrap();
        let b = Money::parse("1", cur("EUR")).unwrap();
        assert!(matches!(
            a.checked_add(b),
            Err(MoneyError::CurrencyMismatch(..))
        ));
    }

    #[rstest]
    #[case("101")]
    #[case("-1")]
    #[case("abc")]
    #[case("1e2")]
    #[case(".5")]
    fn bad_percentages_are_refused(#[case] text: &str) {
        assert!(Percent::parse(text).is_err());
    }

    #[test]
    fn floats_are_refused_as_percentages() {
        let err = serde_json::from_str::<Percent>("12.5").unwrap_err();
        assert!(err.to_string().contains("floating-point"), "{err}");
        assert_eq!(
            serde_json::from_str::<Percent>("\"12.5\"").unwrap(),
            Percent::parse("12.5").unwrap()
        );
    }

    proptest! {
        #[test]
        fn printing_then_parsing_gives_back_the_same_amount(minor in i64::MIN + 1..i64::MAX, code in prop::sample::select(vec!["USD", "JPY", "KWD"])) {
            let m = Money::from_minor(minor, cur(code));
            prop_assert_eq!(Money::parse(&m.amount_text(), cur(code)).unwrap(), m);
        }

        #[test]
        fn a_percentage_of_an_amount_never_exceeds_the_amount(minor in 0i64..1_000_000_000_000, tenths in 0u32..=1000) {
            let p = Percent::parse(&format!("{}.{}", tenths / 10, tenths % 10)).unwrap();
            let m = Money::from_minor(minor, cur("USD"));
            let r = m.percent(p).unwrap();
            prop_assert!(r.minor() >= 0 && r.minor() <= minor);
        }

        #[test]
        fn rounding_is_within_half_a_unit(n in -1_000_000_000i128..1_000_000_000, d in 1i128..10_000) {
            let q = round_half_away(n, d);
            // |q*d - n| <= d/2, with ties going away from zero
            prop_assert!((q * d - n).abs() * 2 <= d);
            prop_assert!(q.signum() == 0 || q.signum() == n.signum());
        }

        #[test]
        fn pro_rata_shares_never_exceed_the_fee(fee in 0i64..10_000_000, part in 0i64..10_000_000, extra in 0i64..10_000_000) {
            let usd = cur("USD");
            let whole = part + extra;
            prop_assume!(whole > 0);
            let share = Money::from_minor(fee, usd).pro_rata(Money::from_minor(part, usd), Money::from_minor(whole, usd)).unwrap();
            prop_assert!(share.minor() >= 0 && share.minor() <= fee);
        }
    }
}

/// OpenAPI schemas of the money types, written by hand because their serde is: the amount is
/// exact text, never a JSON number a client could round.
#[cfg(feature = "openapi")]
mod schema {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
    use utoipa::{PartialSchema, ToSchema};

    use super::{Currency, Money, Percent};

    fn currency() -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("An ISO 4217 currency code"))
            .pattern(Some("^[A-Z]{3}$"))
            .examples([serde_json::json!("USD")])
    }

    impl PartialSchema for Currency {
        fn schema() -> RefOr<Schema> {
            currency().into()
        }
    }
    impl ToSchema for Currency {}

    impl PartialSchema for Money {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .description(Some(
                    "An exact amount: decimal text in the currency's minor unit, and its currency",
                ))
                .property(
                    "amount",
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some(r"^-?[0-9]+(\.[0-9]+)?$"))
                        .examples([serde_json::json!("120.00")]),
                )
                .required("amount")
                .property("currency", currency())
                .required("currency")
                .additional_properties(Some(AdditionalProperties::FreeForm(false)))
                .into()
        }
    }
    impl ToSchema for Money {}

    impl PartialSchema for Percent {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(
                    "A percentage from 0 to 100 as exact decimal text, at most four decimals",
                ))
                .pattern(Some(r"^(100(\.0{1,4})?|[0-9]{1,2}(\.[0-9]{1,4})?)$"))
                .examples([serde_json::json!("55")])
                .into()
        }
    }
    impl ToSchema for Percent {}
}
