//! Server-rendered pages over the same app layer as the JSON API: the customer portal (`/`) and
//! the staff console (`/staff`). Real forms that work without JavaScript; errors shown next to
//! the field with the input kept; every signed-in POST carries the session's CSRF token.
//!
//! `portal/` holds the customer's pages, `console/` the staff's, `view` what both share,
//! `extract` who is asking, `decision` and `ledger` the policy's answer and the order's account as
//! both show them.

pub(crate) mod console;
mod decision;
mod extract;
mod ledger;
pub(crate) mod portal;
mod view;

pub(crate) use console::*;
pub(crate) use portal::*;
pub(crate) use view::*;

#[cfg(test)]
mod tests {
    use super::*;
    use aftercare_store::{CaseKind, CaseRecord};
    use serde_json::json;

    fn case(kind: CaseKind, state: &str, data: serde_json::Value) -> CaseRecord {
        let at: jiff::Timestamp = "2026-03-20T02:00:00Z".parse().unwrap();
        CaseRecord {
            id: "c1".into(),
            kind,
            order_id: "o1".into(),
            order_number: "LM-1".into(),
            customer_email: "ana@example.com".into(),
            rma: None,
            state: state.into(),
            is_open: true,
            deadline: Some(jiff::civil::date(2026, 3, 25)),
            amount_minor: None,
            version: 1,
            data,
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn next_steps_carry_the_deadline_of_the_step() {
        let steps = next_steps(&case(CaseKind::Return, "requested", json!({})), 15);
        assert_eq!(steps, ["We review your request by 25 March 2026."]);
        let mut closed = case(CaseKind::Appeal, "upheld", json!({}));
        closed.is_open = false;
        assert!(next_steps(&closed, 15)[0].contains("mediation"));
        assert!(next_steps(&case(CaseKind::Return, "sent_back", json!({})), 15).is_empty());
    }

    #[test]
    fn evidence_is_found_under_every_list_that_holds_it_once() {
        let data = json!({
            "evidence": ["a", "b"],
            "revision": {"revision_photos": ["c", "a"]},
            "assembly_media": ["d"],
            "lines": [{"sku": "LK-100"}],
            "description": "evidence: not a list"
        });
        let mut ids = evidence_ids(&data);
        ids.sort();
        assert_eq!(ids, ["a", "b", "c", "d"]);
    }

    #[test]
    fn case_facts_read_the_request_in_words() {
        let facts = case_facts(&case(
            CaseKind::Buyback,
            "applied",
            json!({
                "lines": [{"sku": "LK-200", "quantity": 1}],
                "condition": {"grade": "like_new", "missing_accessories": 2, "original_packaging": false},
                "base": {"amount": "60.00", "currency": "USD"}
            }),
        ));
        assert_eq!(
            facts,
            [
                ("Items".to_owned(), "1 × LK-200".to_owned()),
                (
                    "Condition".to_owned(),
                    "Like new, 2 accessories missing, without the original packaging".to_owned()
                ),
                ("Paid for the items".to_owned(), "60.00 USD".to_owned()),
            ]
        );
    }
}
