//! The export stage: frames in, files out. It reads only `layout::frame` types.

pub mod handout;
pub mod pdf;
pub mod png;
pub mod pptx;
