//! The shop's brand on every page: its name in the header of the portal and the console, and a
//! logo an admin uploads (made a small PNG, served under an address that changes with it) or
//! removes.

use crate::support::*;

async fn upload_logo(admin: &Person, csrf: &str, bytes: Vec<u8>, name: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    admin
        .client
        .post(format!("{}/staff/admin/shop/logo", admin.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The logo's address in a page's header, if it shows one.
fn logo_in(html: &str) -> Option<String> {
    let header = html.split("<header").nth(1)?.split("</header>").next()?;
    let src = header.split("<img src=\"").nth(1)?.split('"').next()?;
    Some(src.to_owned())
}

/// An admin names the shop and uploads a wide logo: every page's header (the portal's sign-in,
/// the console, an error page) shows both, the logo shrunk into its box as a PNG that browsers
/// may keep; a file that is no picture is refused at its field; removed, the name stands alone.
async fn the_shop_name_and_logo_head_every_page(shop: Shop) {
    let admin = Person::staff(&shop, "admin").await;
    let csrf = csrf_of(&admin).await;
    let anyone = Person::anonymous(&shop);
    let before = page(&anyone, "/").await;
    assert!(before.contains("<span>LocksMall</span>"), "{before}");
    assert_eq!(logo_in(&before), None);

    let named = admin
        .client
        .post(format!("{}/staff/admin/shop", shop.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Locks & Co"),
            ("return_address", "1 Dock Road, Shenzhen, China"),
            ("contact_email", "care@locks.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(named.status(), 303);

    let not_a_picture = upload_logo(&admin, &csrf, b"just text".to_vec(), "logo.png").await;
    assert_eq!(not_a_picture.status(), 422);
    let html = not_a_picture.text().await.unwrap();
    assert!(
        html.contains(r#"aria-describedby="logo-error""#)
            && html.contains("Must be a JPEG, PNG or WebP picture"),
        "{html}"
    );

    let mut wide = Vec::new();
    image::DynamicImage::new_rgb8(1200, 300)
        .write_to(
            &mut std::io::Cursor::new(&mut wide),
            image::ImageFormat::Png,
        )
        .unwrap();
    let uploaded = upload_logo(&admin, &csrf, wide, "logo.png").await;
    assert_eq!(uploaded.status(), 303);
    assert_eq!(uploaded.headers()["location"], "/staff/admin?saved=logo");

    let portal = page(&anyone, "/").await;
    let Some(src) = logo_in(&portal) else {
        panic!("the portal's header shows the logo: {portal}");
    };
    assert!(
        portal.contains("<span>Locks &#38; Co</span>")
            || portal.contains("<span>Locks &amp; Co</span>"),
        "{portal}"
    );
    let console = page(&admin, "/staff").await;
    assert_eq!(logo_in(&console).as_deref(), Some(src.as_str()));
    let missing = anyone.get_raw("/no/such/page").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(
        logo_in(&missing.text().await.unwrap()).as_deref(),
        Some(src.as_str())
    );

    // E-mails open with it too, by its full address.
    shipped_order(&shop, "LM-1", "ana@example.com").await;
    let (status, _) = anyone
        .post(
            "/api/v1/sign-in-links",
            serde_json::json!({"order_number": "LM-1", "email": "ana@example.com"}),
        )
        .await;
    assert_eq!(status, 202);
    let mail = shop
        .mail_containing("ana@example.com", "Subject: Your sign-in link")
        .await;
    assert!(
        mail.text.contains(&format!(
            "<img src=\"{}{src}\" alt=\"Locks &amp; Co\"",
            shop.base
        )),
        "{}",
        mail.text
    );

    let logo = anyone.get_raw(&src).await;
    assert_eq!(logo.status(), 200);
    assert_eq!(logo.headers()["content-type"], "image/png");
    assert_eq!(
        logo.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let png = image::load_from_memory(&logo.bytes().await.unwrap()).unwrap();
    assert_eq!(
        (png.width(), png.height()),
        (384, 96),
        "shrunk into 480x96, its shape kept"
    );
    assert_eq!(
        anyone.get_raw("/logo/0000000000000000.png").await.status(),
        404,
        "an old address is not found"
    );

    let removed = admin
        .client
        .post(format!("{}/staff/admin/shop/logo/remove", shop.base))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    assert_eq!(logo_in(&page(&anyone, "/").await), None);
    assert_eq!(anyone.get_raw(&src).await.status(), 404);
    let agent = Person::staff(&shop, "agent").await;
    assert_eq!(
        agent
            .client
            .post(format!("{}/staff/admin/shop/logo/remove", shop.base))
            .form(&[("csrf", csrf_of(&agent).await.as_str())])
            .send()
            .await
            .unwrap()
            .status(),
        403,
        "only admins change the logo"
    );
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    the_shop_name_and_logo_head_every_page,
);
