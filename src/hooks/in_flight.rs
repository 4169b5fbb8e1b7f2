//! Abandoning loads a view no longer needs (framework-free; `keyed_load.rs`
//! ties it to Leptos).
//!
//! Leptos' `LocalResource` runs its loads one after another and does not drop
//! a stale future: when the reader clicks article A and then B, B's request
//! would only start once A's has answered, and A's answer would be shown in
//! between. So each view keeps its load in flight in an [`InFlight`] and
//! cancels it as soon as its key (slug, page) changes or the view is left.
//! Cancelling drops the load's future, and dropping a request aborts it
//! (see `source/http.rs`), so the browser stops downloading.
//!
//! Thread-safe types only because `on_cleanup` wants `Send + Sync`; the app
//! itself is single-threaded.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

#[derive(Default)]
struct State {
    cancelled: bool,
    waker: Option<Waker>,
}

/// A token a load can be cancelled with.
#[derive(Clone, Default)]
pub struct Cancel(Arc<Mutex<State>>);

impl Cancel {
    pub fn cancel(&self) {
        let waker = match self.0.lock() {
            Ok(mut state) => {
                state.cancelled = true;
                state.waker.take()
            }
            Err(_) => None,
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.lock().map(|s| s.cancelled).unwrap_or(true)
    }

    /// Run `future` until it finishes (`Some`) or this token is cancelled
    /// (`None`; the future is dropped at once).
    pub async fn run<F: Future>(&self, future: F) -> Option<F::Output> {
        let mut future = pin!(future);
        poll_fn(|cx| {
            match self.0.lock() {
                Ok(mut state) if !state.cancelled => state.waker = Some(cx.waker().clone()),
                _ => return Poll::Ready(None),
            }
            future.as_mut().poll(cx).map(Some)
        })
        .await
    }
}

/// The load one view has in flight, with the key it loads.
pub struct InFlight<K>(Arc<Mutex<Option<(K, Cancel)>>>);

impl<K> Clone for InFlight<K> {
    fn clone(&self) -> Self {
        InFlight(self.0.clone())
    }
}

impl<K> Default for InFlight<K> {
    fn default() -> Self {
        InFlight(Arc::new(Mutex::new(None)))
    }
}

impl<K: PartialEq> InFlight<K> {
    /// A new load of `key`: cancels the previous one and returns its token.
    pub fn start(&self, key: K) -> Cancel {
        let token = Cancel::default();
        if let Ok(mut slot) = self.0.lock() {
            if let Some((_, previous)) = slot.replace((key, token.clone())) {
                previous.cancel();
            }
        }
        token
    }

    /// The view now wants `key`: abandon a load of anything else.
    pub fn want(&self, key: &K) {
        if let Ok(mut slot) = self.0.lock() {
            if slot.as_ref().is_some_and(|(k, _)| k != key) {
                if let Some((_, previous)) = slot.take() {
                    previous.cancel();
                }
            }
        }
    }

    /// The view is gone: abandon whatever it was loading.
    pub fn cancel(&self) {
        if let Ok(mut slot) = self.0.lock() {
            if let Some((_, previous)) = slot.take() {
                previous.cancel();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Context, Wake};

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    fn poll_once<F: Future>(f: F) -> Poll<F::Output> {
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        pin!(f).as_mut().poll(&mut cx)
    }

    #[test]
    fn cancelled_loads_end_with_none() {
        let flight = InFlight::default();
        let a = flight.start("a");
        flight.want(&"a");
        assert!(!a.is_cancelled());
        flight.want(&"b");
        assert!(a.is_cancelled());
        assert_eq!(
            poll_once(a.run(std::future::pending::<u8>())),
            Poll::Ready(None)
        );
        let b = flight.start("b");
        assert_eq!(poll_once(b.run(async { 7 })), Poll::Ready(Some(7)));
        flight.cancel();
        assert!(b.is_cancelled());
    }
}
