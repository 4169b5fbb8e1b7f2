//! sinmun: a static news reader. The app mounts into any element, takes its
//! data source from `config.json`, and keeps data loading (`source`) apart
//! from the views (`views`, `components`) and the body pipeline (`body`).

pub mod body;
pub mod components;
pub mod config;
pub mod dom;
pub mod labels;
pub mod panic_hook;
pub mod routes;
pub mod scroll;
pub mod source;
pub mod views;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use components::site_header::SiteHeader;
use components::status::{ErrorPanel, Loading};
use config::{load_site, MountOptions, Site};
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
    // Replace the static "Loading…" placeholder of index.html.
    host.set_text_content(None);
    leptos::mount::mount_to(host, move || view! { <App options=options/> }).forget();
}

#[component]
pub fn App(options: MountOptions) -> impl IntoView {
    let router_base = options.base_path.trim_end_matches('/').to_string();
    provide_context(routes::BasePath(options.base_path.clone()));
    let site = LocalResource::new({
        let options = options.clone();
        move || {
            let options = options.clone();
            async move { load_site(&options).await }
        }
    });
    view! {
        <Router base=router_base>
            {move || match site.get() {
                None => view! {
                    <main class="page"><Loading labels=labels::labels("ko")/></main>
                }.into_any(),
                Some(Err(error)) => view! {
                    <main class="page">
                        <ErrorPanel
                            labels=labels::labels("ko")
                            message=error.to_string()
                            on_retry=Callback::new(move |_| site.refetch())
                        />
                    </main>
                }.into_any(),
                Some(Ok(site)) => view! { <SiteRoutes site=site/> }.into_any(),
            }}
        </Router>
    }
}

#[component]
fn SiteRoutes(site: Site) -> impl IntoView {
    // Stop recording scroll positions as soon as the URL changes.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        scroll::leaving();
    });
    let categories = site.categories.to_vec();
    let (list, category, category_page, page, article, missing) = (
        site.clone(),
        site.clone(),
        site.clone(),
        site.clone(),
        site.clone(),
        site.clone(),
    );
    view! {
        <SiteHeader site=site.clone() categories=categories/>
        <main class="page" id="sinmun-main">
            <Routes fallback=move || view! { <NotFound site=missing.clone()/> }>
                <Route path=path!("/") view=move || view! { <ListView site=list.clone()/> }/>
                <Route path=path!("/page/:page") view=move || view! { <ListView site=page.clone()/> }/>
                <Route path=path!("/category/:category") view=move || view! { <ListView site=category.clone()/> }/>
                <Route path=path!("/category/:category/page/:page") view=move || view! { <ListView site=category_page.clone()/> }/>
                <Route path=path!("/posts/:slug") view=move || view! { <ArticleView site=article.clone()/> }/>
            </Routes>
        </main>
        <footer class="site-footer">
            <p>{site.config.title.clone()}" · "<a href=routes::href("feed.json") rel="external">"JSON Feed"</a>" · "<a href=routes::href("atom.xml") rel="external">"Atom"</a></p>
        </footer>
    }
}
