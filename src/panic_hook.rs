//! A panic in WebAssembly kills the whole app. This hook logs the panic and
//! replaces the page with a plain error screen offering a reload, so the reader
//! is never left with a frozen or blank page. Built with text nodes only.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("sinmun crashed: {info}").into());
        show_error_screen();
    }));
}

fn show_error_screen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
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
        reload.forget();
        let _ = screen.append_child(&button);
    }
    let _ = body.append_child(&screen);
}
