//! The account page of the logged-in person.
use domain::views::AccountPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// The logged-in person's federal profile, roles and sessions.
#[server(endpoint = "account/page")]
pub async fn get_account() -> Result<AccountPage, PortalError> {
    use backend::identity::account::account_page;
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    let page = account_page(&state.db, me.person_id, request_lang(), state.sessions, backend::clock::now_ms()).await.map_err(unavailable)?;
    let page = page.ok_or(PortalError::LoginRequired)?;
    Ok(AccountPage { account_url: state.identity.account_url().map(str::to_owned), ..page })
}
