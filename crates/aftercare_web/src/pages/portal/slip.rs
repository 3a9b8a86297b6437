//! The printable RMA slip (III.2): the RMA number large and as a QR code, the items going back,
//! the sender and the return warehouse, on a page that prints on its own.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use crate::pages::extract::Visitor;
use crate::pages::i18n::Words;
use crate::{PageError, Web};

#[derive(Template, WebTemplate)]
#[template(path = "portal/slip.html")]
pub(crate) struct SlipPage {
    pub(crate) id: String,
    pub(crate) slip: aftercare_app::RmaSlip,
    /// The RMA number as a QR code, an inline SVG drawn here from the number alone.
    pub(crate) qr: String,
}

/// The RMA number as an inline SVG QR code; `None` only if the number cannot be encoded, which
/// an RMA number the app issued always can.
pub(crate) fn qr_svg(text: &str) -> Option<String> {
    use fast_qr::convert::Builder;
    // The same code as the PDF slip's, with its quiet zone of four modules.
    let code = aftercare_app::documents::rma_qr(text)?;
    let svg = fast_qr::convert::svg::SvgBuilder::default()
        .margin(4)
        .to_str(&code);
    // The drawing scales to its view box; its size on the page is set here.
    Some(svg.replacen(
        "<svg ",
        &format!(r#"<svg role="img" aria-label="QR code of {text}" width="160" height="160" "#),
        1,
    ))
}

/// `GET /cases/{id}/slip`: the slip of a return with an RMA number, for the customer (or staff)
/// to print and tape on the box. Someone else's return, or one without an RMA yet, is not found.
pub(crate) async fn slip(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let slip = web.app.rma_slip(&who.actor, &id).await?;
    let qr = qr_svg(&slip.rma).unwrap_or_default();
    Ok(SlipPage { id, slip, qr }.into_response())
}

/// `GET /cases/{id}/slip.pdf`: the same slip as a PDF, with the returned-goods declaration for
/// customs; it is also attached to the e-mail that gave the RMA number.
pub(crate) async fn slip_pdf(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let slip = web.app.rma_slip(&who.actor, &id).await?;
    let (shop, ships_from) = (web.app.shop_name(), web.app.ships_from());
    let name = slip.file_name();
    crate::pages::pdf_response(name, move || {
        aftercare_app::documents::rma_slip_pdf(&slip, &shop, &ships_from)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_an_inline_svg_named_for_screen_readers() {
        let svg = qr_svg("RMA-20260320-0001").unwrap();
        assert!(svg.starts_with(r#"<svg role="img" aria-label="QR code of RMA-20260320-0001" "#));
        assert!(!svg.contains("<?xml"));
        assert!(svg.ends_with("</svg>"));
    }
}
