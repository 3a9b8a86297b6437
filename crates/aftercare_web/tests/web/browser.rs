//! The portal and the console in headless Chromium, with and without JavaScript.

use aftercare_store::testing;
use serde_json::json;

use crate::support::*;

/// A customer signs in through the portal's form and the e-mailed link, sees their orders and
/// an order's page; another customer's order is "not found". Runs with JavaScript on and off.
async fn portal_sign_in_and_orders_in_a_real_browser(shop: Shop, javascript: bool) {
    use fantoccini::Locator;
    let Some(b) = browser(javascript).await else {
        return;
    };
    shipped_order(&shop, "LM-B1", "ana@example.com").await;
    shipped_order(&shop, "LM-B2", "bo@example.com").await;
    let c = &b.client;
    let suffix = if javascript { "" } else { "-nojs" };
    if javascript {
        // With the browser's own checks off, the server's answer shows next to the field.
        c.goto(&format!("{}/", shop.base)).await.unwrap();
        fill(&b, "order_number", "LM-B1").await;
        fill(&b, "email", "not-an-address").await;
        c.execute(
            "document.querySelector('main form').noValidate = true",
            vec![],
        )
        .await
        .unwrap();
        submit(&b).await;
        wait_for_text(&b, "Give the e-mail address you ordered with").await;
        let kept = c
            .find(Locator::Id("order_number"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(kept.as_deref(), Some("LM-B1"), "the other input is kept");
        let described = c
            .find(Locator::Id("email"))
            .await
            .unwrap()
            .attr("aria-describedby")
            .await
            .unwrap();
        assert_eq!(described.as_deref(), Some("email-error"));
        screenshots(&b, "portal-sign-in-error").await;
    }
    c.goto(&format!("{}/", shop.base)).await.unwrap();
    fill(&b, "order_number", "LM-B1").await;
    fill(&b, "email", "ana@example.com").await;
    submit(&b).await;
    wait_for_text(&b, "a sign-in link is on its way").await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/?sent=link"),
        "Post/Redirect/Get: a refresh does not ask for another link"
    );
    let mail = shop
        .mail_containing("ana@example.com", "Your sign-in link")
        .await;
    let link = mail
        .text
        .split(&format!("{}/sign-in/", shop.base))
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect::<String>();
    c.goto(&format!("{}/sign-in/{link}", shop.base))
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Your orders").await;
    assert!(page.contains("Order LM-B1"), "{page}");
    assert!(
        !page.contains("LM-B2"),
        "another customer's order is not listed"
    );
    screenshots(&b, &format!("portal-orders{suffix}")).await;
    c.find(Locator::LinkText("Order LM-B1"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Timeline").await;
    assert!(
        page.contains("Smart lock") && page.contains("Shipped"),
        "{page}"
    );
    screenshots(&b, &format!("portal-order{suffix}")).await;
    c.goto(&format!("{}/orders/LM-B2", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Not found").await;
}

async fn portal_in_a_real_browser_with_javascript(shop: Shop) {
    portal_sign_in_and_orders_in_a_real_browser(shop, true).await;
}

async fn portal_in_a_real_browser_without_javascript(shop: Shop) {
    portal_sign_in_and_orders_in_a_real_browser(shop, false).await;
}

/// The server keeps what was typed and puts the error next to the field.
async fn a_bad_form_value_is_shown_next_to_its_field_with_the_input_kept(shop: Shop) {
    let response = Person::anonymous(&shop)
        .client
        .post(format!("{}/sign-in", shop.base))
        .form(&[("order_number", "LM-77"), ("email", "not-an-address")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"LM-77\""), "the order number is kept");
    assert!(html.contains("id=\"email-error\""), "{html}");
    assert!(html.contains("aria-describedby=\"email-error\""), "{html}");
}

async fn staff_sign_in_and_dashboard_in_a_real_browser(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    // Two weeks of activity: a quality return refunded, a wrong item waiting for review.
    shipped_order(&shop, "LM-S1", "ana@example.com").await;
    shipped_order(&shop, "LM-S2", "bo@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    let store = Person::store(&shop);
    for n in ["LM-S1", "LM-S2"] {
        store
            .ok(
                &format!("/api/v1/orders/{n}/sign"),
                json!({"signed_at": "2026-03-12T01:00:00Z"}),
            )
            .await;
    }
    shop.clock.set("2026-03-13T02:00:00Z".parse().unwrap());
    let ana = Person::customer(&shop, "LM-S1", "ana@example.com").await;
    let id = ana
        .ok(
            "/api/v1/returns",
            json!({"order_number": "LM-S1", "reason": "quality_issue",
            "lines": [{"sku": "LK-100", "quantity": 1}], "evidence": [ana.photo().await]}),
        )
        .await["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Sessions end with time: staff sign in on the day they act.
    shop.clock.set("2026-03-16T02:00:00Z".parse().unwrap());
    let agent = Person::staff(&shop, "agent").await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let finance = Person::staff(&shop, "finance").await;
    agent
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    warehouse
        .ok(
            &format!("/api/v1/returns/{id}/receive"),
            json!({"lines": [{"sku": "LK-100", "received": 1, "damaged": 0}], "outcome": "as_expected"}),
        )
        .await;
    warehouse
        .ok(&format!("/api/v1/returns/{id}/pass-inspection"), json!({}))
        .await;
    let (_, refund) = agent
        .post_keyed("/api/v1/refunds", json!({"source_case": id}), Some("g-S1"))
        .await;
    let refund_id = refund["id"].as_str().unwrap().to_owned();
    finance
        .post_keyed(
            &format!("/api/v1/refunds/{refund_id}/send"),
            json!({"payment_reference": "PSP-9"}),
            Some("s-S1"),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
    let bo = Person::customer(&shop, "LM-S2", "bo@example.com").await;
    bo.ok(
        "/api/v1/returns",
        json!({"order_number": "LM-S2", "reason": "wrong_item",
        "lines": [{"sku": "LK-200", "quantity": 1}], "evidence": [bo.photo().await]}),
    )
    .await;

    let c = &b.client;
    c.goto(&format!("{}/staff", shop.base)).await.unwrap();
    fill(&b, "email", "agent@shop.example").await;
    fill(&b, "password", "wrong password").await;
    submit(&b).await;
    wait_for_text(&b, "The e-mail or the password is not right").await;
    let email = c
        .find(Locator::Id("email"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        email.as_deref(),
        Some("agent@shop.example"),
        "the e-mail is kept"
    );
    fill(&b, "password", PASSWORD).await;
    submit(&b).await;
    let page = wait_for_text(&b, "Queues").await;
    assert!(page.contains("LM-S2"), "{page}");
    assert_eq!(
        c.find_all(Locator::Css("figure.chart svg"))
            .await
            .unwrap()
            .len(),
        3,
        "three charts drawn on the server"
    );
    // The figures behind the charts: requests by reason per week, steps on time, money sent.
    let figures = c
        .execute(
            "return [...document.querySelectorAll('figure.chart table')].map(t => t.textContent).join('\\n')",
            vec![],
        )
        .await
        .unwrap();
    let figures = figures.as_str().unwrap();
    for expected in [
        "Week of 9 March",
        "Quality issue 1",
        "Week of 16 March",
        "Wrong item 1",
        "100% (",
        "refunds 129.00 USD",
    ] {
        assert!(figures.contains(expected), "`{expected}` in {figures}");
    }
    screenshots(&b, "staff-dashboard").await;

    // The search box finds a customer's cases by part of the name or the order number.
    c.find(Locator::LinkText("Cases"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Order, RMA or tracking number, e-mail or name").await;
    fill(&b, "q", "LM-S2").await;
    click_button(&b, "Search").await;
    wait_for_url(&b, "q=LM-S2").await;
    let page = wait_for_text(&b, "bo@example.com").await;
    assert!(!page.contains("ana@example.com"), "{page}");
    screenshots(&b, "staff-cases").await;
    c.find(Locator::LinkText("LM-S2"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Delivery timeline").await;
    assert!(
        page.contains("Rua das Flores 12") && page.contains("Keypad") && page.contains("card"),
        "{page}"
    );
    screenshots(&b, "staff-order").await;

    // An internal note joins the case's history for staff only.
    c.find(Locator::XPath(
        "//main//a[starts-with(normalize-space(), 'Return')]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    wait_for_text(&b, "Internal note").await;
    fill(&b, "note", "Called the customer; photos to follow.").await;
    click_button(&b, "Add the note").await;
    wait_for_text(&b, "Called the customer; photos to follow.").await;
    let case_id = c
        .current_url()
        .await
        .unwrap()
        .path()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let (_, timeline) = bo.get(&format!("/api/v1/cases/{case_id}/timeline")).await;
    assert!(
        !timeline.to_string().contains("Called the customer"),
        "customers never see internal notes: {timeline}"
    );
    let agent = Person::staff(&shop, "agent").await;
    let (_, timeline) = agent
        .get(&format!("/api/v1/cases/{case_id}/timeline"))
        .await;
    assert!(timeline.to_string().contains("Called the customer"));
}

/// A whole return in the browser. The customer signs in, follows "what you can do now" into the
/// request wizard, picks one unit, adds a photo, sees the decision with its refund breakdown and
/// sends it. An agent approves, the warehouse receives and passes the inspection, an agent grants
/// the refund and finance sends it, each in the console. The customer then sees the refund sent.
/// Runs with JavaScript on and off.
async fn a_customer_return_from_the_wizard_to_the_refund_sent(shop: Shop, javascript: bool) {
    use fantoccini::Locator;
    let Some(b) = browser(javascript).await else {
        return;
    };
    let suffix = if javascript { "" } else { "-nojs" };
    signed_order(&shop, "LM-C1", "ana@example.com").await;

    portal_sign_in(&b, &shop, "LM-C1", "ana@example.com").await;
    let page = wait_for_text(&b, "What you can do now").await;
    assert!(
        page.contains("Return for a quality issue")
            && page.contains("possible until 26 March 2026"),
        "{page}"
    );
    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Return for a quality issue')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Which items, and how many").await;
    let reason = b
        .client
        .find(Locator::Id("reason"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        reason.as_deref(),
        Some("quality_issue"),
        "the link chose it"
    );
    // Nothing chosen yet: the error sits next to the items, the reason is kept.
    click_button(&b, "See what the policy decides").await;
    wait_for_text(&b, "Choose at least one item.").await;
    let reason = b
        .client
        .find(Locator::Id("reason"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("quality_issue"), "input kept");

    fill(&b, "qty-LK-100", "1").await;
    fill(&b, "description", "The latch sticks when it is cold.").await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    b.client
        .find(Locator::Id("files"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "See what the policy decides").await;
    let page = wait_for_text(&b, "What the policy decides").await;
    for expected in [
        "You can return these items",
        "The price of the items",
        "120.00 USD",
        "Your share of the original shipping",
        "You get",
        "129.00 USD",
        "We review the request by",
        "within 14 days of signing",
    ] {
        assert!(page.contains(expected), "`{expected}` missing:\n{page}");
    }
    assert!(
        b.client.find(Locator::Css(".gallery img")).await.is_ok(),
        "the photo is shown as added"
    );
    screenshots(&b, &format!("portal-request-preview{suffix}")).await;
    click_button(&b, "Send the request").await;
    let page = wait_for_text(&b, "Steps so far").await;
    assert!(page.contains("Requested"), "{page}");
    let case_url = b.client.current_url().await.unwrap().to_string();
    let id = case_url.rsplit('/').next().unwrap().to_owned();
    let staff_url = format!("{}/staff/cases/{id}", shop.base);

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client
        .find(Locator::LinkText("Return"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "What you can do now").await;
    assert!(
        page.contains("within 14 days of signing") && page.contains("III.1.quality"),
        "{page}"
    );
    assert!(
        b.client.find(Locator::Css(".gallery img")).await.is_ok(),
        "the agent sees the customer's photo"
    );
    screenshots(&b, &format!("staff-case{suffix}")).await;
    click_button(&b, "Approve and issue the RMA").await;
    // "RMA" is on the page before the click too: wait for the step's own line.
    let page = wait_for_text(&b, "Approved by").await;
    assert!(
        page.contains("Approved by agent") && page.contains("Requested by the customer"),
        "the history names who did each step: {page}"
    );
    assert!(
        page.contains("Done: Approve and issue the RMA."),
        "the step says it went through: {page}"
    );
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "warehouse").await;
    b.client.goto(&staff_url).await.unwrap();
    wait_for_text(&b, "units received").await;
    // More damaged units than received: refused next to the field, what was typed kept.
    fill(&b, "receive-damaged:LK-100", "2").await;
    click_button(&b, "Record the parcel as received").await;
    wait_for_text(&b, "Cannot be more than the units received").await;
    let kept = b
        .client
        .find(Locator::Id("receive-damaged:LK-100"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("2"), "what was typed is kept");
    screenshots(&b, &format!("staff-step-refused{suffix}")).await;
    fill(&b, "receive-damaged:LK-100", "0").await;
    click_button(&b, "Record the parcel as received").await;
    wait_for_text(&b, "Inspection passed").await;
    click_button(&b, "Inspection passed").await;
    wait_for_text(&b, "Inspection passed by").await;
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client.goto(&staff_url).await.unwrap();
    click_button(&b, "Grant the refund").await;
    wait_for_text(&b, "Granted by").await;
    let refund_url = b.client.current_url().await.unwrap().to_string();
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "finance").await;
    b.client.goto(&refund_url).await.unwrap();
    fill(&b, "send-payment_reference", "PSP-7781").await;
    click_button(&b, "Send the refund").await;
    let page = wait_for_text(&b, "Sent by").await;
    assert!(page.contains("Sent"), "{page}");
    // The refund and its return link to each other.
    b.client
        .find(Locator::XPath(
            "//ul[@class='related']//a[starts-with(normalize-space(), 'Return')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Related cases").await;
    assert!(page.contains("Refund"), "{page}");
    b.client.goto(&refund_url).await.unwrap();
    let mail = shop
        .mail_containing("ana@example.com", "Refund sent for order LM-C1")
        .await;
    assert!(mail.text.contains("129.00"), "{}", mail.text);
    sign_out_in_browser(&b).await;

    portal_sign_in(&b, &shop, "LM-C1", "ana@example.com").await;
    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Refund: Sent')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Steps so far").await;
    assert!(
        page.contains("129.00 USD")
            && page.contains("original payment method")
            && page.contains("usually 5–15 working days"),
        "{page}"
    );
    assert!(
        page.contains("Related cases"),
        "the refund names its return: {page}"
    );
}

async fn a_customer_return_in_the_browser_with_javascript(shop: Shop) {
    a_customer_return_from_the_wizard_to_the_refund_sent(shop, true).await;
}

async fn a_customer_return_in_the_browser_without_javascript(shop: Shop) {
    a_customer_return_from_the_wizard_to_the_refund_sent(shop, false).await;
}

/// The policy page's simulator and the admin page, in the browser: a what-if decision with its
/// breakdown, a bad date named next to its field; a staff account refused then created; an API
/// key shown once and revoked; orders exported and imported as CSV with a refused row by line.
async fn policy_and_admin_pages_in_a_real_browser(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    shipped_order(&shop, "LM-P1", "ana@example.com").await;
    let c = &b.client;

    sign_in_as_staff(&b, &shop, "agent").await;
    c.goto(&format!("{}/staff/admin", shop.base)).await.unwrap();
    wait_for_text(&b, "This page is for admins").await;
    c.find(Locator::LinkText("Policy"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Simulator").await;
    assert!(page.contains("Version 2025-01"), "{page}");
    c.find(Locator::LinkText("Calendar"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Working-day calendar").await;
    assert!(
        page.contains("General Office of the State Council, notice of 2025-11-04")
            && page.contains("National Day (adjusted working day)"),
        "{page}"
    );
    screenshots(&b, "staff-calendar").await;
    c.find(Locator::LinkText("Policy"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Simulator").await;
    click_button(&b, "Run the evaluator").await;
    let page = wait_for_text(&b, "What the policy decides").await;
    assert!(
        page.contains("You can return these items") && page.contains("129.00 USD"),
        "{page}"
    );
    screenshots(&b, "staff-policy-simulator").await;
    c.find(Locator::Css("#request option[value=buyback]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&b, "Run the evaluator").await;
    let page = wait_for_text(&b, "Buyback quote").await;
    assert!(page.contains("Our offer"), "{page}");
    fill(&b, "placed_at", "").await;
    c.execute(
        "document.getElementById('placed_at').value = ''; document.getElementById('placed_at').type = 'text'; document.getElementById('placed_at').value = 'last Tuesday'",
        vec![],
    )
    .await
    .unwrap();
    click_button(&b, "Run the evaluator").await;
    wait_for_text(&b, "placed_at: give a date and time").await;
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "admin").await;
    c.find(Locator::LinkText("Admin"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Staff accounts").await;
    fill(&b, "staff-email", "not an address").await;
    fill(&b, "staff-name", "Wei Zhang").await;
    fill(&b, "staff-password", "a long enough password").await;
    c.find(Locator::Css("input[name=roles][value=warehouse]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&b, "Add the account").await;
    wait_for_text(&b, "Add a staff member").await;
    let error = c
        .find(Locator::Id("staff-email-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!error.is_empty(), "the error sits next to the e-mail");
    let kept = c
        .find(Locator::Id("staff-name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Wei Zhang"));
    fill(&b, "staff-email", "wei@shop.example").await;
    fill(&b, "staff-password", "a long enough password").await;
    click_button(&b, "Add the account").await;
    wait_for_text(&b, "Wei Zhang can now sign in as wei@shop.example").await;
    assert!(
        b.client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("/staff/admin?saved=staff&account="),
        "Post/Redirect/Get: a refresh does not add the account again"
    );

    fill(&b, "key_name", "Shopify bridge").await;
    click_button(&b, "Create the key").await;
    wait_for_text(&b, "it is not shown again").await;
    let secret = c
        .find(Locator::Css("code.secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let system = Person::with_key(&shop, &secret);
    let (status, _) = system.get("/api/v1/orders/LM-P1").await;
    assert_eq!(status, 200, "the new key works");
    screenshots(&b, "staff-admin").await;
    c.find(Locator::XPath(
        "//tr[td[normalize-space()='Shopify bridge']]//button",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    wait_for_text(&b, "The key is revoked").await;
    let (status, _) = system.get("/api/v1/orders/LM-P1").await;
    assert_eq!(status, 401, "a revoked key is refused");

    // The export, as the admin's browser session downloads it.
    let cookie = c.get_named_cookie("aftercare").await.unwrap();
    let csv = reqwest::Client::new()
        .get(format!("{}/staff/admin/orders.csv", shop.base))
        .header("Cookie", format!("aftercare={}", cookie.value()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("order_number,"), "{csv}");
    assert!(csv.contains("LM-P1"), "{csv}");
    // The same rows under a new number import; a row with a bad price is refused by its line.
    let header = csv.lines().next().unwrap();
    let rows: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.replacen("LM-P1", "LM-P9", 1))
        .collect();
    let bad = rows[0]
        .replacen("LM-P9", "LM-P8", 1)
        .replace(",120.00,", ",lots,");
    let file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::fs::write(
        file.path(),
        format!("{header}\n{}\n{bad}\n", rows.join("\n")),
    )
    .unwrap();
    c.find(Locator::Id("import-file"))
        .await
        .unwrap()
        .send_keys(&file.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "Import").await;
    let page = wait_for_text(&b, "Import done").await;
    assert!(
        page.contains("1 orders imported") && page.contains("1 rows refused"),
        "{page}"
    );
    assert!(page.contains(&format!("Line {}", rows.len() + 2)), "{page}");
    let (status, _) = Person::staff(&shop, "agent")
        .await
        .get("/api/v1/orders/LM-P9")
        .await;
    assert_eq!(status, 200);
}

/// A return's RMA slip and tracking number in the portal, then a whole buyback in the browser:
/// the customer applies in the wizard and sees the quote first, an agent quotes, the customer
/// accepts and sends the goods, the warehouse revises the offer, the customer accepts it, an
/// agent grants the payment and finance sends it.
async fn customer_cases_in_a_real_browser(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    // Staff work in their own browser, as they would, while the customer stays signed in.
    let Some(staff) = browser(true).await else {
        return;
    };
    signed_order(&shop, "LM-D1", "ana@example.com").await;
    let ana = Person::customer(&shop, "LM-D1", "ana@example.com").await;
    let ret = ana
        .ok("/api/v1/returns", json!({"order_number": "LM-D1", "reason": "quality_issue",
            "lines": [{"sku": "LK-100", "quantity": 1}], "description": "Sticks.", "evidence": [ana.photo().await]}))
        .await["case"]["id"].as_str().unwrap().to_owned();
    let agent = Person::staff(&shop, "agent").await;
    let rma = agent
        .ok(&format!("/api/v1/returns/{ret}/approve"), json!({}))
        .await["rma"]
        .as_str()
        .unwrap()
        .to_owned();
    // The e-mails so far (RMA) are not what this test reads.
    portal_sign_in(&b, &shop, "LM-D1", "ana@example.com").await;

    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Return: Approved')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "tape it on the box").await;
    assert!(
        page.contains(&rma) && page.contains("Haigang Road"),
        "{page}"
    );
    screenshots(&b, "portal-case-rma").await;
    // The printable slip, and back.
    b.client
        .find(Locator::LinkText("Print the return slip"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let slip = wait_for_text(&b, "Items in this parcel").await;
    assert!(
        slip.contains(&rma) && slip.contains("Smart lock") && slip.contains("Ana Lima"),
        "{slip}"
    );
    assert!(
        b.client
            .find(Locator::Css(&format!("svg[aria-label='QR code of {rma}']")))
            .await
            .is_ok(),
        "the slip carries the RMA number as a QR code"
    );
    screenshots(&b, "portal-rma-slip").await;
    b.client
        .find(Locator::LinkText("Back to the return"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "tape it on the box").await;
    fill(&b, "ship-tracking_number", "CN123456789").await;
    click_button(&b, "I sent the parcel").await;
    wait_for_text(&b, "In transit").await;

    // The buyback: applied for in the wizard, quoted by an agent, the goods sent, a revised
    // offer from the warehouse accepted, the payment granted by an agent and sent by finance.
    b.client.goto(&format!("{}/", shop.base)).await.unwrap();
    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Sell it back to our buyback program')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Its condition (for a buyback)").await;
    fill(&b, "qty-LK-100", "0").await;
    fill(&b, "qty-LK-200", "1").await;
    b.client
        .find(Locator::Css("#grade option[value=good]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&b, "See what the policy decides").await;
    let page = wait_for_text(&b, "What the policy decides").await;
    assert!(
        page.contains("Our buyback program can buy the items") && page.contains("Our offer"),
        "{page}"
    );
    screenshots(&b, "portal-request-buyback-preview").await;
    click_button(&b, "Send the request").await;
    wait_for_text(&b, "Steps so far").await;
    let buyback_url = b.client.current_url().await.unwrap().to_string();
    let buyback = buyback_url.rsplit('/').next().unwrap().to_owned();
    let staff_url = format!("{}/staff/cases/{buyback}", shop.base);

    sign_in_as_staff(&staff, &shop, "agent").await;
    staff.client.goto(&staff_url).await.unwrap();
    click_button(&staff, "Send the quote").await;
    wait_for_text(&staff, "Quoted by").await;
    sign_out_in_browser(&staff).await;

    b.client.goto(&buyback_url).await.unwrap();
    let page = wait_for_text(&b, "Our offer").await;
    assert!(page.contains("valid until"), "{page}");
    click_button(&b, "Accept the offer").await;
    wait_for_text(&b, "I sent the goods").await;
    fill(&b, "ship-tracking_number", "EMS42").await;
    click_button(&b, "I sent the goods").await;
    wait_for_text(&b, "In transit").await;

    sign_in_as_staff(&staff, &shop, "warehouse").await;
    staff.client.goto(&staff_url).await.unwrap();
    click_button(&staff, "Record the goods as received").await;
    wait_for_text(&staff, "Revise the offer").await;
    fill(&staff, "revise-amount", "20.00").await;
    fill(&staff, "revise-reasons", "scratched cover").await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    staff
        .client
        .find(Locator::Id("revise-files"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&staff, "Revise the offer").await;
    wait_for_text(&staff, "Revised by").await;
    sign_out_in_browser(&staff).await;

    b.client.goto(&buyback_url).await.unwrap();
    wait_for_text(&b, "Accept the revised offer").await;
    assert_eq!(
        loaded_images(&b, ".gallery img").await,
        1,
        "the customer sees the warehouse's photo behind the revision"
    );
    click_button(&b, "Accept the revised offer").await;
    wait_for_text(&b, "Revision accepted").await;

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client.goto(&staff_url).await.unwrap();
    click_button(&b, "Grant the buyback payment").await;
    wait_for_text(&b, "Granted by").await;
    let payment_url = b.client.current_url().await.unwrap().to_string();
    sign_out_in_browser(&b).await;
    sign_in_as_staff(&b, &shop, "finance").await;
    b.client.goto(&payment_url).await.unwrap();
    fill(&b, "send-payment_reference", "PSP-BB-1").await;
    click_button(&b, "Send the refund").await;
    let page = wait_for_text(&b, "Sent by").await;
    assert!(
        page.contains("20.00 USD"),
        "the revised amount is paid: {page}"
    );
    sign_out_in_browser(&b).await;
    portal_sign_in(&b, &shop, "LM-D1", "ana@example.com").await;

    // Another customer's case is "not found".
    let bo_case = {
        shipped_order(&shop, "LM-D2", "bo@example.com").await;
        let (_, order) = agent.get("/api/v1/orders/LM-D2").await;
        order["cases"][0]["id"].as_str().unwrap().to_owned()
    };
    b.client
        .goto(&format!("{}/cases/{bo_case}", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Not found").await;
}

/// A customer appeals in the portal with a photo; an agent upholds it in the console.
async fn an_appeal_filed_in_the_portal_is_upheld_in_the_console(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    signed_order(&shop, "LM-E1", "ana@example.com").await;
    let ana = Person::customer(&shop, "LM-E1", "ana@example.com").await;
    let ret = ana
        .ok("/api/v1/returns", json!({"order_number": "LM-E1", "reason": "quality_issue",
            "lines": [{"sku": "LK-100", "quantity": 1}], "description": "Sticks.", "evidence": [ana.photo().await]}))
        .await["case"]["id"].as_str().unwrap().to_owned();
    let agent = Person::staff(&shop, "agent").await;
    agent
        .ok(
            &format!("/api/v1/returns/{ret}/reject"),
            json!({"reasons": ["the photos show wear"]}),
        )
        .await;
    portal_sign_in(&b, &shop, "LM-E1", "ana@example.com").await;
    b.client
        .goto(&format!("{}/cases/{ret}", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Appeal against this result").await;
    fill(
        &b,
        "statement",
        "The latch was stiff from the first day; see the photo.",
    )
    .await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    b.client
        .find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "Send the appeal").await;
    // "Appeal" is on the form's page too: wait for the new case's own line.
    let page = wait_for_text(&b, "Filed").await;
    assert!(page.contains("Appeal"), "{page}");
    let appeal_url = b.client.current_url().await.unwrap().to_string();
    let appeal_id = appeal_url.rsplit('/').next().unwrap().to_owned();

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client
        .goto(&format!("{}/staff/cases/{appeal_id}", shop.base))
        .await
        .unwrap();
    fill(
        &b,
        "uphold-opinion",
        "A second look confirms wear from use.",
    )
    .await;
    click_button(&b, "Uphold the result").await;
    wait_for_text(&b, "Upheld by").await;
    let mail = shop
        .mail_containing("ana@example.com", "result upheld")
        .await;
    assert!(mail.text.contains("second look"), "{}", mail.text);
    // The appeal carries the photo, stored without its GPS data.
    let (_, appeal) = agent.get(&format!("/api/v1/appeals/{appeal_id}")).await;
    let evidence = appeal["data"]["evidence"][0].as_str().unwrap().to_owned();
    let stored = agent
        .get_raw(&format!("/api/v1/evidence/{evidence}"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&stored).contains("GPS"));
}

/// The console's fulfilment steps: payment, the shortage question, the assembly photos uploaded,
/// packing and shipping, by the roles they belong to. The customer, in a second browser, answers
/// the shortage question and approves the photos in the portal, and gets the tracking link.
async fn staff_fulfil_an_order_in_a_real_browser(shop: Shop) {
    let Some(b) = browser(true).await else {
        return;
    };
    let store = Person::store(&shop);
    assert_eq!(
        store
            .post("/api/v1/orders", order_json("LM-F1", "ana@example.com"))
            .await
            .0,
        201
    );
    let agent = Person::staff(&shop, "agent").await;
    let (_, order) = agent.get("/api/v1/orders/LM-F1").await;
    let case_url = format!(
        "{}/staff/cases/{}",
        shop.base,
        order["cases"][0]["id"].as_str().unwrap()
    );

    use fantoccini::Locator;
    let Some(customer) = browser(true).await else {
        return;
    };
    sign_in_as_staff(&b, &shop, "agent").await;
    b.client.goto(&case_url).await.unwrap();
    click_button(&b, "Payment verified").await;
    wait_for_text(&b, "Start assembly").await;
    fill(
        &b,
        "report-shortage-message",
        "The spare key fob is out of stock until May.",
    )
    .await;
    click_button(&b, "Ask the customer about a missing accessory").await;
    wait_for_text(&b, "Shortage reported by").await;
    sign_out_in_browser(&b).await;

    // The customer answers in the portal: what-now leads to the question.
    portal_sign_in(&customer, &shop, "LM-F1", "ana@example.com").await;
    customer
        .client
        .find(Locator::LinkText(
            "Tell us what to do about a missing accessory",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&customer, "The spare key fob is out of stock until May.").await;
    customer
        .client
        .find(Locator::Css("input[name=choice][value=substitute]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&customer, "Send my answer").await;
    wait_for_text(&customer, "Shortage answered").await;

    sign_in_as_staff(&b, &shop, "warehouse").await;
    b.client.goto(&case_url).await.unwrap();
    wait_for_text(&b, "Send the photos").await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    b.client
        .find(Locator::Id("submit-assembly-media-files"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "Send the photos for approval by the customer").await;
    wait_for_text(&b, "Awaiting photo approval").await;

    // The customer sees the photo the warehouse took, and approves it.
    customer
        .client
        .goto(&format!("{}/orders/LM-F1", shop.base))
        .await
        .unwrap();
    wait_for_text(&customer, "Photos of your assembled product").await;
    let src = customer
        .client
        .find(Locator::Css("#photos .gallery img"))
        .await
        .unwrap()
        .attr("src")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        loaded_images(&customer, "#photos .gallery img").await,
        1,
        "the thumbnail {src} is served to the customer"
    );
    screenshots(&customer, "portal-photo-approval").await;
    click_button(&customer, "Approve the photos").await;
    wait_for_text(&customer, "Photos approved").await;
    b.client.goto(&case_url).await.unwrap();
    click_button(&b, "Packed").await;
    wait_for_text(&b, "Tracking link").await;
    fill(&b, "ship-carrier", "DHL").await;
    fill(&b, "ship-tracking_number", "JD777").await;
    fill(
        &b,
        "ship-tracking_url",
        "https://www.dhl.com/track?id=JD777",
    )
    .await;
    click_button(&b, "Shipped").await;
    wait_for_text(&b, "came back undelivered").await;
    screenshots(&b, "staff-order").await;
    let mail = shop
        .mail_containing("ana@example.com", "is on its way")
        .await;
    assert!(
        mail.text.contains("https://www.dhl.com/track?id=JD777"),
        "{}",
        mail.text
    );
}

/// Pages in a real browser, on SQLite: the pages read through the same app as the API, whose
/// storage is covered on both databases above.
/// The pages a person meets before or around signing in (the portal's and the console's
/// sign-in, an unknown link's landing, a page that does not exist) and the staff account
/// pages: an admin opens Wei's account and sends a set-password link, Wei sets a password
/// through it, signs in and changes it on their own account page. Each checked by axe-core at
/// desktop and phone width.
async fn staff_accounts_and_entry_pages_in_a_real_browser(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    let c = &b.client;
    c.goto(&format!("{}/", shop.base)).await.unwrap();
    wait_for_text(&b, "order number").await;
    screenshots(&b, "portal-sign-in").await;
    c.goto(&format!("{}/sign-in/{}", shop.base, "0".repeat(64)))
        .await
        .unwrap();
    wait_for_text(&b, "This link signs you in once").await;
    screenshots(&b, "portal-sign-in-link").await;
    c.goto(&format!("{}/no/such/page", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Not found").await;
    screenshots(&b, "not-found").await;
    c.goto(&format!("{}/staff/sign-in", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Staff console").await;
    screenshots(&b, "staff-sign-in").await;

    sign_in_as_staff(&b, &shop, "admin").await;
    c.goto(&format!("{}/staff/admin", shop.base)).await.unwrap();
    wait_for_text(&b, "Staff accounts").await;
    // A logo, uploaded through the form's file input: every page's header shows it from now.
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.png");
    image::RgbImage::from_fn(600, 150, |x, _| {
        if x < 150 {
            image::Rgb([31, 95, 191])
        } else {
            image::Rgb([255, 255, 255])
        }
    })
    .save(&logo)
    .unwrap();
    c.find(Locator::Id("logo-file"))
        .await
        .unwrap()
        .send_keys(logo.to_str().unwrap())
        .await
        .unwrap();
    click_button(&b, "Upload the logo").await;
    wait_for_text(&b, "The logo is saved").await;
    assert_eq!(
        loaded_images(&b, "header img").await,
        1,
        "the header shows it"
    );
    screenshots(&b, "staff-admin-logo").await;
    c.find(Locator::LinkText("warehouse"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "No change since").await;
    fill(&b, "staff-name", "Wei Zhang").await;
    click_button(&b, "Save the account").await;
    wait_for_text(&b, "The account is saved").await;
    click_button(&b, "Send a set-password link").await;
    let page = wait_for_text(&b, "A set-password link is on its way").await;
    assert!(
        page.contains("set-password link sent") && page.contains("edited: name Wei Zhang"),
        "{page}"
    );
    screenshots(&b, "staff-account-admin").await;
    sign_out_in_browser(&b).await;

    let mail = shop
        .mail_containing("warehouse@shop.example", "Subject: Set your password")
        .await;
    let token = mail
        .text
        .split(&format!("{}/staff/set-password/", shop.base))
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect::<String>();
    c.goto(&format!("{}/staff/set-password/{token}", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "For the staff account warehouse@shop.example").await;
    let new = "a new long password";
    fill(&b, "password-password", new).await;
    fill(&b, "password-repeat", "not the same one").await;
    click_button(&b, "Set the password").await;
    wait_for_text(&b, "Is not the same as the new password").await;
    screenshots(&b, "staff-set-password-error").await;
    fill(&b, "password-password", new).await;
    fill(&b, "password-repeat", new).await;
    click_button(&b, "Set the password").await;
    wait_for_text(&b, "Your password is set").await;
    fill(&b, "email", "warehouse@shop.example").await;
    fill(&b, "password", new).await;
    submit(&b).await;
    wait_for_text(&b, "Queues").await;
    c.find(Locator::LinkText("Wei Zhang"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Change your password").await;
    fill(&b, "password-current", "a wrong password").await;
    fill(&b, "password-password", "yet another password").await;
    fill(&b, "password-repeat", "yet another password").await;
    click_button(&b, "Change the password").await;
    wait_for_text(&b, "Is not your current password").await;
    fill(&b, "password-current", new).await;
    fill(&b, "password-password", "yet another password").await;
    fill(&b, "password-repeat", "yet another password").await;
    click_button(&b, "Change the password").await;
    wait_for_text(&b, "Your password is changed").await;
    screenshots(&b, "staff-own-account").await;
}

/// Webhooks on the console: an admin registers an endpoint (a bad address refused at its
/// field), copies the secret shown once, sees a return's request delivered to a local receiver
/// in the endpoint's log, and sends it again.
async fn webhooks_in_a_real_browser(shop: Shop) {
    let Some(b) = browser(true).await else {
        return;
    };
    let (url, _, mut received) = crate::webhooks::receiver().await;
    sign_in_as_staff(&b, &shop, "admin").await;
    b.client
        .goto(&format!("{}/staff/admin/webhooks", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "No endpoint yet").await;
    fill(&b, "webhook-url", "ftp://erp.example").await;
    fill(&b, "webhook-events", "return.requested return.approved").await;
    click_button(&b, "Register the endpoint").await;
    wait_for_text(&b, "Must be an http:// or https:// address").await;
    screenshots(&b, "staff-webhooks-error").await;
    fill(&b, "webhook-url", &url).await;
    fill(&b, "webhook-description", "ERP").await;
    click_button(&b, "Register the endpoint").await;
    wait_for_text(&b, "it is not shown again").await;
    let secret = b
        .client
        .find(fantoccini::Locator::Css("code.secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    screenshots(&b, "staff-webhooks").await;

    crate::journeys::requested_return(&shop).await;
    let message = crate::webhooks::next(&mut received).await;
    assert!(
        message.body.contains("return.requested"),
        "{}",
        message.body
    );
    // The return moved the clock eight days on: sign in again.
    sign_in_as_staff(&b, &shop, "admin").await;
    b.client
        .goto(&format!("{}/staff/admin/webhooks", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "receiving").await;
    b.client
        .find(fantoccini::Locator::XPath("//a[contains(., '/hooks')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "delivered").await;
    click_button(&b, "Send again").await;
    wait_for_text(&b, "queued again, with the same message id").await;
    let again = crate::webhooks::next(&mut received).await;
    assert_eq!(again.id, message.id);
    screenshots(&b, "staff-webhook-log").await;
}

/// A conversation from both sides in real browsers: the customer writes on the order with a
/// photo, the agent finds it in the "awaiting our reply" queue, keeps a note internal and
/// answers; the customer reads the answer and answers it by e-mail, which both pages then show.
async fn a_conversation_from_both_sides_in_real_browsers(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    let Some(staff) = browser(true).await else {
        return;
    };
    signed_order(&shop, "LM-C1", "ana@example.com").await;
    let admin = Person::staff(&shop, "admin").await;
    let key = admin
        .ok(
            "/api/v1/api-keys",
            json!({"name": "inbound mail", "scopes": ["mail:receive"]}),
        )
        .await["key"]
        .as_str()
        .unwrap()
        .to_owned();
    portal_sign_in(&b, &shop, "LM-C1", "ana@example.com").await;
    b.client
        .goto(&format!("{}/orders/LM-C1#conversation", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Messages with customer service").await;
    fill(
        &b,
        "message-body",
        "The keypad light stays red. Is this normal?",
    )
    .await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    b.client
        .find(Locator::Id("message-files"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "Send").await;
    wait_for_text(&b, "The keypad light stays red. Is this normal?").await;
    assert_eq!(
        loaded_images(&b, ".messages img").await,
        1,
        "the photo shows"
    );
    screenshots(&b, "portal-conversation").await;

    sign_in_as_staff(&staff, &shop, "agent").await;
    wait_for_text(&staff, "Conversations awaiting our reply").await;
    staff
        .client
        .find(Locator::Css("nav a[href='/staff/conversations']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let queue = wait_for_text(&staff, "Awaiting our reply").await;
    assert!(
        queue.contains("LM-C1") && queue.contains("ana@example.com"),
        "{queue}"
    );
    screenshots(&staff, "staff-conversations").await;
    staff
        .client
        .find(Locator::LinkText("Order"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&staff, "The keypad light stays red").await;
    fill(&staff, "message-body", "Checking with the warehouse first.").await;
    staff
        .client
        .find(Locator::Css("input[name=internal]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&staff, "Send").await;
    wait_for_text(&staff, "Checking with the warehouse first.").await;
    fill(
        &staff,
        "message-body",
        "Red means the batteries are low: change all four.",
    )
    .await;
    click_button(&staff, "Send").await;
    let page = wait_for_text(&staff, "Red means the batteries are low").await;
    assert!(page.contains("Internal note"), "{page}");
    screenshots(&staff, "staff-conversation").await;

    // The customer is told by e-mail, and answers it from their mail program.
    let told = shop
        .mail_containing(
            "ana@example.com",
            "A message from LocksMall about order LM-C1",
        )
        .await;
    let (status, answer) = crate::conversations::deliver(
        &shop,
        Some(&key),
        crate::conversations::email(
            "ana@example.com",
            &crate::conversations::reply_to(&told),
            "New batteries did it, thank you!\n\n> ## Write your answer above this line ##\n> Hello Ana Lima,",
            &[],
            "",
        ),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    b.client.refresh().await.unwrap();
    let page = wait_for_text(&b, "New batteries did it, thank you!").await;
    assert!(
        page.contains("Red means the batteries are low")
            && !page.contains("Checking with the warehouse"),
        "the customer sees the answer, never the note: {page}"
    );
    screenshots(&b, "portal-conversation-answered").await;
    staff.client.refresh().await.unwrap();
    let page = wait_for_text(&staff, "New batteries did it, thank you!").await;
    assert!(
        page.contains("by e-mail") && !page.contains("Hello Ana Lima,"),
        "{page}"
    );
}

mod in_the_browser {
    use super::*;
    macro_rules! case {
        ($name:ident) => {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let fresh = testing::sqlite().await.unwrap();
                super::$name(spawn(fresh.store.clone()).await).await;
            }
        };
    }
    case!(portal_in_a_real_browser_with_javascript);
    case!(portal_in_a_real_browser_without_javascript);
    case!(a_bad_form_value_is_shown_next_to_its_field_with_the_input_kept);
    case!(staff_sign_in_and_dashboard_in_a_real_browser);
    case!(a_customer_return_in_the_browser_with_javascript);
    case!(a_customer_return_in_the_browser_without_javascript);
    case!(customer_cases_in_a_real_browser);
    case!(an_appeal_filed_in_the_portal_is_upheld_in_the_console);
    case!(staff_fulfil_an_order_in_a_real_browser);
    case!(policy_and_admin_pages_in_a_real_browser);
    case!(staff_accounts_and_entry_pages_in_a_real_browser);
    case!(webhooks_in_a_real_browser);
    case!(a_conversation_from_both_sides_in_real_browsers);
}
