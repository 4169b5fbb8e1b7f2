//! Mounts a rendered body: sanitised DOM nodes from the body pipeline, and the
//! table of contents when the article has enough headings.

use leptos::html::Div;
use leptos::prelude::*;
use sinmun_model::{Body, BodyFormat};

use super::toc::Toc;
use crate::body::{self, EnhanceOptions, TocEntry};
use crate::host::use_host;
use crate::labels::Labels;
use crate::router::use_router;

use sinmun_model::body_rules::{LONG_BODY_BLOCKS, LONG_BODY_CLASS, TOC_MIN_HEADINGS};

#[component]
pub fn BodyView(
    body: Body,
    base_path: String,
    labels: &'static Labels,
    /// Ids, anchors and a table of contents for the article body (not for banners).
    #[prop(optional)]
    headings: bool,
    #[prop(into)] class: String,
    /// The article's own page elsewhere (a feed item's link): the body ends
    /// with "read on the original site".
    #[prop(default = None)]
    original: Option<String>,
) -> impl IntoView {
    let toc = RwSignal::new(Vec::<TocEntry>::new());
    let warning = RwSignal::new(None::<&'static str>);
    let container = NodeRef::<Div>::new();
    let host = use_host();
    let router = use_router();
    let files = host.map(|h| h.files());
    let own_class = class.clone();
    container.on_load(move |element| {
        // Once per container (Leptos may reuse it for the next article).
        replace_broken_images(&element);
        let files = files.clone();
        // Leptos may reuse this element when the reader goes from one article
        // straight to another: drop the previous body, and let only the
        // latest render (a Markdown body may still be loading) fill it.
        element.set_text_content(None);
        let _ = element.class_list().remove_1(LONG_BODY_CLASS);
        let ticket = next_ticket();
        let _ = element.set_attribute(TICKET, &ticket);
        let prerendered = prerendered_page(host, &router);
        let own_class = own_class.clone();
        leptos::task::spawn_local(async move {
            // Timed for the article body only (not banners).
            if headings {
                mark(START_MARK);
            }
            let options = EnhanceOptions {
                base_path: &base_path,
                headings,
                original: original.as_deref().map(|url| (url, labels.original)),
            };
            let prerendered = prerendered.as_deref();
            let rendered = match &files {
                Some(files) => body::render(&body, &options, files, &own_class, prerendered).await,
                None => Err("this view belongs to no instance".to_string()),
            };
            if element.get_attribute(TICKET).as_deref() != Some(ticket.as_str()) {
                return;
            }
            match rendered {
                Ok(rendered) => {
                    toc.try_set(rendered.toc);
                    if let (Some(description), Some(host), true) =
                        (&rendered.description, host, headings)
                    {
                        host.described(description);
                    }
                    if rendered.fragment.child_element_count() >= LONG_BODY_BLOCKS {
                        let _ = element.class_list().add_1(LONG_BODY_CLASS);
                    }
                    let _ = element.append_child(&rendered.fragment);
                }
                Err(why) => {
                    web_sys::console::warn_1(&format!("sinmun: showing text only: {why}").into());
                    // A body kept in a page has no text here: say why instead.
                    let text = if body.format == BodyFormat::Page {
                        why
                    } else {
                        strip_tags(&body.source)
                    };
                    let _ = element.append_child(&body::text_fragment(&text));
                    warning.try_set(Some(labels.body_unavailable));
                }
            }
            // Says "this body is complete" (tests and tools wait for it).
            let _ = element.set_attribute(RENDERED, &ticket);
            // A prerendered page waits for its bodies before giving way.
            if let Some(host) = host {
                host.body_done();
            }
            // Lay the body out now, so the measure covers what a reader waits
            // for (the browser would do it before the next paint anyway).
            if headings {
                let _ = element.offset_height();
                measure(MEASURE, START_MARK);
            }
        });
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(host) = &host {
            super::hash_links::follow_hash_link(&ev, host, &router);
        }
    };
    let toc_view = move || {
        let entries = toc.get();
        (entries.len() >= TOC_MIN_HEADINGS).then(|| view! { <Toc entries=entries labels=labels/> })
    };
    view! {
        {toc_view}
        {move || warning.get().map(|w| view! { <p class="body-warning" role="note">{w}</p> })}
        <div class=class node_ref=container on:click=on_click></div>
    }
}

/// The host element, when it holds the prerendered page of the article in
/// view: its bodies are taken over, not rendered (`body/adopt.rs`).
fn prerendered_page(
    host: Option<crate::host::Host>,
    router: &crate::router::Router,
) -> Option<web_sys::HtmlElement> {
    let host = host?.element();
    let sinmun_model::Route::Article { slug } = untrack(|| router.route()) else {
        return None;
    };
    crate::prerendered::shows_article(&host, &slug).then_some(host)
}

/// The attribute that names the render a body container is waiting for, and
/// the one set to the same ticket once that render is in place.
pub const TICKET: &str = "data-sinmun-render";
pub const RENDERED: &str = "data-sinmun-rendered";

fn next_ticket() -> String {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    NEXT.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get().to_string()
    })
}

/// User Timing: `sinmun:body-render` spans an article body's whole render (Markdown,
/// sanitising, enhancing, inserting, layout); the benchmark (P7) and DevTools
/// read it.
const START_MARK: &str = "sinmun:body-render-start";
const MEASURE: &str = "sinmun:body-render";

fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

fn measure(name: &str, start: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark(name, start);
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// A broken image (hosts in old posts disappear) becomes its alt text,
    /// or nothing: one capture-phase `error` listener on the body's own
    /// container, which goes with it (`src/browser.js`).
    #[wasm_bindgen(js_name = replaceBrokenImages)]
    fn replace_broken_images(container: &web_sys::HtmlDivElement);
}

/// Text of an HTML string, for the text-only fallback (inserted as text nodes).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}
