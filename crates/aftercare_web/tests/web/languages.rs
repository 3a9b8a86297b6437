//! The portal and the customer's e-mails in the customer's language (and the documents a
//! browser downloads from the pages): chosen from the browser's
//! `Accept-Language`, changed with the switch on every portal page and kept with their orders
//! for the e-mails; the policy's reasons, amounts and dates in that language; the console in
//! English whatever the browser asks.

use serde_json::json;

use crate::journeys::requested_return;
use crate::support::*;

/// A page as a browser asking for `accept_language` gets it: status, `Content-Language` and
/// the HTML.
async fn page_in(who: &Person, path: &str, accept_language: &str) -> (u16, String, String) {
    let response = who
        .client
        .get(format!("{}{path}", who.base))
        .header("Accept-Language", accept_language)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let language = response
        .headers()
        .get("content-language")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, language, response.text().await.unwrap())
}

/// The subject and the text of an e-mail, decoded.
fn subject_and_text(mail: &Received) -> (String, String) {
    let parsed = mail_parser::MessageParser::default()
        .parse(mail.raw.as_bytes())
        .unwrap();
    (
        parsed.subject().unwrap_or_default().to_owned(),
        parsed.body_text(0).unwrap_or_default().into_owned(),
    )
}

async fn the_portal_and_the_emails_speak_the_customers_language(shop: Shop) {
    let (ana, id) = requested_return(&shop).await;

    // The browser's languages choose the page's, with its dates and amounts.
    let (status, language, html) = page_in(&ana, "/orders/LM-1", "de-CH, de;q=0.9, en;q=0.5").await;
    assert_eq!((status, language.as_str()), (200, "de"));
    assert!(html.contains("<html lang=\"de\">"), "{html}");
    assert!(
        html.contains("Bestellung LM-1") && html.contains("Was Sie bestellt haben"),
        "{html}"
    );
    let (_, _, html) = page_in(&ana, &format!("/cases/{id}"), "fr-FR,fr;q=0.9").await;
    assert!(html.contains("Pourquoi, selon la politique"), "{html}");
    assert!(
        html.contains("<dt>Motif</dt><dd>Problème de qualité</dd>"),
        "the case's facts in French: {html}"
    );
    assert!(
        html.contains("Remboursement estimé : ") && html.contains(",00 USD"),
        "the decision's reasons and amounts in French: {html}"
    );
    let (_, language, html) = page_in(&ana, "/orders/LM-1", "ja, ko;q=0.8").await;
    assert_eq!(
        language, "en",
        "a language not written falls back to English"
    );
    assert!(html.contains("What you ordered"));

    // The switch keeps the choice in a cookie and with the customer's orders, and goes back to
    // the page it was on.
    let csrf_free = ana
        .client
        .post(format!("{}/language", ana.base))
        .header("Referer", format!("{}/cases/{id}", ana.base))
        .form(&[("lang", "zh-Hans")])
        .send()
        .await
        .unwrap();
    assert_eq!(csrf_free.status(), 303);
    assert_eq!(
        csrf_free.headers()["location"].to_str().unwrap(),
        format!("/cases/{id}")
    );
    assert!(
        csrf_free.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("lang=zh-Hans;")
    );
    let (_, language, html) = page_in(&ana, &format!("/cases/{id}"), "de").await;
    assert_eq!(language, "zh-Hans", "the choice wins over the browser's");
    assert!(html.contains("原因（依据政策）"), "{html}");

    // A language that is not one is refused, and changes nothing.
    let refused = ana
        .client
        .post(format!("{}/language", ana.base))
        .form(&[("lang", "tlh")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("lang"));

    // The e-mails about the order come in the chosen language.
    let approver = Person::staff(&shop, "agent").await;
    approver
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    let (subject, text) = loop {
        let (subject, text) = subject_and_text(&shop.mail_to("ana@example.com").await);
        if !subject.starts_with("Return request received") {
            break (subject, text);
        }
    };
    assert!(subject.starts_with("退货已批准"), "{subject}");
    assert!(
        text.contains("Ana Lima，您好") || text.contains("，您好："),
        "{text}"
    );
    assert!(text.contains("没有 RMA 编号的包裹无法退款"), "{text}");

    // A refused step reads in the customer's language too, as the API's answer stays English:
    // the return's tracking number left empty, then a step the case is past.
    let csrf = csrf_of(&ana).await;
    let ship = |tracking: &'static str| {
        ana.client
            .post(format!("{}/cases/{id}/ship", ana.base))
            .form(&[("csrf", csrf.as_str()), ("tracking_number", tracking)])
            .send()
    };
    let html = ship("  ").await.unwrap().text().await.unwrap();
    assert!(html.contains("Tracking number: 不能为空"), "{html}");
    assert_eq!(
        ship("LX123").await.unwrap().status(),
        303,
        "sent, back to the case"
    );
    let html = ship("LX124").await.unwrap().text().await.unwrap();
    assert!(
        html.contains("无法填写退货的运单号：案件当前为 `in_transit`"),
        "{html}"
    );
    let (status, problem) = ana
        .post(
            &format!("/api/v1/returns/{id}/ship"),
            json!({"tracking_number": "LX125"}),
        )
        .await;
    assert_eq!(status, 409, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("cannot add the return's tracking number: the case is `in_transit`"),
        "{problem}"
    );

    // A language chosen on the sign-in page, before signing in, is kept with the orders when the
    // customer signs in, so the shop's answers come in it.
    signed_order(&shop, "LM-2", "bo@example.com").await;
    let bo = Person::anonymous(&shop);
    let chose = bo
        .client
        .post(format!("{}/language", bo.base))
        .form(&[("lang", "de"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(chose.status(), 303);
    let (_, _, html) = page_in(&bo, "/", "en").await;
    assert!(
        html.contains("Ihre Bestellungen, Rücksendungen und Anfragen"),
        "{html}"
    );
    bo.post(
        "/api/v1/sign-in-links",
        json!({"order_number": "LM-2", "email": "bo@example.com"}),
    )
    .await;
    let link = shop
        .mail_containing("bo@example.com", "/sign-in/")
        .await
        .text
        .split(&format!("{}/sign-in/", shop.base))
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect::<String>();
    let (_, _, landing) = page_in(&bo, &format!("/sign-in/{link}"), "en").await;
    assert!(
        landing.contains("Bei Ihren Bestellungen anmelden"),
        "{landing}"
    );
    let used = bo
        .client
        .post(format!("{}/sign-in/{link}", bo.base))
        .send()
        .await
        .unwrap();
    assert_eq!(used.status(), 303);
    let agent = Person::staff(&shop, "agent").await;
    agent
        .ok(
            "/api/v1/orders/LM-2/messages",
            json!({"body": "Your parcel left Shenzhen today."}),
        )
        .await;
    let (subject, text) = subject_and_text(&shop.mail_to("bo@example.com").await);
    assert!(subject.contains("Bestellung LM-2"), "{subject}");
    assert!(text.contains("Your parcel left Shenzhen today."), "{text}");
    // The same link used twice is refused with a page in the visitor's language.
    let again = bo
        .client
        .post(format!("{}/sign-in/{link}", bo.base))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 410);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("Dieser Anmeldelink wurde schon benutzt")
    );

    // The console stays English whatever the browser asks.
    let (_, language, html) = page_in(&agent, "/staff", "zh-CN").await;
    assert_eq!(language, "en");
    assert!(html.contains("<html lang=\"en\">") && !html.contains("language-choice"));
}

/// The portal in each language, in a real browser: the switch on the page changes it, the
/// order page and the request form read in it, and each is screenshot at desktop and phone
/// width (checked by axe-core, with its `lang`).
async fn the_portal_in_each_language_in_a_real_browser(shop: Shop) {
    use aftercare_core::i18n::Lang;
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    signed_order(&shop, "LM-L1", "ana@example.com").await;
    portal_sign_in(&b, &shop, "LM-L1", "ana@example.com").await;
    for (lang, order_heading, request_heading) in [
        (
            Lang::Es,
            "Lo que pidió",
            "Una solicitud para el pedido LM-L1",
        ),
        (
            Lang::Fr,
            "Ce que vous avez commandé",
            "Une demande pour la commande LM-L1",
        ),
        (
            Lang::De,
            "Was Sie bestellt haben",
            "Eine Anfrage zu Bestellung LM-L1",
        ),
        (Lang::ZhHans, "您订购的商品", "订单 LM-L1 的申请"),
        (Lang::En, "What you ordered", "A request for order LM-L1"),
    ] {
        b.client
            .goto(&format!("{}/orders/LM-L1", shop.base))
            .await
            .unwrap();
        b.client
            .find(Locator::Css(&format!(
                "#language-choice option[value='{}']",
                lang.tag()
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.client
            .find(Locator::Css("form.language button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_text(&b, order_heading).await;
        let html_lang = b
            .client
            .execute("return document.documentElement.lang", vec![])
            .await
            .unwrap();
        assert_eq!(html_lang.as_str(), Some(lang.tag()));
        screenshots(&b, &format!("portal-order-{}", lang.tag())).await;
        b.client
            .goto(&format!("{}/orders/LM-L1/request?kind=return", shop.base))
            .await
            .unwrap();
        wait_for_text(&b, request_heading).await;
        screenshots(&b, &format!("portal-request-{}", lang.tag())).await;
    }
}

/// What the browser gets when it fetches `url` with its own session: status, content type,
/// the first bytes and the size.
async fn fetched(b: &Browser, url: &str) -> serde_json::Value {
    b.client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0])
               .then(r => r.arrayBuffer().then(buf => done([r.status,
                 r.headers.get('content-type'),
                 String.fromCharCode(...new Uint8Array(buf).slice(0, 5)),
                 buf.byteLength])))
               .catch(e => done(String(e)));",
            vec![json!(url)],
        )
        .await
        .unwrap()
}

/// What the browser gets when it follows the link `css` on the page.
async fn follow(b: &Browser, css: &str) -> serde_json::Value {
    let href = b
        .client
        .execute(
            "const a = document.querySelector(arguments[0]); return a ? a.href : null;",
            vec![json!(css)],
        )
        .await
        .unwrap();
    let href = href.as_str().unwrap_or_else(|| panic!("no link {css}"));
    fetched(b, href).await
}

/// The documents from their pages, in a real browser with each side's session: the customer's
/// RMA slip as a PDF from the printable slip (in the customer's language), and the commercial
/// invoice from the staff's order page.
async fn the_slip_and_the_invoice_pdfs_from_their_pages_in_a_real_browser(shop: Shop) {
    let Some(b) = browser(true).await else {
        return;
    };
    let Some(staff) = browser(true).await else {
        return;
    };
    let (_, id) = requested_return(&shop).await;
    Person::staff(&shop, "agent")
        .await
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    portal_sign_in(&b, &shop, "LM-1", "ana@example.com").await;
    b.client
        .goto(&format!("{}/cases/{id}/slip", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Download the slip as a PDF").await;
    let got = follow(&b, "a[href$='/slip.pdf']").await;
    assert_eq!(got[0], 200, "{got}");
    assert_eq!(got[1], "application/pdf", "{got}");
    assert_eq!(got[2], "%PDF-", "{got}");
    assert!(got[3].as_u64().unwrap() > 1_000, "{got}");

    sign_in_as_staff(&staff, &shop, "agent").await;
    staff
        .client
        .goto(&format!("{}/staff/orders/LM-1", shop.base))
        .await
        .unwrap();
    wait_for_text(&staff, "Commercial invoice (PDF)").await;
    let got = follow(&staff, "a[href*='/invoices/']").await;
    assert_eq!(got[0], 200, "{got}");
    assert_eq!(got[1], "application/pdf", "{got}");
    assert_eq!(got[2], "%PDF-", "{got}");
    // The customer's session does not open the staff's invoice link.
    let got = fetched(
        &b,
        &format!("{}/staff/orders/LM-1/invoices/1.pdf", shop.base),
    )
    .await;
    assert_ne!(got[2], "%PDF-", "{got}");
    assert_ne!(got[1], "application/pdf", "{got}");
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    the_portal_and_the_emails_speak_the_customers_language,
);

mod in_a_real_browser {
    use aftercare_store::testing;

    use crate::support::spawn;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_slip_and_the_invoice_pdfs_from_their_pages_in_a_real_browser() {
        let fresh = testing::sqlite().await.unwrap();
        super::the_slip_and_the_invoice_pdfs_from_their_pages_in_a_real_browser(
            spawn(fresh.store.clone()).await,
        )
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_portal_in_each_language_in_a_real_browser() {
        let fresh = testing::sqlite().await.unwrap();
        super::the_portal_in_each_language_in_a_real_browser(spawn(fresh.store.clone()).await)
            .await;
    }
}
