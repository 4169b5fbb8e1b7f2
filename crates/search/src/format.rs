//! The byte format of the index files: unsigned LEB128 numbers and
//! length-prefixed UTF-8 strings. Binary rather than JSON because the
//! postings are most of a query's download (a doc id delta is one byte
//! where JSON needs four) and the browser module needs no JSON parser.
//! Reading never panics: a truncated or hostile file reads as `None`.

/// Appends numbers and strings.
#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn number(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    pub fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    pub fn text(&mut self, s: &str) {
        self.number(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn raw(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }
}

/// Reads what a [`Writer`] wrote.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    pub fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub fn number(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A number that must fit in `usize` and be at most `max` (a count read
    /// from a hostile file must not make the reader allocate gigabytes).
    pub fn count(&mut self, max: usize) -> Option<usize> {
        usize::try_from(self.number()?).ok().filter(|n| *n <= max)
    }

    pub fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    pub fn raw(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(len)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    pub fn text(&mut self) -> Option<&'a str> {
        let len = self.count(self.bytes.len())?;
        std::str::from_utf8(self.raw(len)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_garbage() {
        let mut w = Writer::default();
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            w.number(n);
        }
        w.text("서울");
        w.byte(7);
        let mut r = Reader::new(&w.bytes);
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.number(), Some(n));
        }
        assert_eq!(r.text(), Some("서울"));
        assert_eq!(r.byte(), Some(7));
        assert!(r.is_done());
        assert_eq!(r.number(), None);
        assert_eq!(Reader::new(&[0xff; 20]).number(), None);
        assert_eq!(Reader::new(&[5, b'a']).text(), None);
        assert_eq!(Reader::new(&[2, 0xff, 0xfe]).text(), None);
        assert_eq!(Reader::new(&[0xff, 0xff, 0x7f]).count(1000), None);
    }
}
