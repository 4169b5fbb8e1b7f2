//! Entry point of the browser bundle: mount sinmun into its host element.
fn main() {
    sinmun::start();
}
