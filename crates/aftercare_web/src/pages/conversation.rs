//! The conversation on an order or a case, as the customer's and the staff's pages show it, and
//! the forms that write in it: a message with photos or videos (the same upload cleaning as
//! evidence), an internal note (staff), "no reply needed" (staff).
//!
//! Each page embeds its conversation; a message goes to `…/messages` and comes back to the page.
//! A refused message shows the conversation on its own page with the refusal and the draft.

use aftercare_app::AppError;
use aftercare_app::accounts::SignedIn;
use aftercare_app::conversations::{Conversation, ThreadOf, Via};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::extract::{Staff, Visitor};
use super::{
    AfterRefusal, Media, Nav, StepForm, case_name, due, media, no_store, plain_words,
    read_upload_form, see_other,
};
use crate::pages::i18n::Words;
use crate::{ApiError, PageError, Web};

/// A conversation as a page shows it, with the form to write in it.
pub(crate) struct ConversationView {
    /// Where the form posts.
    pub(crate) action: String,
    pub(crate) messages: Vec<MessageView>,
    /// True on the console: the form offers an internal note.
    pub(crate) staff: bool,
    /// Staff only: since when the customer waits for the shop, and until when a reply is due.
    pub(crate) awaiting: Option<String>,
    pub(crate) overdue: bool,
    /// Staff only, while a reply is owed: where "no reply needed" posts.
    pub(crate) no_reply_action: Option<String>,
    pub(crate) error: Option<String>,
    pub(crate) draft: String,
    pub(crate) csrf: String,
}

/// One message as a page shows it.
pub(crate) struct MessageView {
    pub(crate) author: String,
    /// Written by the shop (the other side, for a customer).
    pub(crate) shop: bool,
    pub(crate) internal: bool,
    pub(crate) at: String,
    pub(crate) body: String,
    pub(crate) media: Vec<Media>,
    /// Files that do not show as a picture or a video (a removed one), counted.
    pub(crate) other_files: usize,
    pub(crate) via: String,
}

/// The conversation's base path on the portal or the console.
fn base(of: ThreadOf<'_>, staff: bool) -> String {
    let prefix = if staff { "/staff" } else { "" };
    match of {
        ThreadOf::Order(number) => format!("{prefix}/orders/{number}"),
        ThreadOf::Case(id) => format!("{prefix}/cases/{id}"),
    }
}

/// The conversation of a case as `who` sees it.
pub(crate) async fn case_conversation(
    web: &Web,
    who: &SignedIn,
    case_id: &str,
) -> Result<ConversationView, ApiError> {
    let of = ThreadOf::Case(case_id);
    let conversation = web.app.conversation(&who.actor, of).await?;
    Ok(view_of(web, who, of, &conversation, None, String::new()).await)
}

/// The conversation of an order the page already read, as `who` sees it.
pub(crate) async fn order_conversation(
    web: &Web,
    who: &SignedIn,
    order: &aftercare_store::OrderRecord,
) -> Result<ConversationView, ApiError> {
    let conversation = web
        .app
        .conversation_about(&who.actor, order.clone(), None)
        .await?;
    let of = ThreadOf::Order(&order.number);
    Ok(view_of(web, who, of, &conversation, None, String::new()).await)
}

async fn view_of(
    web: &Web,
    who: &SignedIn,
    of: ThreadOf<'_>,
    conversation: &Conversation,
    error: Option<String>,
    draft: String,
) -> ConversationView {
    let staff = super::is_staff(who);
    let base = base(of, staff);
    let mut messages = Vec::with_capacity(conversation.messages.len());
    for m in &conversation.messages {
        let shown = media(web, who, m.attachments.iter().map(String::as_str)).await;
        let shop = m.side == "shop";
        messages.push(MessageView {
            author: match (shop, staff) {
                // Customers see who answered and for which shop.
                (true, false) => format!("{} ({})", m.author_name, web.app.shop_name()),
                _ => m.author_name.clone(),
            },
            shop,
            internal: m.internal,
            at: m.at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
            body: m.body.clone(),
            other_files: m.attachments.len().saturating_sub(shown.len()),
            media: shown,
            via: if m.via == "email" {
                super::i18n::text("conversation-by-email")
            } else {
                String::new()
            },
        });
    }
    let awaiting = conversation.awaiting().filter(|_| staff);
    let today = web.app.today();
    ConversationView {
        action: format!("{base}/messages"),
        messages,
        staff,
        overdue: matches!(
            (awaiting.as_ref().and_then(|a| a.due), today),
            (Some(d), Some(t)) if d < t
        ),
        awaiting: awaiting.as_ref().map(|a| {
            let since = a.since.strftime("%Y-%m-%d %H:%M UTC");
            match a.due {
                Some(d) => format!(
                    "Awaiting our reply since {since}; reply due {}",
                    due(web, d)
                ),
                None => format!("Awaiting our reply since {since}"),
            }
        }),
        no_reply_action: awaiting.map(|_| format!("{base}/no-reply-needed")),
        error,
        draft,
        csrf: who.csrf_token.clone(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "conversation_page.html")]
struct ConversationPage {
    /// The console's navigation, for staff.
    nav: Option<Nav>,
    title: String,
    /// Back to the order's or the case's page.
    back: String,
    conversation: ConversationView,
}

/// The conversation on a page of its own, after a refused message: the refusal (in words) and
/// the draft.
async fn render_refused(
    web: &Web,
    who: &SignedIn,
    of: ThreadOf<'_>,
    error: String,
    draft: String,
) -> Result<Response, PageError> {
    let conversation = web.app.conversation(&who.actor, of).await?;
    let staff = super::is_staff(who);
    let title = match &conversation.case {
        Some(case) => case_name(case.kind, case.rma.as_deref()),
        None => super::i18n::text_with(
            "order-title",
            &[(
                "number",
                aftercare_core::i18n::Arg::Text(conversation.order.number.clone()),
            )],
        ),
    };
    let view = view_of(
        web,
        who,
        of,
        &conversation,
        Some(plain_words(&error)),
        draft,
    )
    .await;
    let page = ConversationPage {
        nav: staff.then(|| Nav::of(who)),
        title: super::i18n::text_with(
            "conversation-page-title",
            &[("title", aftercare_core::i18n::Arg::Text(title))],
        ),
        back: base(of, staff),
        conversation: view,
    };
    Ok(no_store(
        (axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response(),
    ))
}

/// Reads a message form (text, the "internal" box, files), sends the message and goes back to
/// the page it was written on; a refused file or message shows the conversation again.
async fn post(
    web: &Web,
    who: &SignedIn,
    of: ThreadOf<'_>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    via: Via,
) -> Result<Response, PageError> {
    let upload = read_upload_form(web, who, multipart, "files", AfterRefusal::Stop).await?;
    let fields = StepForm::checked(upload.fields, who)?;
    let body = fields.get("body");
    if let Some(refused) = upload.refused {
        // A file's name is shown as it was given.
        return render_refused(web, who, of, format!("the file {refused}"), body).await;
    }
    let internal = fields.get("internal") == "yes";
    match web
        .app
        .post_message(&who.actor, of, &body, internal, upload.files, via)
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "{}#conversation",
            base(of, super::is_staff(who))
        ))),
        Err(e @ (AppError::Invalid { .. } | AppError::Refused(_) | AppError::Conflict)) => {
            render_refused(
                web,
                who,
                of,
                plain_words(&e.words(crate::pages::i18n::lang())),
                body,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

type Upload = Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>;

/// `POST /orders/{number}/messages` (multipart): the customer writes on an order.
pub(crate) async fn customer_on_order(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(number): Path<String>,
    multipart: Upload,
) -> Result<Response, PageError> {
    post(&web, &who, ThreadOf::Order(&number), multipart, Via::Portal).await
}

/// `POST /cases/{id}/messages` (multipart): the customer writes on a case.
pub(crate) async fn customer_on_case(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(id): Path<String>,
    multipart: Upload,
) -> Result<Response, PageError> {
    post(&web, &who, ThreadOf::Case(&id), multipart, Via::Portal).await
}

/// `POST /staff/orders/{number}/messages` (multipart): staff answer on an order, or note.
pub(crate) async fn staff_on_order(
    State(web): State<Web>,
    Staff(who): Staff,
    Path(number): Path<String>,
    multipart: Upload,
) -> Result<Response, PageError> {
    post(
        &web,
        &who,
        ThreadOf::Order(&number),
        multipart,
        Via::Console,
    )
    .await
}

/// `POST /staff/cases/{id}/messages` (multipart): staff answer on a case, or note.
pub(crate) async fn staff_on_case(
    State(web): State<Web>,
    Staff(who): Staff,
    Path(id): Path<String>,
    multipart: Upload,
) -> Result<Response, PageError> {
    post(&web, &who, ThreadOf::Case(&id), multipart, Via::Console).await
}

async fn no_reply(
    web: &Web,
    who: &SignedIn,
    of: ThreadOf<'_>,
    form: StepForm,
) -> Result<Response, PageError> {
    match web
        .app
        .no_reply_needed(&who.actor, of, &form.get("reason"))
        .await
    {
        Ok(()) => Ok(see_other(&format!("{}#conversation", base(of, true)))),
        Err(e @ (AppError::Invalid { .. } | AppError::Refused(_) | AppError::Conflict)) => {
            render_refused(
                web,
                who,
                of,
                plain_words(&e.words(crate::pages::i18n::lang())),
                String::new(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/orders/{number}/no-reply-needed`: the order's conversation needs no answer.
pub(crate) async fn no_reply_on_order(
    State(web): State<Web>,
    Staff(who): Staff,
    Path(number): Path<String>,
    form: StepForm,
) -> Result<Response, PageError> {
    no_reply(&web, &who, ThreadOf::Order(&number), form).await
}

/// `POST /staff/cases/{id}/no-reply-needed`: the case's conversation needs no answer.
pub(crate) async fn no_reply_on_case(
    State(web): State<Web>,
    Staff(who): Staff,
    Path(id): Path<String>,
    form: StepForm,
) -> Result<Response, PageError> {
    no_reply(&web, &who, ThreadOf::Case(&id), form).await
}
