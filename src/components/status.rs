//! Loading and error states: a view is never blank.

use leptos::prelude::*;

use crate::labels::Labels;

#[component]
pub fn Loading(labels: &'static Labels) -> impl IntoView {
    view! {
        <div class="status status-loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {labels.loading}
        </div>
    }
}

/// An error with what failed and a retry button.
#[component]
pub fn ErrorPanel(
    labels: &'static Labels,
    message: String,
    on_retry: Callback<()>,
) -> impl IntoView {
    // An error is an answer too: a prerendered page gives way to it.
    crate::prerendered::reveal();
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
