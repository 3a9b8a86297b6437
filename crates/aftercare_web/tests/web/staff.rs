//! Staff accounts on the console: an admin edits one, sends a set-password link that the staff
//! member uses, and a staff member changes their own password; each change in the account's
//! history with who made it.

use serde_json::json;

use crate::support::*;

async fn post_form(who: &Person, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    who.client
        .post(format!("{}{path}", who.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The token of the newest set-password link e-mailed to `email`.
async fn password_link(shop: &Shop, email: &str) -> String {
    let mail = shop
        .mail_containing(email, "Subject: Set your password")
        .await;
    mail.text
        .split(&format!("{}/staff/set-password/", shop.base))
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

async fn signs_in(shop: &Shop, email: &str, password: &str) -> u16 {
    Person::anonymous(shop)
        .post(
            "/api/v1/session",
            json!({"email": email, "password": password}),
        )
        .await
        .0
}

/// An admin corrects an account (refusals at their field, the typed values kept), sends a
/// set-password link; the link opens a form, refuses a short or mismatched password, sets a good
/// one once, ends the person's sessions; the history names who did what.
async fn an_admin_edits_an_account_and_its_owner_sets_a_password_by_link(shop: Shop) {
    let admin = Person::staff(&shop, "admin").await;
    let agent = Person::staff(&shop, "agent").await;
    let csrf = csrf_of(&admin).await;
    let agent_id = account_id(&admin, "agent@shop.example").await;
    let admin_id = account_id(&admin, "admin@shop.example").await;
    let path = format!("/staff/admin/staff/{agent_id}");
    let listed = page(&admin, "/staff/admin").await;
    assert!(listed.contains(&format!("href=\"{path}\"")), "{listed}");
    let html = page(&admin, &path).await;
    assert!(
        html.contains("value=\"agent@shop.example\"") && html.contains("No change since"),
        "{html}"
    );
    assert_eq!(
        agent.get_raw(&path).await.status(),
        403,
        "only admins open accounts"
    );

    let taken = post_form(
        &admin,
        &path,
        &[
            ("csrf", &csrf),
            ("email", "finance@shop.example"),
            ("name", "Li Wei"),
            ("roles", "agent"),
        ],
    )
    .await;
    assert_eq!(taken.status(), 422);
    let html = taken.text().await.unwrap();
    assert!(
        html.contains(r#"aria-describedby="staff-email-error""#)
            && html.contains("already exists")
            && html.contains("value=\"Li Wei\""),
        "{html}"
    );
    let no_roles = post_form(
        &admin,
        &path,
        &[
            ("csrf", &csrf),
            ("email", "li@shop.example"),
            ("name", "Li Wei"),
        ],
    )
    .await;
    assert_eq!(no_roles.status(), 422);
    assert!(
        no_roles
            .text()
            .await
            .unwrap()
            .contains(r#"id="staff-roles-error""#)
    );
    let own = post_form(
        &admin,
        &format!("/staff/admin/staff/{admin_id}"),
        &[
            ("csrf", &csrf),
            ("email", "admin@shop.example"),
            ("name", "admin"),
            ("roles", "agent"),
        ],
    )
    .await;
    assert_eq!(own.status(), 422);
    assert!(
        own.text()
            .await
            .unwrap()
            .contains("cannot take the admin role from yourself")
    );

    let saved = post_form(
        &admin,
        &path,
        &[
            ("csrf", &csrf),
            ("email", " Li@Shop.Example "),
            ("name", "Li Wei"),
            ("roles", "agent"),
            ("roles", "finance"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], format!("{path}?saved=edited"));
    let (_, me) = agent.get("/api/v1/session").await;
    assert_eq!(
        (me["name"].clone(), me["roles"].clone()),
        (json!("Li Wei"), json!(["agent", "finance"])),
        "the new roles apply to the next request"
    );
    let html = page(&admin, &format!("{path}?saved=edited")).await;
    assert!(html.contains("The account is saved"), "{html}");

    // The link: sent, opened without being used, refusing bad passwords, used once.
    let sent = post_form(&admin, &format!("{path}/password-link"), &[("csrf", &csrf)]).await;
    assert_eq!(sent.status(), 303);
    assert_eq!(
        sent.headers()["location"],
        format!("{path}?saved=password-link")
    );
    let token = password_link(&shop, "li@shop.example").await;
    let link = format!("/staff/set-password/{token}");
    let stranger = Person::anonymous(&shop);
    for _ in 0..2 {
        let html = page(&stranger, &link).await;
        assert!(
            html.contains("li@shop.example") && html.contains("Set the password"),
            "{html}"
        );
    }
    let short = post_form(
        &stranger,
        &link,
        &[("password", "short"), ("repeat", "short")],
    )
    .await;
    assert_eq!(short.status(), 422);
    let html = short.text().await.unwrap();
    assert!(
        html.contains(r#"id="password-password-error""#) && !html.contains("value=\"short\""),
        "the reason at the field, the password not written back: {html}"
    );
    let new = "a much longer password";
    let mismatched = post_form(
        &stranger,
        &link,
        &[("password", new), ("repeat", "a much longer passwort")],
    )
    .await;
    assert_eq!(mismatched.status(), 422);
    assert!(
        mismatched
            .text()
            .await
            .unwrap()
            .contains(r#"id="password-repeat-error""#)
    );
    let set = post_form(&stranger, &link, &[("password", new), ("repeat", new)]).await;
    assert_eq!(set.status(), 303);
    assert_eq!(set.headers()["location"], "/staff/sign-in?password=set");
    let html = page(&stranger, "/staff/sign-in?password=set").await;
    assert!(html.contains("Your password is set"), "{html}");
    assert_eq!(agent.get("/api/v1/session").await.0, 401, "sessions ended");
    assert_eq!(signs_in(&shop, "li@shop.example", PASSWORD).await, 401);
    assert_eq!(signs_in(&shop, "li@shop.example", new).await, 200);
    let again = post_form(&stranger, &link, &[("password", new), ("repeat", new)]).await;
    assert_eq!(again.status(), 410, "a link works once");
    assert!(again.text().await.unwrap().contains("no longer works"));

    let html = page(&admin, &path).await;
    for line in [
        "edited: name Li Wei, e-mail li@shop.example, roles agent, finance",
        "set-password link sent",
        "password set by link",
    ] {
        assert!(html.contains(line), "{line}: {html}");
    }
    assert!(
        html.contains("<td>admin</td>") && html.contains("<td>Li Wei</td>"),
        "who did each, by name: {html}"
    );
}

/// A staff member changes their own password with the current one: a wrong current password
/// is refused at its field and counts towards the sign-in throttle; the session in use stays,
/// the others end.
async fn a_staff_member_changes_their_own_password(shop: Shop) {
    let ana = shipped_order(&shop, "LM-1", "ana@example.com").await;
    let customer = ana.get_raw("/staff/account").await;
    assert_eq!(customer.status(), 303, "customers have no staff account");
    let here = Person::staff(&shop, "warehouse").await;
    let elsewhere = Person::staff(&shop, "warehouse").await;
    let csrf = csrf_of(&here).await;
    let html = page(&here, "/staff/account").await;
    assert!(
        html.contains("warehouse@shop.example")
            && html.contains("autocomplete=\"current-password\""),
        "{html}"
    );
    let new = "another long password";
    let wrong = post_form(
        &here,
        "/staff/account/password",
        &[
            ("csrf", &csrf),
            ("current", "not the password"),
            ("password", new),
            ("repeat", new),
        ],
    )
    .await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong.text().await.unwrap().contains(
        r#"<p class="error" id="password-current-error">Is not your current password</p>"#
    ));
    let changed = post_form(
        &here,
        "/staff/account/password",
        &[
            ("csrf", &csrf),
            ("current", PASSWORD),
            ("password", new),
            ("repeat", new),
        ],
    )
    .await;
    assert_eq!(changed.status(), 303);
    assert_eq!(
        changed.headers()["location"],
        "/staff/account?saved=password"
    );
    assert!(
        page(&here, "/staff/account?saved=password")
            .await
            .contains("Your password is changed")
    );
    assert_eq!(
        here.get("/api/v1/session").await.0,
        200,
        "this session stays"
    );
    assert_eq!(
        elsewhere.get("/api/v1/session").await.0,
        401,
        "the others end"
    );
    assert_eq!(signs_in(&shop, "warehouse@shop.example", new).await, 200);

    // Wrong current passwords are failed sign-ins: the fifth locks the change and the sign-in.
    for _ in 0..4 {
        post_form(
            &here,
            "/staff/account/password",
            &[
                ("csrf", &csrf),
                ("current", "guess"),
                ("password", new),
                ("repeat", new),
            ],
        )
        .await;
    }
    let locked = post_form(
        &here,
        "/staff/account/password",
        &[
            ("csrf", &csrf),
            ("current", new),
            ("password", new),
            ("repeat", new),
        ],
    )
    .await;
    assert_eq!(locked.status(), 429);
    assert_eq!(signs_in(&shop, "warehouse@shop.example", new).await, 429);
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    an_admin_edits_an_account_and_its_owner_sets_a_password_by_link,
    a_staff_member_changes_their_own_password,
);
