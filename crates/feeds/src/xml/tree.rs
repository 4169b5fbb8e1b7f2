//! [`Element`] natively, over roxmltree (the converter reads feed files at
//! build time, and the readers' tests run here).

use super::Element;

#[derive(Clone, Copy)]
pub struct TreeElement<'a>(roxmltree::Node<'a, 'a>);

pub fn with_root<T>(text: &str, read: impl FnOnce(TreeElement<'_>) -> T) -> Result<T, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        let text = e.to_string();
        let message = text.strip_suffix(&format!(" at {pos}")).unwrap_or(&text);
        format!("{message} at line {}, column {}", pos.row, pos.col)
    })?;
    Ok(read(TreeElement(document.root_element())))
}

impl Element for TreeElement<'_> {
    fn local_name(&self) -> String {
        self.0.tag_name().name().to_string()
    }

    fn namespace(&self) -> Option<String> {
        self.0.tag_name().namespace().map(str::to_string)
    }

    fn attribute(&self, name: &str) -> Option<String> {
        self.0
            .attributes()
            .find(|a| a.name() == name && a.namespace().is_none())
            .map(|a| a.value().to_string())
    }

    fn attribute_ns(&self, namespace: &str, name: &str) -> Option<String> {
        self.0.attribute((namespace, name)).map(str::to_string)
    }

    fn children(&self) -> Vec<Self> {
        self.0
            .children()
            .filter(|n| n.is_element())
            .map(TreeElement)
            .collect()
    }

    fn parent(&self) -> Option<Self> {
        self.0.parent_element().map(TreeElement)
    }

    fn text(&self) -> String {
        self.0
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect()
    }

    fn inner_markup(&self) -> String {
        let mut out = String::new();
        for child in self.0.children() {
            write_node(child, &mut out);
        }
        out
    }
}

/// Writes a node as markup: enough for XHTML content (elements, attributes,
/// text); comments and processing instructions are left out.
fn write_node(node: roxmltree::Node, out: &mut String) {
    if node.is_text() {
        out.push_str(&escape(node.text().unwrap_or(""), false));
        return;
    }
    if !node.is_element() {
        return;
    }
    let name = node.tag_name().name();
    out.push('<');
    out.push_str(name);
    for attribute in node.attributes().filter(|a| a.namespace().is_none()) {
        out.push(' ');
        out.push_str(attribute.name());
        out.push_str("=\"");
        out.push_str(&escape(attribute.value(), true));
        out.push('"');
    }
    out.push('>');
    if VOID.contains(&name) {
        return;
    }
    for child in node.children() {
        write_node(child, out);
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// HTML's void elements: written without an end tag (`<br></br>` would be two breaks).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}
