//! The page instance's title and `<meta name="description">`.

/// `document.title` and the meta description for the current view (kept
/// as it is when `None`: the view's body brings it, see [`describe`]).
pub fn set(title: &str, description: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    document.set_title(title);
    if let Some(description) = description {
        describe(description);
    }
}

/// The page's `<meta name="description">`.
pub fn describe(description: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let meta = match document
        .query_selector("meta[name=description]")
        .ok()
        .flatten()
    {
        Some(meta) => Some(meta),
        None => document.create_element("meta").ok().inspect(|meta| {
            let _ = meta.set_attribute("name", "description");
            if let Some(head) = document.head() {
                let _ = head.append_child(meta);
            }
        }),
    };
    if let Some(meta) = meta {
        let _ = meta.set_attribute("content", description);
    }
}
