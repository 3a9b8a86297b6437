//! A JSON value a case keeps as it was recorded, such as the evaluator's decision when a return
//! or buyback was requested: written once, read back as text.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// A recorded JSON value, kept as its text. Every command reads all the cases of its order (the
/// ledger), and a decision parsed into a `serde_json::Value` was a tree of maps and strings
/// built and dropped for each case each time: most of the cost of reading a case. Kept as text,
/// it is copied, and parsed only where a page shows it.
///
/// Only for fields of plain structs, read with serde_json: a field of an internally tagged enum
/// (the case events) is read from serde's buffer, where no raw text is left to keep.
#[derive(Clone, Debug)]
pub struct KeptJson(Box<RawValue>);

impl KeptJson {
    /// The JSON `null`: nothing recorded yet.
    pub fn null() -> KeptJson {
        KeptJson(RawValue::NULL.to_owned())
    }

    /// `value` recorded as its JSON text.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<KeptJson, serde_json::Error> {
        serde_json::value::to_raw_value(value).map(KeptJson)
    }

    /// The recorded value, parsed; `Null` when nothing was recorded.
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or(serde_json::Value::Null)
    }
}

impl Default for KeptJson {
    fn default() -> Self {
        KeptJson::null()
    }
}

impl From<&serde_json::Value> for KeptJson {
    fn from(value: &serde_json::Value) -> Self {
        // A `Value` always serialises; `null` is only the unreachable fallback.
        KeptJson::of(value).unwrap_or_default()
    }
}

/// Equal when they record the same value, whatever their spacing or the order of their keys.
impl PartialEq for KeptJson {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get() || self.value() == other.value()
    }
}

impl Eq for KeptJson {}

impl Serialize for KeptJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for KeptJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(KeptJson)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_kept_value_reads_back_from_text_and_from_a_value_as_it_was() {
        let decision = json!({"outcome": "return_eligible", "refund": {"amount": "108.00"}});
        let kept = KeptJson::of(&decision).unwrap();
        assert_eq!(kept.value(), decision);
        let text = serde_json::to_string(&json!({"decision": kept})).unwrap();
        #[derive(Deserialize)]
        struct Case {
            decision: KeptJson,
        }
        let from_text: Case = serde_json::from_str(&text).unwrap();
        assert_eq!(from_text.decision.value(), decision);
        let from_value: Case = serde_json::from_value(json!({"decision": decision})).unwrap();
        assert_eq!(from_value.decision, kept);
        assert_eq!(serde_json::to_value(&kept).unwrap(), decision);
    }

    #[test]
    fn equal_values_are_equal_whatever_their_spacing() {
        let tight: KeptJson = serde_json::from_str(r#"{"a":1,"b":[2]}"#).unwrap();
        let loose: KeptJson = serde_json::from_str(r#"{ "b": [2], "a": 1 }"#).unwrap();
        assert_eq!(tight, loose);
        assert_ne!(tight, KeptJson::null());
        assert_eq!(KeptJson::default(), KeptJson::null());
        assert_eq!(KeptJson::null().value(), serde_json::Value::Null);
    }
}
