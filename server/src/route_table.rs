//! A router that remembers what it routes: each route is added with its method and path once, so
//! the server and the authorization matrix test (which must have a row for every route) read the
//! same list.
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

/// Routes added so far, and the list of them.
pub struct RouteTable {
    /// The routes.
    pub router: Router<AppState>,
    /// Method and path of each.
    pub listed: Vec<(Method, &'static str)>,
}

impl RouteTable {
    /// No routes yet.
    pub fn new() -> RouteTable {
        RouteTable { router: Router::new(), listed: Vec::new() }
    }

    /// `GET path`.
    pub fn get<H: Handler<T, AppState>, T: 'static>(mut self, path: &'static str, handler: H) -> RouteTable {
        self.listed.push((Method::GET, path));
        self.router = self.router.route(path, get(handler));
        self
    }

    /// `POST path`.
    pub fn post<H: Handler<T, AppState>, T: 'static>(mut self, path: &'static str, handler: H) -> RouteTable {
        self.listed.push((Method::POST, path));
        self.router = self.router.route(path, post(handler));
        self
    }

    /// These routes and `other`'s, with their own layers kept apart.
    pub fn merge(mut self, other: RouteTable) -> RouteTable {
        self.listed.extend(other.listed);
        self.router = self.router.merge(other.router);
        self
    }

    /// Applies `f` to the routes (a layer for this group only).
    pub fn map(mut self, f: impl FnOnce(Router<AppState>) -> Router<AppState>) -> RouteTable {
        self.router = f(self.router);
        self
    }
}

impl Default for RouteTable {
    fn default() -> Self {
        RouteTable::new()
    }
}
