//! The article's banner: `feature_text` (Markdown) over `feature_image`.

use leptos::prelude::*;
use sinmun_model::Body;

use super::body_view::BodyView;
use crate::labels::Labels;

#[component]
pub fn Banner(
    text: Option<Body>,
    image: Option<String>,
    base_path: String,
    labels: &'static Labels,
) -> impl IntoView {
    let has_image = image.is_some();
    view! {
        <header class="banner" class:banner-with-image=has_image>
            // An <img>, not a CSS background: a strict CSP blocks inline styles.
            {image.map(|src| view! { <img class="banner-image" src=crate::routes::asset(&src) alt=""/> })}
            {text.map(|text| view! {
                <BodyView body=text base_path=base_path labels=labels class=sinmun_model::classes::BANNER_TEXT/>
            })}
        </header>
    }
}
