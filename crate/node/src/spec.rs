//! The JavaScript image spec object and its conversion to `ImageSpec`.

use napi_derive::napi;
use pixchain::{ImageSpec, PixelType};

use crate::failure::Failure;

/// `{ width, height, channels, type }` as JavaScript passes it.
#[derive(Debug)]
#[napi(object)]
pub struct NativeImageSpec {
    pub width: u32,
    pub height: u32,
    pub channels: u32,
    #[napi(js_name = "type")]
    pub pixel_type: String,
}

impl NativeImageSpec {
    pub fn to_core(&self) -> Result<ImageSpec, Failure> {
        let pixel_type = PixelType::parse(&self.pixel_type, "type")?;
        Ok(ImageSpec::new(
            self.width as usize,
            self.height as usize,
            self.channels as usize,
            pixel_type,
        )?)
    }

    pub fn from_core(spec: ImageSpec) -> Self {
        Self {
            width: spec.width() as u32,
            height: spec.height() as u32,
            channels: spec.channels() as u32,
            pixel_type: spec.pixel_type().name().to_owned(),
        }
    }
}
