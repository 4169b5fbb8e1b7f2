//! sinmun: a static news reader. Each app instance mounts into a host element
//! (the page's own, or a widget's shadow root: `host`, `instance`), takes its
//! data source from `config.json`, and keeps data loading (`source`) apart
//! from the views (`views`, `components`) and the body pipeline (`body`).

pub mod body;
pub mod components;
pub mod config;
#[cfg(feature = "embed")]
pub mod embed;
#[cfg(not(feature = "feeds"))]
mod handover;
pub mod hooks;
pub mod host;
pub mod instance;
pub mod labels;
pub mod prerendered;
pub mod router;
pub mod routes;
pub mod source;
pub mod views;

use std::cell::RefCell;

use leptos::prelude::*;

use components::site_header::SiteHeader;
use components::status::load_state;
use config::{load_site, MountOptions, Site};
use hooks::keyed_load;
use router::use_router;
use sinmun_model::{classes, RouteKind};
use views::article::ArticleView;
use views::list::ListView;
use views::not_found::NotFound;

thread_local! {
    /// The page instance lives as long as the page.
    static PAGE: RefCell<Option<instance::Instance>> = const { RefCell::new(None) };
}

/// Start the page instance in the page's host element (`#sinmun`), if any.
pub fn start() {
    host::crash::install();
    if let Some(element) = config::find_host() {
        let options = MountOptions::from_host(&element);
        let page = instance::mount(element, options);
        PAGE.with(|slot| *slot.borrow_mut() = page);
    }
}

/// Unmount the page instance (handing the page to the widget build).
pub fn unmount_page() {
    let page = PAGE.with(|slot| slot.borrow_mut().take());
    drop(page);
}

#[component]
pub fn App(options: MountOptions) -> impl IntoView {
    provide_context(routes::BasePath(options.link_base()));
    #[cfg(feature = "embed")]
    if options
        .widget
        .as_ref()
        .is_some_and(|w| w.open != config::Open::Inline)
    {
        provide_context(routes::OutsideLinks);
    }
    // The site (config.json and the manifest) loads once; retry loads it again.
    let attempt = Memo::new(|_| ());
    let (retry, site) = keyed_load(attempt, move |()| {
        let options = options.clone();
        async move { load_site(&options).await }
    });
    let labels = labels::labels("ko");
    let on_retry = Callback::new(move |_| retry.retry());
    move || {
        let state = load_state(site(), labels, on_retry, None, |site| {
            view! { <SiteRoutes site=site/> }.into_any()
        });
        // Loading and errors fill the page's main area.
        match site() {
            Some(Ok(_)) => state,
            _ => page_area(state),
        }
    }
}

/// The page's main area; a widget's is not the host page's `<main>`.
fn page_area(content: AnyView) -> AnyView {
    #[cfg(feature = "embed")]
    if host::use_host().is_some_and(|h| h.mode() == host::Mode::Embedded) {
        return view! { <div class=classes::PAGE>{content}</div> }.into_any();
    }
    view! { <main class=classes::PAGE>{content}</main> }.into_any()
}

#[component]
fn SiteRoutes(site: Site) -> impl IntoView {
    let router = use_router();
    let host = host::use_host();
    // Stop recording scroll positions as soon as the URL changes.
    Effect::new(move |_| {
        router.site_path();
        if let Some(host) = host {
            host.leaving();
        }
    });
    let kind = Memo::new(move |_| router.route().kind());
    provide_context(config::Categories(site.categories.clone()));
    let views = site.clone();
    let current = move || match kind.get() {
        RouteKind::List => view! { <ListView site=views.clone()/> }.into_any(),
        RouteKind::Article => view! { <ArticleView site=views.clone()/> }.into_any(),
        RouteKind::Search => views::search::search_view(&views).into_any(),
        RouteKind::Unknown => view! { <NotFound site=views.clone()/> }.into_any(),
    };
    // A widget is its list or article and a link to the site: no masthead.
    #[cfg(feature = "embed")]
    if site.widget.is_some() {
        return embed::view::widget_page(current, &site);
    }
    let main = view! { <main class=classes::PAGE id="sinmun-main">{current}</main> };
    let categories = site.categories.to_vec();
    view! {
        <SiteHeader site=site.clone() categories=categories/>
        {main}
        <footer class="site-footer">
            <p>{site.config.title.clone()}" · "<a href=routes::href("feed.json") rel="external">"JSON Feed"</a>" · "<a href=routes::href("atom.xml") rel="external">"Atom"</a></p>
        </footer>
    }
    .into_any()
}
