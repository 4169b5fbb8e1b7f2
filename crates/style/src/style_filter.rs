//! The inline styles authors may keep: `color`, `background-color` and
//! `text-align`, each with a value checked against a strict grammar. Pure
//! string code, tested natively.

/// Parse a `style` attribute and return only the allowed declarations.
pub fn allowed_declarations(style: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for declaration in style.split(';') {
        let Some((name, value)) = declaration.split_once(':') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim();
        let value = value.strip_suffix("!important").unwrap_or(value).trim();
        let property = match name.as_str() {
            "color" => "color",
            "background-color" => "background-color",
            "text-align" => "text-align",
            _ => continue,
        };
        let ok = if property == "text-align" {
            matches!(
                value.to_ascii_lowercase().as_str(),
                "left" | "right" | "center" | "justify" | "start" | "end"
            )
        } else {
            is_safe_color(value)
        };
        if ok {
            out.push((property, value.to_ascii_lowercase()));
        }
    }
    out
}

/// `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()/rgba()/hsl()/hsla()` with
/// numbers only, or a plain colour keyword.
pub fn is_safe_color(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    for function in ["rgb(", "rgba(", "hsl(", "hsla("] {
        if let Some(args) = v.strip_prefix(function) {
            let Some(args) = args.strip_suffix(')') else {
                return false;
            };
            return !args.is_empty()
                && args.len() < 64
                && args
                    .chars()
                    .all(|c| c.is_ascii_digit() || " .,%/deg".contains(c));
        }
    }
    !v.is_empty() && v.len() <= 24 && v.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_author_colours() {
        assert_eq!(
            allowed_declarations("color: #ee2323;"),
            vec![("color", "#ee2323".to_string())]
        );
        assert_eq!(
            allowed_declarations("background-color:rgb(255, 0, 0); text-align: center"),
            vec![
                ("background-color", "rgb(255, 0, 0)".to_string()),
                ("text-align", "center".to_string())
            ]
        );
    }

    #[test]
    fn drops_everything_else() {
        assert!(allowed_declarations("position: fixed; top: 0").is_empty());
        assert!(allowed_declarations("color: expression(alert(1))").is_empty());
        assert!(allowed_declarations("background-color: url(javascript:alert(1))").is_empty());
        assert!(allowed_declarations("color: red; background-image: url(x)").len() == 1);
        assert!(allowed_declarations("text-align: left; x").len() == 1);
        assert!(!is_safe_color("#ee232"));
        assert!(!is_safe_color("#gg0000"));
        assert!(!is_safe_color("red;behavior:url(x)"));
    }
}
