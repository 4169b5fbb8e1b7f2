//! A view's load that follows a key, cancelling stale loads (see
//! `in_flight.rs` for why Leptos' `LocalResource` is not used), and the retry
//! handle of the error view.

use std::future::Future;

use leptos::prelude::*;

use super::in_flight::InFlight;

/// A view's load that follows `key`: every change of key starts a new load
/// and cancels the previous one, leaving the view cancels it too. Returns the
/// retry handle and the result for the key the view wants now (`None` while
/// that is loading).
///
/// Built on a signal and `spawn_local`, not `LocalResource`: a resource runs
/// its loads one after another (see `in_flight.rs`), and its async
/// machinery is a large part of the bundle.
pub fn keyed_load<K, T, Fut>(
    key: Memo<K>,
    load: impl Fn(K) -> Fut + 'static,
) -> (Retry, impl Fn() -> Option<T> + Copy + 'static)
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + 'static,
    Fut: Future<Output = T> + 'static,
{
    let result = RwSignal::new_local(None::<(K, T)>);
    let attempt = RwSignal::new(0_u32);
    let in_flight = InFlight::<K>::default();
    {
        let in_flight = in_flight.clone();
        Effect::new(move |_| {
            let key = key.get();
            attempt.track();
            let token = in_flight.start(key.clone());
            // A retry shows the loading state again, not the old error.
            result.try_set(None);
            let future = load(key.clone());
            leptos::task::spawn_local(async move {
                if let Some(value) = token.run(future).await {
                    result.try_set(Some((key, value)));
                }
            });
        });
    }
    on_cleanup(move || in_flight.cancel());
    let current = move || {
        result.with(|loaded| {
            loaded
                .as_ref()
                .filter(|(loaded_key, _)| key.with(|k| k == loaded_key))
                .map(|(_, value)| value.clone())
        })
    };
    (Retry(attempt), current)
}

/// Starts the load of the current key again (the error view's button).
#[derive(Clone, Copy)]
pub struct Retry(RwSignal<u32>);

impl Retry {
    pub fn retry(&self) {
        self.0.update(|n| *n = n.wrapping_add(1));
    }
}
