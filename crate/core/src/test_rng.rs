//! xorshift64: reproducible test data without a dependency.

#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator whose sequence `seed` picks; any seed, zero included.
    pub(crate) fn new(seed: u64) -> Self {
        Self((0x9e37_79b9_7f4a_7c15 ^ seed).max(1))
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
