//! Documents from outside: the commercial invoice of a shipped parcel, printed by staff from the
//! order's page, read back from the PDF.

use mail_parser::MimeHeaders as _;
use serde_json::json;

use crate::support::*;

/// The invoice carries seller and buyer (a Chinese name included), each line with its HS code,
/// origin and the price paid, shipping, duties and the total, and the parcel's carrier and
/// tracking number; only staff print it, and only for a parcel that left.
async fn staff_print_the_commercial_invoice_of_a_shipped_parcel(shop: Shop) {
    let mut order = order_json("LM-1", "wang@example.com");
    order["customer_name"] = json!("王小明");
    order["address"] = json!({"full_name": "王小明", "street": "1-2-3 Shibuya", "postal_code": "150-0002",
        "city": "Tokyo", "country": "JP", "phone": "+81 3 1234 5678", "email": "wang@example.com"});
    order["lines"][0]["hs_code"] = json!("8301.40");
    // Not China: "CN" is on every invoice already ("shipped from CN"), so only the origin
    // column can print this one.
    order["lines"][0]["origin"] = json!("VN");
    // A wrong HS code or origin is refused at its field before anything is stored.
    for (field, value, named) in [
        ("hs_code", "83", "lines[0].hs_code"),
        ("origin", "China", "lines[0].origin"),
    ] {
        let mut bad = order.clone();
        bad["number"] = json!("LM-BAD");
        bad["lines"][0][field] = json!(value);
        let (status, problem) = Person::store(&shop).post("/api/v1/orders", bad).await;
        assert_eq!(
            (status, problem["field"].as_str()),
            (422, Some(named)),
            "{problem}"
        );
    }
    let customer = shipped_order_from(&shop, order).await;
    let agent = Person::staff(&shop, "agent").await;

    let html = page(&agent, "/staff/orders/LM-1").await;
    assert!(
        html.contains("/staff/orders/LM-1/invoices/1.pdf"),
        "the order's page links each parcel's invoice"
    );
    let response = agent.get_raw("/staff/orders/LM-1/invoices/1.pdf").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("commercial-invoice-CI-LM-1-1.pdf")
    );
    let pdf = response.bytes().await.unwrap().to_vec();
    std::fs::write(
        screenshot_path("commercial-invoice").with_extension("pdf"),
        &pdf,
    )
    .unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    for expected in [
        "COMMERCIAL INVOICE",
        "CI-LM-1-1",
        "LocksMall",
        "Haigang Road",
        "王小明",
        "1-2-3 Shibuya",
        "Smart lock",
        "8301.40",
        "VN",
        "120.00",
        "240.00",
        "Keypad",
        "60.00",
        "300.00 USD",
        "30.00 USD",
        "15.00 USD",
        "345.00 USD",
        "DHL",
        "JD014600",
        "II.invoice",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // No second parcel left; the customer cannot print it.
    assert_eq!(
        agent
            .get_raw("/staff/orders/LM-1/invoices/2.pdf")
            .await
            .status(),
        404
    );
    let response = customer.get_raw("/staff/orders/LM-1/invoices/1.pdf").await;
    assert_eq!(response.headers()["location"], "/staff/sign-in");
}

/// The RMA slip as a PDF: attached to the e-mail that gives the RMA number, and downloadable by
/// the customer from the slip's page; it carries the number, the items and the returned-goods
/// declaration for customs.
async fn the_rma_slip_comes_as_a_pdf_with_the_returned_goods_declaration(shop: Shop) {
    let (ana, id) = crate::journeys::requested_return(&shop).await;
    let agent = Person::staff(&shop, "agent").await;
    let rma = agent
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await["rma"]
        .as_str()
        .unwrap()
        .to_owned();
    let mail = shop
        .mail_containing("ana@example.com", &format!("Return approved: RMA {rma}"))
        .await;
    let message = mail_parser::MessageParser::default()
        .parse(mail.raw.as_bytes())
        .unwrap();
    let attached = message
        .attachments()
        .find(|a| a.attachment_name() == Some(format!("rma-slip-{rma}.pdf").as_str()))
        .unwrap_or_else(|| panic!("no slip attached to {}", mail.text));
    let from_mail = pdf_extract::extract_text_from_mem(attached.contents()).unwrap();
    let html = page(&ana, &format!("/cases/{id}/slip")).await;
    assert!(html.contains(&format!("/cases/{id}/slip.pdf")));
    let response = ana.get_raw(&format!("/cases/{id}/slip.pdf")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let pdf = response.bytes().await.unwrap().to_vec();
    std::fs::write(screenshot_path("rma-slip").with_extension("pdf"), &pdf).unwrap();
    let downloaded = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    for text in [&from_mail, &downloaded] {
        for expected in [
            rma.as_str(),
            "LM-1",
            "Ana Lima",
            "Haigang Road",
            "LK-100",
            "Smart lock",
            "RETURNED GOODS",
            "not sold",
        ] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
    }
    // Someone else's return has no slip for them.
    signed_order(&shop, "LM-2", "eve@example.com").await;
    let eve = Person::customer(&shop, "LM-2", "eve@example.com").await;
    assert_eq!(
        eve.get_raw(&format!("/cases/{id}/slip.pdf")).await.status(),
        404
    );
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    staff_print_the_commercial_invoice_of_a_shipped_parcel,
    the_rma_slip_comes_as_a_pdf_with_the_returned_goods_declaration,
);
