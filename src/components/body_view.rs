//! Mounts a rendered body: sanitised DOM nodes from the body pipeline, and the
//! table of contents when the article has enough headings.

use leptos::html::Div;
use leptos::prelude::*;
use sinmun_model::Body;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::toc::Toc;
use crate::body::{self, EnhanceOptions};
use crate::labels::Labels;

/// A table of contents appears from this many h2/h3 headings on.
const TOC_MIN_HEADINGS: usize = 3;

#[component]
pub fn BodyView(
    body: Body,
    base_path: String,
    labels: &'static Labels,
    /// Ids, anchors and a table of contents for the article body (not for banners).
    #[prop(optional)]
    headings: bool,
    #[prop(into)] class: String,
) -> impl IntoView {
    let options = EnhanceOptions {
        base_path: &base_path,
        headings,
    };
    let (fragment, toc, warning) = match body::render(&body, &options) {
        Ok(rendered) => (Some(rendered.fragment), rendered.toc, None),
        Err(why) => {
            web_sys::console::warn_1(&format!("sinmun: showing text only: {why}").into());
            let text = strip_tags(&body.source);
            (
                body::text_fragment(&text).ok(),
                Vec::new(),
                Some(labels.body_unavailable),
            )
        }
    };
    let container = NodeRef::<Div>::new();
    container.on_load(move |element| {
        // Leptos may reuse this element when the reader goes from one article
        // straight to another: drop the previous body first.
        element.set_text_content(None);
        if let Some(fragment) = fragment {
            let _ = element.append_child(&fragment);
        }
        replace_broken_images(&element);
    });
    let on_click = |ev: web_sys::MouseEvent| {
        super::hash_links::follow_hash_link(&ev);
    };
    let toc = (toc.len() >= TOC_MIN_HEADINGS).then(|| view! { <Toc entries=toc labels=labels/> });
    view! {
        {toc}
        {warning.map(|w| view! { <p class="body-warning" role="note">{w}</p> })}
        <div class=class node_ref=container on:click=on_click></div>
    }
}

/// A broken image (hosts in old posts disappear) becomes its alt text, or nothing.
fn replace_broken_images(container: &web_sys::HtmlDivElement) {
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        let Some(image) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlImageElement>().ok())
        else {
            return;
        };
        let alt = image.alt();
        let document = image.owner_document();
        match (alt.trim().is_empty(), document) {
            (false, Some(document)) => {
                if let Ok(note) = document.create_element("span") {
                    note.set_class_name("image-missing");
                    note.set_text_content(Some(&alt));
                    let _ = image.replace_with_with_node_1(&note);
                }
            }
            _ => image.remove(),
        }
    });
    // `error` does not bubble, so listen in the capture phase.
    let _ = container.add_event_listener_with_callback_and_bool(
        "error",
        on_error.as_ref().unchecked_ref(),
        true,
    );
    // Owned by the element's listener from here on.
    on_error.forget();
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
