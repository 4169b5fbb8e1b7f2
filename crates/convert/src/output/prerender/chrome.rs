//! What every prerendered page has around its view, as the app draws it
//! (`src/lib.rs`, `src/components/site_header.rs`): the masthead with the
//! main categories, the main area, the footer. All text is escaped here.

use sinmun_model::classes::*;
use sinmun_model::labels::labels;
use sinmun_model::{CategoryInfo, Route, SiteConfig};

use crate::output::xml::xml_escape;

/// How many categories the masthead shows (as `NAV_CATEGORIES` in the app).
const NAV_CATEGORIES: usize = 8;

/// The site-wide parts of a page, written once per run.
pub struct Chrome {
    masthead: String,
    footer: String,
    base_path: String,
}

impl Chrome {
    pub fn new(config: &SiteConfig, categories: &[CategoryInfo]) -> Chrome {
        let base = &config.base_path;
        let title = xml_escape(&config.title);
        let nav: String = categories
            .iter()
            .take(NAV_CATEGORIES)
            .map(|c| {
                format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    xml_escape(&route_href(base, &Route::list(1, Some(&c.slug)))),
                    xml_escape(&c.name)
                )
            })
            .collect();
        let nav = if nav.is_empty() {
            String::new()
        } else {
            format!(
                "<nav class=\"category-nav\" aria-label=\"{}\"><ul>{nav}</ul></nav>",
                labels(&config.lang).categories
            )
        };
        let home = xml_escape(base);
        let search = search_form(base, labels(&config.lang).search);
        Chrome {
            masthead: format!(
                "<header class=\"{MASTHEAD}\"><div class=\"{MASTHEAD_INNER}\"><a href=\"{home}\" class=\"{SITE_TITLE}\">{title}</a>{nav}{search}</div></header>"
            ),
            footer: format!(
                "<footer class=\"site-footer\"><p>{title} · <a href=\"{home}feed.json\" rel=\"external\">JSON Feed</a> · <a href=\"{home}atom.xml\" rel=\"external\">Atom</a></p></footer>"
            ),
            base_path: base.clone(),
        }
    }

    /// The shell of a page around `view` (the markup of its main area).
    pub fn page(&self, view: &str) -> String {
        format!(
            "<div class=\"{PRERENDERED_SHELL}\">{}<main class=\"{PAGE}\" id=\"sinmun-main\">{view}</main>{}</div>",
            self.masthead, self.footer
        )
    }

    /// A link to `route` on this site, escaped for an attribute.
    pub fn href(&self, route: &Route) -> String {
        xml_escape(&route_href(&self.base_path, route))
    }
}

/// The masthead's search box, as the app draws it: a plain form, which
/// works before the app starts.
fn search_form(base: &str, label: &str) -> String {
    let action = xml_escape(&route_href(base, &Route::search("", None)));
    format!(
        "<div class=\"site-search\"><form role=\"search\" action=\"{action}\"><input type=\"search\" name=\"q\" aria-label=\"{label}\" placeholder=\"{label}\" autocomplete=\"off\"></form></div>"
    )
}

/// `base` + the route's path, as `routes::route_href` writes it in the app.
pub fn route_href(base: &str, route: &Route) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        route
            .site_path()
            .unwrap_or_default()
            .trim_start_matches('/')
    )
}
