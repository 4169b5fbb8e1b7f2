//! Mounting an app instance into a host element, and unmounting it.
//!
//! `mount` builds the instance's host (page or embedded, see `host/`), its
//! router and its view, and returns an [`Instance`]: dropping it unmounts the
//! view and disposes of the instance's reactive owner, which removes every
//! listener the instance registered and cancels its loads (whose requests
//! abort and whose timers are cleared).

use std::any::Any;
use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::config::MountOptions;
use crate::host::{crash, Host, Mode};
use crate::router::Router;
use crate::App;

/// A mounted instance; dropping it unmounts it.
pub struct Instance {
    id: u32,
    _view: Box<dyn Any>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        crash::forget(self.id);
    }
}

fn next_id() -> u32 {
    thread_local! {
        static NEXT: Cell<u32> = const { Cell::new(0) };
    }
    NEXT.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    })
}

/// Mount an instance into `element` (see [`MountOptions`] for the modes).
/// `None` when the browser refuses what the mode needs (a shadow root).
pub fn mount(element: HtmlElement, options: MountOptions) -> Option<Instance> {
    let id = next_id();
    let (target, make_host): (HtmlElement, Box<dyn FnOnce() -> Host>) = match options.mode {
        Mode::Page => {
            let _ = element.class_list().add_1("sinmun");
            let target = crate::prerendered::mount_target(&element);
            let files = options.files.clone();
            let host_element = element.clone();
            (target, Box::new(move || Host::page(host_element, files)))
        }
        Mode::Embedded => {
            let shadow = shadow_root(&element)?;
            let target = embedded_target(&shadow, &options.styles)?;
            let mut files = options.files.clone();
            files.style_root = Some(shadow.clone().into());
            let start = options
                .widget
                .as_ref()
                .map(|w| w.start.clone())
                .unwrap_or_else(|| options.base_path.clone());
            let host_element = element.clone();
            (
                target,
                Box::new(move || Host::embedded(host_element, shadow, files, &start)),
            )
        }
    };
    // The crash screen goes where it shows: a prerendered page's app target
    // is still hidden, so the page instance's goes into its host element.
    let crash_container = match options.mode {
        Mode::Page => element.clone().into(),
        Mode::Embedded => target.clone().into(),
    };
    crash::register(id, crash_container);
    let base_path = options.base_path.clone();
    let origin = link_origin(&options);
    let open = options.widget.as_ref().map(|w| w.open);
    #[cfg(feature = "embed")]
    let decorated = (
        target.clone(),
        options.widget.as_ref().and_then(|w| w.article_target()),
    );
    let handle = leptos::mount::mount_to(target, move || {
        let host = make_host();
        provide_context(host);
        #[cfg(feature = "embed")]
        if host.mode() == Mode::Embedded {
            crate::embed::decorate::install(&decorated.0, decorated.1);
        }
        let router = Router::new(&host, &base_path, &origin, open);
        router.intercept_links(&host);
        provide_context(router);
        view! { <App options=options/> }
    });
    Some(Instance {
        id,
        _view: Box::new(handle),
    })
}

/// The origin of the links an instance follows: its widget's site, or the page.
fn link_origin(options: &MountOptions) -> String {
    let url = match &options.widget {
        Some(widget) => widget.site_url.clone(),
        None => crate::config::document_base(),
    };
    web_sys::Url::new(&url)
        .map(|u| u.origin())
        .unwrap_or_default()
}

/// The element's shadow root, made (open) when it has none.
fn shadow_root(element: &HtmlElement) -> Option<ShadowRoot> {
    element.shadow_root().or_else(|| {
        element
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()
    })
}

/// Empty `shadow`, link `styles` into it and add the element the app mounts
/// into: `.sinmun` (the class every app style is scoped to).
fn embedded_target(shadow: &ShadowRoot, styles: &[String]) -> Option<HtmlElement> {
    let document = shadow.host().owner_document()?;
    shadow.set_text_content(None);
    for href in styles {
        let link = document.create_element("link").ok()?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", href);
        let _ = shadow.append_child(&link);
    }
    let target = document
        .create_element("div")
        .ok()?
        .dyn_into::<HtmlElement>()
        .ok()?;
    target.set_class_name("sinmun sinmun-embedded");
    let _ = shadow.append_child(&target);
    Some(target)
}
