//! [`Element`] in the browser, over the document `DOMParser` makes of the
//! feed (`application/xml`): the app ships no XML parser. A document the
//! parser refuses comes back holding a `<parsererror>`, whose text (with the
//! line, in Chromium and Firefox) becomes the error.

use std::marker::PhantomData;

use web_sys::{DomParser, SupportedType};

use super::Element;

#[derive(Clone)]
pub struct DomElement<'a> {
    element: web_sys::Element,
    _document: PhantomData<&'a ()>,
}

fn wrap<'a>(element: web_sys::Element) -> DomElement<'a> {
    DomElement {
        element,
        _document: PhantomData,
    }
}

pub fn with_root<T>(text: &str, read: impl FnOnce(DomElement<'_>) -> T) -> Result<T, String> {
    let parser = DomParser::new().map_err(|_| "the browser has no DOMParser".to_string())?;
    // XHTML inside a feed (Atom xhtml content) becomes elements of the
    // parsed document, and under the page's CSP each `style` attribute on
    // them is a reported violation, though the document is inert: renamed
    // first, as the body pipeline renames them before its own parsing.
    let text = sinmun_style::style_attrs::defer_style_attributes(text);
    let document = parser
        .parse_from_string(&text, SupportedType::ApplicationXml)
        .map_err(|_| "the browser could not parse it as XML".to_string())?;
    let errors = document.get_elements_by_tag_name("parsererror");
    if let Some(error) = errors.item(0) {
        let detail = error.text_content().unwrap_or_default();
        // Chromium and WebKit wrap the parser's words in a page's worth of text.
        let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
        let detail = detail.replace("This page contains the following errors:", "");
        let detail = detail
            .split("Below is a rendering")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        return Err(if detail.is_empty() {
            "it is not well-formed XML".to_string()
        } else {
            detail
        });
    }
    let root = document
        .document_element()
        .ok_or_else(|| "it has no root element".to_string())?;
    Ok(read(wrap(root)))
}

impl Element for DomElement<'_> {
    fn local_name(&self) -> String {
        self.element.local_name()
    }

    fn namespace(&self) -> Option<String> {
        self.element.namespace_uri()
    }

    fn attribute(&self, name: &str) -> Option<String> {
        self.element.get_attribute_ns(None, name)
    }

    fn attribute_ns(&self, namespace: &str, name: &str) -> Option<String> {
        self.element.get_attribute_ns(Some(namespace), name)
    }

    fn children(&self) -> Vec<Self> {
        let list = self.element.children();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(wrap)
            .collect()
    }

    fn parent(&self) -> Option<Self> {
        self.element.parent_element().map(wrap)
    }

    fn text(&self) -> String {
        self.element.text_content().unwrap_or_default()
    }

    fn inner_markup(&self) -> String {
        // An XML document's innerHTML is its XML serialisation.
        self.element.inner_html()
    }
}
