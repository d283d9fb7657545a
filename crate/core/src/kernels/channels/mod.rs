//! Channel moves: pick, reorder and merge the samples of interleaved pixels.
//! No sample changes value, so every pixel type and path gives the same bytes.

mod extract;
mod gather;
mod merge;
mod reorder;

pub use extract::{ExtractChannelParams, extract_channel};
pub use merge::{append_channel, appended_spec, merge_channels, merge_channels_bytes, merged_spec};
pub use reorder::{ReorderChannelsParams, reorder_channels};
