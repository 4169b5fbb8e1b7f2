//! A small in-memory cache of decoded documents, so going back is instant and
//! repeated views do not refetch. Bounded: it is cleared when it grows too big.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

const MAX_ENTRIES: usize = 128;

thread_local! {
    static CACHE: RefCell<HashMap<String, Rc<dyn Any>>> = RefCell::new(HashMap::new());
}

pub fn get<T: 'static>(key: &str) -> Option<Rc<T>> {
    CACHE.with(|cache| {
        cache
            .borrow()
            .get(key)
            .cloned()
            .and_then(|value| value.downcast::<T>().ok())
    })
}

pub fn put<T: 'static>(key: &str, value: Rc<T>) {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        cache.insert(key.to_string(), value);
    });
}
