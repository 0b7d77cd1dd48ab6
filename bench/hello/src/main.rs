//! The hello-world page of Leptos's axum starter, served the same way the portal serves its pages
//! (server-rendered through `leptos_axum`, with the hydration scripts): `./x bench` measures it
//! beside the portal in the same run, so the portal's pages are compared with what Leptos itself
//! costs on this machine. `hello-leptos 127.0.0.1:3300`
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use leptos_router::components::{Route, Router as Routes, Routes as RouteList};
use leptos_router::path;

fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href="/pkg/hello.css"/>
                <HydrationScripts options/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Routes>
            <main>
                <RouteList fallback=|| "Page not found.">
                    <Route path=path!("") view=HomePage/>
                </RouteList>
            </main>
        </Routes>
    }
}

#[component]
fn HomePage() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <h1>"Welcome to Leptos!"</h1>
        <button on:click=move |_| *count.write() += 1>"Click Me: " {count}</button>
    }
}

#[tokio::main]
async fn main() {
    let addr: std::net::SocketAddr = std::env::args().nth(1).as_deref().unwrap_or("127.0.0.1:3300").parse().expect("an address such as 127.0.0.1:3300");
    let options = LeptosOptions::builder().output_name("hello").site_addr(addr).build();
    let routes = generate_route_list(App);
    let app = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .with_state(options);
    let listener = tokio::net::TcpListener::bind(addr).await.expect("the address is free");
    axum::serve(listener, app).await.expect("serving");
}
