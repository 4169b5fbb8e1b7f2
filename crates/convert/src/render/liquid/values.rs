//! Jekyll's variables as Liquid values, and the forgiving lookups Jekyll
//! makes: an undefined variable or key renders as nothing, where the
//! `liquid` crate would stop with "Unknown variable" (Jekyll's
//! `strict_variables` is off by default, and real posts rely on it:
//! `{% if page.subtitle %}`, `{{ include.caption }}`).

use liquid_core::model::{KString, KStringCow, Object, ScalarCow, Value, ValueCow, ValueView};
use liquid_core::runtime::{PartialStore, Registers, Runtime};
use liquid_core::{ObjectView, Result};
use serde_norway::Value as Yaml;

/// A YAML value (front matter, `_config.yml`) as a Liquid value.
pub fn from_yaml(value: &Yaml) -> Value {
    match value {
        Yaml::Null => Value::Nil,
        Yaml::Bool(b) => Value::scalar(*b),
        Yaml::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::scalar(i),
            (None, Some(f)) => Value::scalar(f),
            _ => Value::scalar(n.to_string()),
        },
        Yaml::String(s) => Value::scalar(s.clone()),
        Yaml::Sequence(items) => Value::array(items.iter().map(from_yaml)),
        Yaml::Mapping(map) => Value::Object(object_from_yaml(map)),
        Yaml::Tagged(tagged) => from_yaml(&tagged.value),
    }
}

/// A YAML mapping as a Liquid object; keys that are not text are written
/// as YAML would show them.
pub fn object_from_yaml(map: &serde_norway::Mapping) -> Object {
    let mut object = Object::new();
    for (key, value) in map {
        let key = match key {
            Yaml::String(s) => s.clone(),
            Yaml::Number(n) => n.to_string(),
            Yaml::Bool(b) => b.to_string(),
            _ => continue,
        };
        object.insert(KString::from(key), from_yaml(value));
    }
    object
}

/// A runtime whose failed lookups give `nil`: wraps the root runtime and the
/// frame an `include` opens.
pub struct Forgiving<'r> {
    inner: &'r dyn Runtime,
    /// Variables of this frame (an include's `include`), looked up first.
    frame: Option<Object>,
}

impl<'r> Forgiving<'r> {
    pub fn root(inner: &'r dyn Runtime) -> Self {
        Forgiving { inner, frame: None }
    }

    pub fn with_frame(inner: &'r dyn Runtime, frame: Object) -> Self {
        Forgiving {
            inner,
            frame: Some(frame),
        }
    }
}

impl Runtime for Forgiving<'_> {
    fn partials(&self) -> &dyn PartialStore {
        self.inner.partials()
    }

    fn name(&self) -> Option<liquid_core::model::KStringRef<'_>> {
        self.inner.name()
    }

    fn roots(&self) -> std::collections::BTreeSet<KStringCow<'_>> {
        let mut roots = self.inner.roots();
        if let Some(frame) = &self.frame {
            roots.extend(frame.keys().map(|k| KStringCow::from_ref(k.as_str())));
        }
        roots
    }

    fn try_get(&self, path: &[ScalarCow<'_>]) -> Option<ValueCow<'_>> {
        if let (Some(frame), Some(first)) = (&self.frame, path.first()) {
            if frame.contains_key(first.to_kstr().as_str()) {
                return liquid_core::model::try_find(frame.as_value(), path)
                    .map(|v| ValueCow::Owned(v.into_owned()));
            }
        }
        self.inner.try_get(path)
    }

    fn get(&self, path: &[ScalarCow<'_>]) -> Result<ValueCow<'_>> {
        Ok(self.try_get(path).unwrap_or(ValueCow::Owned(Value::Nil)))
    }

    fn set_global(&self, name: KString, val: Value) -> Option<Value> {
        self.inner.set_global(name, val)
    }

    fn set_index(&self, name: KString, val: Value) -> Option<Value> {
        self.inner.set_index(name, val)
    }

    fn get_index<'a>(&'a self, name: &str) -> Option<ValueCow<'a>> {
        self.inner.get_index(name)
    }

    fn registers(&self) -> &Registers {
        self.inner.registers()
    }
}

/// A value's text as Liquid renders it (`nil` as nothing).
pub fn text_of(value: &dyn ValueView) -> String {
    value.to_kstr().as_str().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_becomes_liquid_values() {
        let yaml: Yaml =
            serde_norway::from_str("a: 1\nb: [x, 2.5, true]\nc: { d: null }\n").unwrap();
        let Value::Object(o) = from_yaml(&yaml) else {
            panic!("not an object")
        };
        assert_eq!(
            o.get("a").map(|v| v.to_kstr().to_string()),
            Some("1".into())
        );
        let b = o.get("b").and_then(|v| v.as_array()).unwrap();
        assert_eq!(b.size(), 3);
        assert_eq!(
            b.get(1).map(|v| v.to_kstr().to_string()),
            Some("2.5".into())
        );
    }
}
