//! A panic in WebAssembly kills the whole app, every instance on the page.
//! The hook logs the panic and puts a plain error screen with a reload button
//! into each live instance (the page instance's screen covers the window; an
//! embedded one's stays inside its box), so no reader is left with a frozen or
//! blank view. Built with text nodes only.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    /// The containers of the live instances, by instance number.
    static LIVE: RefCell<Vec<(u32, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("sinmun crashed: {info}").into());
        let containers: Vec<web_sys::Element> = LIVE
            .try_with(|live| {
                live.try_borrow()
                    .map(|l| l.iter().map(|(_, c)| c.clone()).collect())
            })
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        for container in containers {
            show_error_screen(&container);
        }
    }));
}

/// An instance is live in `container` until [`forget`] is called with `id`.
pub fn register(id: u32, container: web_sys::Element) {
    LIVE.with(|live| live.borrow_mut().push((id, container)));
}

pub fn forget(id: u32) {
    LIVE.with(|live| live.borrow_mut().retain(|(other, _)| *other != id));
}

fn show_error_screen(container: &web_sys::Element) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let Ok(screen) = document.create_element("div") else {
        return;
    };
    screen.set_class_name("sinmun-crash");
    let _ = screen.set_attribute("role", "alert");
    if let Ok(heading) = document.create_element("h1") {
        heading.set_text_content(Some("Something went wrong · 오류가 발생했습니다"));
        let _ = screen.append_child(&heading);
    }
    if let Ok(text) = document.create_element("p") {
        text.set_text_content(Some(
            "The reader stopped unexpectedly. Reloading usually fixes it. · 새로고침하면 대부분 해결됩니다.",
        ));
        let _ = screen.append_child(&text);
    }
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("Reload · 새로고침"));
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        // The app is dead: nothing will ever remove this listener, and the
        // page reloads when it runs.
        reload.forget();
        let _ = screen.append_child(&button);
    }
    let _ = container.append_child(&screen);
}
