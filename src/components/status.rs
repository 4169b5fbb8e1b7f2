//! Loading and error states: a view is never blank.

use leptos::prelude::*;

use crate::labels::Labels;
use crate::source::LoadError;

#[component]
pub fn Loading(labels: &'static Labels) -> impl IntoView {
    view! {
        <div class="status status-loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {labels.loading}
        </div>
    }
}

/// An error with what failed and a retry button. On a prerendered page the
/// page stays (it is whole without the app's data) and the error shows
/// above its content; elsewhere the app shows it.
#[component]
pub fn ErrorPanel(
    labels: &'static Labels,
    message: String,
    on_retry: Callback<()>,
) -> impl IntoView {
    if let Some(host) = crate::host::use_host() {
        // Once the panel is in the (hidden) view.
        request_animation_frame(move || {
            if !crate::prerendered::show_error(&host.element()) {
                host.reveal();
            }
        });
    }
    view! {
        <section class="status status-error" role="alert">
            <h1>{labels.error_title}</h1>
            <p class="error-detail">{message}</p>
            <button type="button" class="retry" on:click=move |_| on_retry.run(())>
                {labels.retry}
            </button>
        </section>
    }
}

/// What a view shows for the state of its load, written once for every view:
/// loading, not found (`not_found`, or the error panel when the view has no
/// "not found" of its own), another error with a retry button, or the data.
pub fn load_state<T>(
    state: Option<Result<T, LoadError>>,
    labels: &'static Labels,
    on_retry: Callback<()>,
    not_found: Option<&dyn Fn() -> AnyView>,
    loaded: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match state {
        None => view! { <Loading labels=labels/> }.into_any(),
        Some(Err(error)) if error.is_not_found() && not_found.is_some() => not_found
            .map(|show| show())
            .unwrap_or_else(|| ().into_any()),
        Some(Err(error)) => view! {
            <ErrorPanel labels=labels message=error.to_string() on_retry=on_retry/>
        }
        .into_any(),
        Some(Ok(data)) => loaded(data),
    }
}
