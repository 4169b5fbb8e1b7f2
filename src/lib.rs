//! sinmun: a static news reader. The app mounts into any element, takes its
//! data source from `config.json`, and keeps data loading (`source`) apart
//! from the views (`views`, `components`) and the body pipeline (`body`).

pub mod body;
pub mod components;
pub mod config;
pub mod dom;
pub mod hooks;
pub mod labels;
pub mod panic_hook;
pub mod prerendered;
pub mod router;
pub mod routes;
pub mod scroll;
pub mod source;
pub mod views;

use leptos::prelude::*;

use components::site_header::SiteHeader;
use components::status::{ErrorPanel, Loading};
use config::{load_site, MountOptions, Site};
use hooks::keyed_load;
use router::{use_router, RouteKind, Router};
use views::article::ArticleView;
use views::list::ListView;
use views::not_found::NotFound;

/// Start the app in the page's host element (`#sinmun`, else `<body>`).
pub fn start() {
    panic_hook::install();
    if let Some(host) = config::find_host() {
        let options = MountOptions::from_host(&host);
        mount(host, options);
    }
}

/// Mount an instance into `host`. Several hosts on one page are possible later
/// (the `<sinmun-feed>` widget); this is the one entry point they will share.
pub fn mount(host: web_sys::HtmlElement, options: MountOptions) {
    scroll::install();
    let _ = host.class_list().add_1("sinmun");
    let target = prerendered::mount_target(&host);
    let link_host = host.clone();
    leptos::mount::mount_to(target, move || {
        let router = Router::new(&options.base_path);
        router.intercept_links(&link_host);
        provide_context(router);
        view! { <App options=options/> }
    })
    .forget();
}

#[component]
pub fn App(options: MountOptions) -> impl IntoView {
    provide_context(routes::BasePath(options.base_path.clone()));
    // The site (config.json and the manifest) loads once; retry loads it again.
    let attempt = Memo::new(|_| ());
    let (retry, site) = keyed_load(attempt, move |()| {
        let options = options.clone();
        async move { load_site(&options).await }
    });
    move || match site() {
        None => view! {
            <main class="page"><Loading labels=labels::labels("ko")/></main>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <main class="page">
                <ErrorPanel
                    labels=labels::labels("ko")
                    message=error.to_string()
                    on_retry=Callback::new(move |_| retry.retry())
                />
            </main>
        }
        .into_any(),
        Some(Ok(site)) => view! { <SiteRoutes site=site/> }.into_any(),
    }
}

#[component]
fn SiteRoutes(site: Site) -> impl IntoView {
    let router = use_router();
    // Stop recording scroll positions as soon as the URL changes.
    Effect::new(move |_| {
        router.site_path();
        scroll::leaving();
    });
    let kind = Memo::new(move |_| router.route().kind());
    provide_context(config::Categories(site.categories.clone()));
    let categories = site.categories.to_vec();
    let views = site.clone();
    view! {
        <SiteHeader site=site.clone() categories=categories/>
        <main class="page" id="sinmun-main">
            {move || match kind.get() {
                RouteKind::List => view! { <ListView site=views.clone()/> }.into_any(),
                RouteKind::Article => view! { <ArticleView site=views.clone()/> }.into_any(),
                RouteKind::Unknown => view! { <NotFound site=views.clone()/> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <p>{site.config.title.clone()}" · "<a href=routes::href("feed.json") rel="external">"JSON Feed"</a>" · "<a href=routes::href("atom.xml") rel="external">"Atom"</a></p>
        </footer>
    }
}
