//! Jekyll's filters over lists of objects that Liquid's standard library
//! lacks: `group_by`, `where_exp`, `find` and `find_exp` (Jekyll's
//! `filters.rb`), e.g. `page.links | where_exp: "l", "l.year >= 2020"`.
//!
//! An expression is a Liquid condition: comparisons (`==`, `!=`, `<>`, `<`,
//! `>`, `<=`, `>=`, `contains`) or bare values, joined by `and`/`or`,
//! evaluated right to left as Liquid does. Its values are quoted strings,
//! numbers, `true`/`false`/`nil`/`empty`, or variables: the item's
//! (`l.year`, `l.tags.size`) or the page's (`page.year`).

use super::values::text_of;
use liquid_core::model::{Object, ScalarCow, Value, ValueView, ValueViewCmp};
use liquid_core::{Result, Runtime};

use super::filters::Apply;

/// The filters of this module.
pub fn all() -> [(&'static str, Apply); 4] {
    [
        ("group_by", group_by),
        ("where_exp", where_exp),
        ("find", find),
        ("find_exp", find_exp),
    ]
}

/// The items of a list (a hash's values, nothing for nil, else itself).
fn items(input: &dyn ValueView) -> Vec<Value> {
    if let Some(array) = input.as_array() {
        array.values().map(ValueView::to_value).collect()
    } else if let Some(object) = input.as_object() {
        object.values().map(ValueView::to_value).collect()
    } else if input.is_nil() {
        Vec::new()
    } else {
        vec![input.to_value()]
    }
}

fn arg(args: &[Value], n: usize) -> String {
    args.get(n).map(|v| text_of(v)).unwrap_or_default()
}

/// `[{name, items, size}]`, groups in the order their name first appears.
fn group_by(input: &dyn ValueView, args: &[Value], _: &dyn Runtime) -> Result<Value> {
    let property = arg(args, 0);
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for item in items(input) {
        let name = property_of(&item, &property)
            .map(|v| text_of(&v))
            .unwrap_or_default();
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, members)) => members.push(item),
            None => groups.push((name, vec![item])),
        }
    }
    let groups = groups.into_iter().map(|(name, members)| {
        let mut group = Object::new();
        group.insert("name".into(), Value::scalar(name));
        group.insert(
            "size".into(),
            Value::scalar(i64::try_from(members.len()).unwrap_or(i64::MAX)),
        );
        group.insert("items".into(), Value::Array(members));
        Value::Object(group)
    });
    Ok(Value::Array(groups.collect()))
}

fn where_exp(input: &dyn ValueView, args: &[Value], runtime: &dyn Runtime) -> Result<Value> {
    let condition = Condition::parse(&arg(args, 1));
    let name = arg(args, 0);
    let kept = items(input)
        .into_iter()
        .filter(|item| condition.holds(&name, item, runtime));
    Ok(Value::Array(kept.collect()))
}

/// The first item whose `property` equals the value (as text, as Jekyll
/// compares), else nil.
fn find(input: &dyn ValueView, args: &[Value], _: &dyn Runtime) -> Result<Value> {
    let (property, wanted) = (arg(args, 0), arg(args, 1));
    let found = items(input)
        .into_iter()
        .find(|item| property_of(item, &property).is_some_and(|v| text_of(&v) == wanted));
    Ok(found.unwrap_or(Value::Nil))
}

fn find_exp(input: &dyn ValueView, args: &[Value], runtime: &dyn Runtime) -> Result<Value> {
    let condition = Condition::parse(&arg(args, 1));
    let name = arg(args, 0);
    let found = items(input)
        .into_iter()
        .find(|item| condition.holds(&name, item, runtime));
    Ok(found.unwrap_or(Value::Nil))
}

/// `value.a.b`, with Liquid's `size`, `first` and `last`.
fn property_of(value: &Value, path: &str) -> Option<Value> {
    let mut current = value.clone();
    for key in path.split('.').filter(|k| !k.is_empty()) {
        current = step(&current, key)?;
    }
    Some(current)
}

fn step(value: &Value, key: &str) -> Option<Value> {
    if let Some(object) = value.as_object() {
        if let Some(found) = object.get(key) {
            return Some(found.to_value());
        }
    }
    if let Some(array) = value.as_array() {
        return match key {
            "size" => Some(Value::scalar(array.size())),
            "first" => array.first().map(ValueView::to_value),
            "last" => array.last().map(ValueView::to_value),
            _ => key
                .parse::<i64>()
                .ok()
                .and_then(|i| array.get(i))
                .map(ValueView::to_value),
        };
    }
    match (key, value.as_scalar()) {
        ("size", Some(s)) => Some(Value::scalar(
            i64::try_from(s.to_kstr().chars().count()).unwrap_or(i64::MAX),
        )),
        _ => None,
    }
}

/// A parsed condition: comparisons joined by `and`/`or`.
struct Condition {
    /// Each comparison, and the word joining it to the next.
    parts: Vec<(Comparison, Option<Join>)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Join {
    And,
    Or,
}

struct Comparison {
    left: String,
    op: Option<(String, String)>,
}

impl Condition {
    fn parse(expression: &str) -> Condition {
        let words = words(expression);
        let mut parts = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for word in words {
            let join = match word.as_str() {
                "and" => Some(Join::And),
                "or" => Some(Join::Or),
                _ => None,
            };
            match join {
                Some(join) => {
                    parts.push((Comparison::of(std::mem::take(&mut current)), Some(join)))
                }
                None => current.push(word),
            }
        }
        parts.push((Comparison::of(current), None));
        Condition { parts }
    }

    /// Liquid's order: the last comparison first, then leftwards.
    fn holds(&self, name: &str, item: &Value, runtime: &dyn Runtime) -> bool {
        let mut parts = self.parts.iter().rev();
        let Some((last, _)) = parts.next() else {
            return false;
        };
        let mut result = last.holds(name, item, runtime);
        for (comparison, join) in parts {
            let here = comparison.holds(name, item, runtime);
            result = match join {
                Some(Join::And) => here && result,
                _ => here || result,
            };
        }
        result
    }
}

impl Comparison {
    fn of(words: Vec<String>) -> Comparison {
        let mut words = words.into_iter();
        let left = words.next().unwrap_or_default();
        let op = words
            .next()
            .map(|op| (op, words.next().unwrap_or_default()));
        Comparison { left, op }
    }

    fn holds(&self, name: &str, item: &Value, runtime: &dyn Runtime) -> bool {
        let left = operand(&self.left, name, item, runtime);
        let Some((op, right)) = &self.op else {
            return truthy(&left);
        };
        if right == "empty" || right == "blank" {
            let empty = is_empty(&left);
            return match op.as_str() {
                "==" => empty,
                "!=" | "<>" => !empty,
                _ => false,
            };
        }
        let right = operand(right, name, item, runtime);
        let (l, r) = (ValueViewCmp::new(&left), ValueViewCmp::new(&right));
        match op.as_str() {
            "==" => l == r,
            "!=" | "<>" => l != r,
            "<" => l < r,
            ">" => l > r,
            "<=" => l <= r,
            ">=" => l >= r,
            "contains" => contains(&left, &right),
            _ => false,
        }
    }
}

/// A word of the expression as a value.
fn operand(word: &str, name: &str, item: &Value, runtime: &dyn Runtime) -> Value {
    let quoted = ['"', '\'']
        .iter()
        .find_map(|q| word.strip_prefix(*q).and_then(|w| w.strip_suffix(*q)));
    if let Some(text) = quoted {
        return Value::scalar(text.to_string());
    }
    match word {
        "true" => return Value::scalar(true),
        "false" => return Value::scalar(false),
        "nil" | "null" => return Value::Nil,
        _ => {}
    }
    if let Ok(n) = word.parse::<i64>() {
        return Value::scalar(n);
    }
    if let Ok(x) = word.parse::<f64>() {
        return Value::scalar(x);
    }
    let (head, rest) = word.split_once('.').unwrap_or((word, ""));
    if head == name {
        return property_of(item, rest).unwrap_or(Value::Nil);
    }
    let path: Vec<ScalarCow<'_>> = word
        .split('.')
        .map(|k| ScalarCow::new(k.to_string()))
        .collect();
    runtime.try_get(&path).map_or(Value::Nil, |v| v.to_value())
}

fn truthy(value: &Value) -> bool {
    match value.as_scalar().and_then(|s| s.to_bool()) {
        Some(b) => b,
        None => !value.is_nil(),
    }
}

fn is_empty(value: &Value) -> bool {
    if let Some(array) = value.as_array() {
        return array.size() == 0;
    }
    if let Some(object) = value.as_object() {
        return object.size() == 0;
    }
    value.is_nil() || text_of(value).is_empty()
}

fn contains(haystack: &Value, needle: &Value) -> bool {
    if let Some(array) = haystack.as_array() {
        let needle = ValueViewCmp::new(needle);
        return array.values().any(|v| ValueViewCmp::new(v) == needle);
    }
    if let Some(object) = haystack.as_object() {
        return object.contains_key(&text_of(needle));
    }
    !haystack.is_nil() && text_of(haystack).contains(text_of(needle).as_str())
}

/// The words of an expression; a quoted string is one word.
fn words(expression: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in expression.chars() {
        match quote {
            Some(q) => {
                current.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => {
                current.push(c);
                quote = Some(c);
            }
            None if c.is_whitespace() => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            None => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}
