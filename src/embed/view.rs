//! What a widget shows that the page does not: its list cut at `limit` with
//! a link to the site, the back control of an article opened inline, and a
//! footer naming the site instead of the masthead.

use leptos::prelude::*;

use crate::config::{Site, Widget};
use crate::labels::Labels;
use crate::router::use_router;
use crate::routes;

/// The widget's page: its list or article, then the site's name as a link.
pub fn widget_page(main: impl IntoView + 'static, site: &Site) -> AnyView {
    let target = site.widget.as_ref().and_then(|w| w.site_target());
    let title = site.config.title.clone();
    let home = site.home.clone().unwrap_or_else(|| routes::href(""));
    view! {
        <div class=sinmun_model::classes::PAGE>{main}</div>
        <p class="widget-source">
            <a href=home rel="external" target=target>{title}</a>
        </p>
    }
    .into_any()
}

/// With a `limit`, keep that many `items` and return the link to the rest
/// (`more_href`, the same list on the site), shown instead of the pager.
pub fn limit_list<T>(
    widget: Option<&Widget>,
    items: &mut Vec<T>,
    more_href: &str,
    labels: &'static Labels,
) -> Option<AnyView> {
    let widget = widget?;
    let limit = widget.limit?;
    items.truncate(limit);
    let target = widget.site_target();
    Some(
        view! {
            <p class="widget-more">
                <a href=more_href.to_string() rel="external" target=target>{labels.more}</a>
            </p>
        }
        .into_any(),
    )
}

/// The way back to the list from an article a widget opened inline.
pub fn back_control(labels: &'static Labels) -> Option<AnyView> {
    let host = crate::host::use_host()?;
    if host.mode() != crate::host::Mode::Embedded {
        return None;
    }
    let router = use_router();
    let back = move |_| {
        host.keep_focus();
        router.back();
    };
    Some(
        view! {
            <button type="button" class="widget-back" on:click=back>
                {labels.back}
            </button>
        }
        .into_any(),
    )
}
