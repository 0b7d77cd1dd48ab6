//! A page of a back-office queue.
use domain::office::{QueueFilter, QueuePage};
use leptos::prelude::*;

use crate::error::PortalError;

/// A page of the logged-in clerk's or head's queue narrowed by `filter`, after `after` (a
/// cursor from the previous page's "next" link; anything malformed starts from the top).
#[server(endpoint = "office/queue")]
pub async fn get_office_queue(filter: QueueFilter, after: Option<String>) -> Result<QueuePage, PortalError> {
    use backend::office::queue::queue;
    use domain::access::Area;
    use domain::office::Cursor;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Office)?;
    let state = state()?;
    let cursor = after.as_deref().and_then(Cursor::from_param);
    queue(&state, &me, &filter, cursor.as_ref(), request_lang()).await.map_err(unavailable)
}
