//! The Tistory editor marks every paragraph and heading with its size preset
//! (`<p data-ke-size="size16">`). A preset that is the element's default
//! (`sinmun_model::body_rules::TISTORY_DEFAULT_SIZES`) changes nothing the
//! theme does not already do (style/body.css gives it no size of its own),
//! so the prerendered page leaves it out; other presets stay.

use kuchikiki::NodeRef;
use sinmun_model::body_rules::TISTORY_DEFAULT_SIZES;

const SIZE: &str = "data-ke-size";

/// Drop each default `data-ke-size` under `root`.
pub fn drop_default_sizes(root: &NodeRef) {
    let Ok(sized) = root.select("[data-ke-size]") else {
        return;
    };
    for element in sized {
        let name = element.name.local.to_string();
        let mut attributes = element.attributes.borrow_mut();
        let is_default = attributes.get(SIZE).is_some_and(|size| {
            TISTORY_DEFAULT_SIZES
                .iter()
                .any(|(tag, preset)| *tag == name && size.trim_end_matches(';') == *preset)
        });
        if is_default {
            attributes.remove(SIZE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kuchikiki::traits::TendrilSink;

    fn dropped(html: &str) -> String {
        let root = kuchikiki::parse_html().one(html).document_node;
        drop_default_sizes(&root);
        let body = root.select_first("body").map(|b| b.as_node().clone());
        let mut out = Vec::new();
        for child in body.iter().flat_map(|b| b.children()) {
            let _ = child.serialize(&mut out);
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn only_an_elements_own_default_goes() {
        assert_eq!(
            dropped(
                r#"<p data-ke-size="size16">a</p><h2 data-ke-size="size26">b</h2><p data-ke-size="size16;">c</p>"#
            ),
            "<p>a</p><h2>b</h2><p>c</p>"
        );
        let kept = r#"<p data-ke-size="size18">a</p><h2 data-ke-size="size23">b</h2><hr data-ke-size="size16">"#;
        assert_eq!(dropped(kept), kept);
    }
}
