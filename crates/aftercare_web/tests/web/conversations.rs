//! Conversations from outside: a customer writes on an order and on a case from the portal with a
//! photo, customer service is told by e-mail and answers from the console (or keeps a note
//! internal), the customer is told by e-mail; the "awaiting our reply" queue and the dashboard
//! count the replies owed, with the first-reply deadline in working days.

use serde_json::{Value, json};

use crate::journeys::requested_return;
use crate::support::*;

/// Posts a message form (text fields and files named `files`) as `who`, answering the status,
/// the redirect's target and the page's HTML.
async fn send(
    who: &Person,
    path: &str,
    fields: &[(&str, &str)],
    files: Vec<(Vec<u8>, &str, &str)>,
) -> (u16, String, String) {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text((*k).to_owned(), (*v).to_owned());
    }
    for (bytes, name, kind) in files {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str(kind)
            .unwrap();
        form = form.part("files", part);
    }
    let response = who
        .client
        .post(format!("{}{path}", who.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

/// The evidence ids a page shows as thumbnails, in order.
fn thumbnails(html: &str) -> Vec<String> {
    html.split("/api/v1/evidence/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/thumbnail").map(|(id, _)| id.to_owned()))
        .filter(|id| !id.contains('"'))
        .collect()
}

/// Customer and customer service talk on an order: the photo and the answer cross, each side is
/// told by e-mail with a link, an internal note stays internal, and the queue of replies owed
/// empties once answered.
async fn a_customer_and_the_shop_talk_about_an_order(shop: Shop) {
    signed_order(&shop, "LM-1", "ana@example.com").await;
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let agent = Person::staff(&shop, "agent").await;
    let ana_csrf = csrf_of(&ana).await;
    let agent_csrf = csrf_of(&agent).await;

    let html = page(&ana, "/orders/LM-1").await;
    assert!(
        html.contains("id=\"conversation\"") && html.contains("No message yet"),
        "the order page carries its conversation"
    );
    let (status, to, _) = send(
        &ana,
        "/orders/LM-1/messages",
        &[
            ("csrf", &ana_csrf),
            ("body", "  Where is the manual?\nIt was not in the box.  "),
        ],
        vec![(jpeg_with_gps(), "box.jpg", "image/jpeg")],
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/orders/LM-1#conversation"));

    // Customer service is told, with the words and a link to the console.
    let told = shop
        .mail_containing("locksmall1@gmail.com", "New message from Ana Lima")
        .await;
    assert!(
        told.text.contains("Where is the manual?")
            && told
                .text
                .contains(&format!("{}/staff/orders/LM-1#conversation", shop.base))
            && told.text.contains("It comes with 1 file."),
        "{}",
        told.text
    );

    // The reply is owed by Monday: one working day after Friday 20 March.
    let queue = page(&agent, "/staff/conversations").await;
    assert!(
        queue.contains("/staff/orders/LM-1#conversation") && queue.contains("2026-03-23"),
        "{queue}"
    );
    let dashboard = page(&agent, "/staff").await;
    assert!(
        dashboard.contains("Conversations awaiting our reply"),
        "an agent's dashboard counts the replies owed"
    );
    let console = page(&agent, "/staff/orders/LM-1").await;
    assert!(
        console.contains("Where is the manual?\nIt was not in the box.")
            && console.contains("Awaiting our reply since"),
        "the message is kept trimmed, with its line breaks"
    );
    let customer_photo = thumbnails(&console);
    assert_eq!(customer_photo.len(), 1, "{console}");

    // A note between staff: the customer is neither told nor shown it, and still waits.
    let (status, to, _) = send(
        &agent,
        "/staff/orders/LM-1/messages",
        &[
            ("csrf", &agent_csrf),
            ("body", "Warehouse: check the manual stock"),
            ("internal", "yes"),
        ],
        vec![],
    )
    .await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/staff/orders/LM-1#conversation")
    );
    assert!(page(&agent, "/staff/conversations").await.contains("LM-1"));

    // The answer, with a photo of its own.
    let (status, _, _) = send(
        &agent,
        "/staff/orders/LM-1/messages",
        &[
            ("csrf", &agent_csrf),
            ("body", "The manual is under the box's lid."),
        ],
        vec![(jpeg_with_gps(), "lid.jpg", "image/jpeg")],
    )
    .await;
    assert_eq!(status, 303);
    let answer = shop
        .mail_containing(
            "ana@example.com",
            "A message from LocksMall about order LM-1",
        )
        .await;
    assert!(
        answer.text.contains("The manual is under the box's lid.")
            && answer
                .text
                .contains(&format!("{}/orders/LM-1#conversation", shop.base))
            && !answer.text.contains("manual stock"),
        "{}",
        answer.text
    );
    let portal = page(&ana, "/orders/LM-1").await;
    assert!(
        portal.contains("The manual is under the box&#39;s lid.")
            && portal.contains("(LocksMall)")
            && !portal.contains("manual stock")
            && !portal.contains("Internal note"),
        "the customer sees the answer and who gave it, never the note"
    );
    // Both photos show to the customer, the shop's one included.
    let shown = thumbnails(&portal);
    assert_eq!(shown.len(), 2, "{portal}");
    for id in &shown {
        let response = ana.get_raw(&format!("/api/v1/evidence/{id}")).await;
        assert_eq!(response.status(), 200, "{id}");
    }
    let queue = page(&agent, "/staff/conversations").await;
    assert!(
        queue.contains("No customer is waiting for a reply."),
        "{queue}"
    );

    // The customer and the agent write at the same moment: both messages land, one after the
    // other.
    let (from_ana, from_agent) = (
        [("csrf", ana_csrf.as_str()), ("body", "One more question")],
        [("csrf", agent_csrf.as_str()), ("body", "Anything else?")],
    );
    let (a, b) = tokio::join!(
        send(&ana, "/orders/LM-1/messages", &from_ana, vec![]),
        send(&agent, "/staff/orders/LM-1/messages", &from_agent, vec![]),
    );
    assert_eq!((a.0, b.0), (303, 303), "{} {}", a.2, b.2);
    let console = page(&agent, "/staff/orders/LM-1").await;
    assert!(console.contains("One more question") && console.contains("Anything else?"));
    assert_eq!(console.matches("class=\"message ").count(), 5);

    // Someone else's customer finds nothing there, and cannot write in it.
    signed_order(&shop, "LM-2", "eve@example.com").await;
    let eve = Person::customer(&shop, "LM-2", "eve@example.com").await;
    let eve_csrf = csrf_of(&eve).await;
    let (status, _, html) = send(
        &eve,
        "/orders/LM-1/messages",
        &[("csrf", &eve_csrf), ("body", "hello")],
        vec![],
    )
    .await;
    assert_eq!(status, 404);
    assert!(html.contains("/static/app.css"), "a page, not JSON");
    assert!(!page(&agent, "/staff/orders/LM-1").await.contains(">hello<"));
}

/// What a conversation refuses: nothing said, too much said, a note from a customer, a forged
/// form; each refusal is a page that names the problem and keeps the draft, and nothing is kept.
async fn a_refused_message_keeps_the_draft_and_stores_nothing(shop: Shop) {
    signed_order(&shop, "LM-1", "ana@example.com").await;
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let csrf = csrf_of(&ana).await;
    let (status, _, html) = send(
        &ana,
        "/orders/LM-1/messages",
        &[("csrf", &csrf), ("body", "   ")],
        vec![],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Your message was not sent")
            && html.contains("write a message or attach a file"),
        "{html}"
    );
    let long = "x".repeat(4001);
    let (status, _, html) = send(
        &ana,
        "/orders/LM-1/messages",
        &[("csrf", &csrf), ("body", &long)],
        vec![],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("at most 4000 characters") && html.contains(&long),
        "the draft comes back to be shortened"
    );
    let (status, _, html) = send(
        &ana,
        "/orders/LM-1/messages",
        &[("csrf", &csrf), ("body", "psst"), ("internal", "yes")],
        vec![],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Only the shop&#39;s staff can write an internal note"),
        "{html}"
    );
    // A file that is not a photo or a video stops the message.
    let (status, _, html) = send(
        &ana,
        "/orders/LM-1/messages",
        &[("csrf", &csrf), ("body", "see the file")],
        vec![(
            b"MZ\x90\x00 not a picture".to_vec(),
            "run.exe",
            "image/jpeg",
        )],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("run.exe") && html.contains("see the file"),
        "{html}"
    );
    // A forged form stores nothing.
    let (status, _, _) = send(
        &ana,
        "/orders/LM-1/messages",
        &[("csrf", "forged"), ("body", "hello")],
        vec![],
    )
    .await;
    assert_eq!(status, 403);
    let html = page(&ana, "/orders/LM-1").await;
    assert!(html.contains("No message yet"), "nothing was kept");
    let agent = Person::staff(&shop, "agent").await;
    assert!(
        page(&agent, "/staff/conversations")
            .await
            .contains("No customer is waiting for a reply.")
    );
}

/// A case's conversation: the reply owed goes overdue after its working day and counts on the
/// dashboard; an agent may close the wait without writing, saying why, which stays internal.
async fn an_unanswered_case_conversation_goes_overdue_until_no_reply_is_needed(shop: Shop) {
    let (ana, id) = requested_return(&shop).await;
    let csrf = csrf_of(&ana).await;
    let (status, to, _) = send(
        &ana,
        &format!("/cases/{id}/messages"),
        &[
            ("csrf", &csrf),
            ("body", "Thanks, I will wait for the review."),
        ],
        vec![],
    )
    .await;
    assert_eq!((status, to), (303, format!("/cases/{id}#conversation")));
    let told = shop
        .mail_containing("locksmall1@gmail.com", "New message from Ana Lima")
        .await;
    assert!(
        told.text.contains("the return of order LM-1")
            && told
                .text
                .contains(&format!("/staff/cases/{id}#conversation")),
        "{}",
        told.text
    );
    // Tuesday: Monday's deadline has passed.
    shop.clock.set("2026-03-24T02:00:00Z".parse().unwrap());
    let agent = Person::staff(&shop, "agent").await;
    let queue = page(&agent, "/staff/conversations").await;
    assert!(
        queue.contains(&format!("/staff/cases/{id}#conversation")) && queue.contains("(overdue)"),
        "{queue}"
    );
    let dashboard = page(&agent, "/staff").await;
    assert!(dashboard.contains("1 overdue"), "{dashboard}");
    let case = page(&agent, &format!("/staff/cases/{id}")).await;
    assert!(case.contains("Thanks, I will wait for the review.") && case.contains("(overdue)"));

    // The customer needs no answer: the agent says so, and why.
    let form = [
        ("csrf", csrf_of(&agent).await),
        ("reason", "the customer only thanked us".to_owned()),
    ];
    let response = agent
        .client
        .post(format!("{}/staff/cases/{id}/no-reply-needed", shop.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(
        page(&agent, "/staff/conversations")
            .await
            .contains("No customer is waiting for a reply.")
    );
    let case = page(&agent, &format!("/staff/cases/{id}")).await;
    assert!(case.contains("No reply needed: the customer only thanked us"));
    // (The customer's session ended while the days went by: they sign in again.)
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    assert!(
        !page(&ana, &format!("/cases/{id}"))
            .await
            .contains("No reply needed"),
        "the reason is internal"
    );
    // A second time there is nothing to close.
    let response = agent
        .client
        .post(format!("{}/staff/cases/{id}/no-reply-needed", shop.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    // The customer's own page cannot close it.
    let response = ana
        .client
        .post(format!("{}/staff/cases/{id}/no-reply-needed", shop.base))
        .form(&[("csrf", csrf_of(&ana).await)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["location"],
        "/staff/sign-in",
        "the console's forms are staff's only"
    );
}

/// The reply address an e-mail answers to, from its `Reply-To` header.
pub(crate) fn reply_to(mail: &Received) -> String {
    mail.text
        .lines()
        .find_map(|l| l.strip_prefix("Reply-To: "))
        .unwrap_or_else(|| panic!("no Reply-To in {}", mail.text))
        .trim()
        .to_owned()
}

/// An answer by e-mail as a mail program sends it: the new text over the quoted message, and
/// attachments (name, type, bytes) as base64 parts.
pub(crate) fn email(
    from: &str,
    to: &str,
    text: &str,
    files: &[(&str, &str, Vec<u8>)],
    extra: &str,
) -> Vec<u8> {
    use base64::Engine as _;
    let mut out = format!(
        "From: Someone <{from}>\r\nTo: {to}\r\nSubject: Re: your message\r\nMessage-ID: <{}@mail.example>\r\n{extra}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}\r\n",
        uuid_like(),
        text.replace('\n', "\r\n")
    );
    for (name, kind, bytes) in files {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        out.push_str(&format!(
            "--b1\r\nContent-Type: {kind}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        ));
        for chunk in encoded.as_bytes().chunks(76) {
            out.push_str(std::str::from_utf8(chunk).unwrap());
            out.push_str("\r\n");
        }
    }
    out.push_str("--b1--\r\n");
    out.into_bytes()
}

fn uuid_like() -> String {
    format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

/// Posts a raw e-mail to the inbound mail endpoint with `key`.
pub(crate) async fn deliver(shop: &Shop, key: Option<&str>, raw: Vec<u8>) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/api/v1/inbound-mail", shop.base))
        .header("content-type", "message/rfc822")
        .body(raw);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    Person::answer(request.send().await.unwrap()).await
}

/// Answers by e-mail join their conversation: the customer's and a staff member's, without the
/// quoted text, with photos kept and other files named; every unknown address, wrong sender,
/// missing scope or automatic reply is refused or ignored and appends nothing.
async fn answers_by_email_join_their_conversation_and_nothing_else_does(shop: Shop) {
    signed_order(&shop, "LM-1", "ana@example.com").await;
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let agent = Person::staff(&shop, "agent").await;
    let admin = Person::staff(&shop, "admin").await;
    let (status, key) = admin
        .post(
            "/api/v1/api-keys",
            json!({"name": "inbound mail", "scopes": ["mail:receive"]}),
        )
        .await;
    assert_eq!(status, 201, "{key}");
    let key = key["key"].as_str().unwrap().to_owned();

    let csrf = csrf_of(&ana).await;
    send(
        &ana,
        "/orders/LM-1/messages",
        &[("csrf", &csrf), ("body", "Is the manual in the box?")],
        vec![],
    )
    .await;
    let to_shop = shop
        .mail_containing("locksmall1@gmail.com", "New message from Ana Lima")
        .await;
    let shop_address = reply_to(&to_shop);
    assert!(
        shop_address.starts_with("reply+s") && shop_address.ends_with("@in.shop.example"),
        "{shop_address}"
    );
    assert!(
        to_shop
            .text
            .contains("## Write your answer above this line ##")
    );

    // The agent answers from their own mailbox.
    let (status, answer) = deliver(
        &shop,
        Some(&key),
        email(
            "agent@shop.example",
            &shop_address,
            "Yes, under the lid.\n\nOn Fri, 20 Mar 2026, LocksMall wrote:\n> ## Write your answer above this line ##\n> Is the manual in the box?",
            &[],
            "",
        ),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["outcome"], "appended");
    let to_ana = shop
        .mail_containing(
            "ana@example.com",
            "A message from LocksMall about order LM-1",
        )
        .await;
    assert!(
        to_ana.text.contains("Yes, under the lid.") && !to_ana.text.contains("> Is the manual"),
        "{}",
        to_ana.text
    );
    let customer_address = reply_to(&to_ana);
    assert!(
        customer_address.starts_with("reply+c"),
        "{customer_address}"
    );
    assert_ne!(customer_address, shop_address);

    // The customer answers by e-mail with a photo and a PDF: the photo is kept, the PDF named.
    let (status, answer) = deliver(
        &shop,
        Some(&key),
        email(
            "Ana@Example.com",
            &customer_address,
            "Found it, thanks!\nOne page is torn, see the photo.\n\n> ## Write your answer above this line ##\n> Hello Ana Lima,",
            &[("torn.jpg", "image/jpeg", jpeg_with_gps()), ("receipt.pdf", "application/pdf", b"%PDF-1.4 fake".to_vec())],
            "",
        ),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    assert_eq!(
        answer["refused_files"].as_array().unwrap().len(),
        1,
        "{answer}"
    );
    assert!(
        answer["refused_files"][0]
            .as_str()
            .unwrap()
            .starts_with("receipt.pdf: ")
    );
    let console = page(&agent, "/staff/orders/LM-1").await;
    assert!(
        console.contains("Found it, thanks!\nOne page is torn, see the photo.")
            && console.contains("by e-mail")
            && console.contains("[Not kept: receipt.pdf")
            && !console.contains("Hello Ana Lima,")
            && console.contains("Awaiting our reply since"),
        "{console}"
    );
    assert_eq!(
        thumbnails(&console).len(),
        1,
        "the photo came through cleaned"
    );
    let before = console.matches("class=\"message ").count();

    // Nothing else joins: another sender with the customer's address, a forged token, an
    // address of another domain, a key without the scope, no key, an absence notice, a message
    // that is not one.
    let forged = {
        let mut a = customer_address.clone();
        let at = a.find('@').unwrap();
        let last = a.as_bytes()[at - 1];
        a.replace_range(at - 1..at, if last == b'0' { "1" } else { "0" });
        a
    };
    let refusals = [
        (
            Some(key.as_str()),
            email("eve@example.com", &customer_address, "Me too", &[], ""),
            403,
        ),
        (
            Some(key.as_str()),
            email("ana@example.com", &shop_address, "As staff", &[], ""),
            403,
        ),
        (
            Some(key.as_str()),
            email("ana@example.com", &forged, "Forged", &[], ""),
            422,
        ),
        (
            Some(key.as_str()),
            email(
                "ana@example.com",
                &customer_address.replace("in.shop.example", "evil.example"),
                "Elsewhere",
                &[],
                "",
            ),
            422,
        ),
        (
            Some(shop.key.as_str()),
            email("ana@example.com", &customer_address, "Wrong key", &[], ""),
            403,
        ),
        (
            None,
            email("ana@example.com", &customer_address, "No key", &[], ""),
            401,
        ),
        (
            Some(key.as_str()),
            email("ana@example.com", &customer_address, "", &[], ""),
            422,
        ),
        (Some(key.as_str()), b"this is not an e-mail".to_vec(), 400),
    ];
    for (k, raw, expected) in refusals {
        let (status, answer) = deliver(&shop, k, raw).await;
        assert_eq!(status, expected, "{answer}");
        assert!(answer["code"].is_string(), "problem JSON: {answer}");
    }
    let (status, answer) = deliver(
        &shop,
        Some(&key),
        email(
            "ana@example.com",
            &customer_address,
            "I am away until Monday.",
            &[],
            "Auto-Submitted: auto-replied\r\n",
        ),
    )
    .await;
    assert_eq!(
        (status, answer["outcome"].as_str()),
        (200, Some("ignored")),
        "{answer}"
    );
    let console = page(&agent, "/staff/orders/LM-1").await;
    assert_eq!(
        console.matches("class=\"message ").count(),
        before,
        "nothing more was appended"
    );
}

/// The same conversation through the JSON API: a customer's app writes with a photo, staff read
/// the queue, note and answer; each side reads what it may.
async fn conversations_through_the_api(shop: Shop) {
    signed_order(&shop, "LM-1", "ana@example.com").await;
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let agent = Person::staff(&shop, "agent").await;
    let photo = ana.photo().await;
    let (status, sent) = ana
        .post(
            "/api/v1/orders/LM-1/messages",
            json!({"body": "Is the lock ready?", "attachments": [photo]}),
        )
        .await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(
        (
            sent["side"].as_str(),
            sent["via"].as_str(),
            sent["seq"].as_i64()
        ),
        (Some("customer"), Some("api"), Some(1))
    );
    let (status, queue) = agent.get("/api/v1/conversations/awaiting").await;
    assert_eq!(status, 200, "{queue}");
    assert_eq!(queue["items"][0]["order_number"], "LM-1");
    assert_eq!(queue["items"][0]["reply_due"], "2026-03-23");
    assert_eq!(queue["items"][0]["overdue"], false);
    agent
        .ok(
            "/api/v1/orders/LM-1/messages",
            json!({"body": "Check stock first", "internal": true}),
        )
        .await;
    let (_, theirs) = ana.get("/api/v1/orders/LM-1/messages").await;
    assert_eq!(theirs["messages"].as_array().unwrap().len(), 1, "{theirs}");
    assert!(theirs["reply_due"].is_null(), "only staff see the deadline");
    let (_, ours) = agent.get("/api/v1/orders/LM-1/messages").await;
    assert_eq!(ours["messages"].as_array().unwrap().len(), 2, "{ours}");
    assert_eq!(ours["messages"][1]["internal"], true);
    assert_eq!(ours["reply_due"], "2026-03-23");
    agent
        .ok(
            "/api/v1/orders/LM-1/messages",
            json!({"body": "Yes, it ships today."}),
        )
        .await;
    let (_, queue) = agent.get("/api/v1/conversations/awaiting").await;
    assert!(queue["items"].as_array().unwrap().is_empty(), "{queue}");

    // What is refused, each with its problem.
    let refusals = [
        (&ana, json!({"body": "psst", "internal": true}), 403, None),
        (&ana, json!({"body": " "}), 422, Some("body")),
        (
            &ana,
            json!({"body": "x", "attachments": [photo]}),
            422,
            Some("files"),
        ),
        (&ana, json!({"body": "x", "colour": "red"}), 422, None),
    ];
    for (who, body, status, field) in refusals {
        let (got, problem) = who.post("/api/v1/orders/LM-1/messages", body).await;
        assert_eq!(got, status, "{problem}");
        if let Some(field) = field {
            assert_eq!(problem["field"], field, "{problem}");
        }
    }
    let (status, _) = ana.get("/api/v1/conversations/awaiting").await;
    assert_eq!(status, 403);
    let (status, _) = agent
        .get("/api/v1/conversations/awaiting?cursor=nonsense")
        .await;
    assert_eq!(status, 422);
    signed_order(&shop, "LM-2", "eve@example.com").await;
    let eve = Person::customer(&shop, "LM-2", "eve@example.com").await;
    assert_eq!(eve.get("/api/v1/orders/LM-1/messages").await.0, 404);
    assert_eq!(
        eve.post("/api/v1/orders/LM-1/messages", json!({"body": "hi"}))
            .await
            .0,
        404
    );
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    a_customer_and_the_shop_talk_about_an_order,
    a_refused_message_keeps_the_draft_and_stores_nothing,
    an_unanswered_case_conversation_goes_overdue_until_no_reply_is_needed,
    answers_by_email_join_their_conversation_and_nothing_else_does,
    conversations_through_the_api,
);
