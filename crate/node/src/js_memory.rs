//! The bytes behind a JavaScript TypedArray, borrowed for one synchronous
//! call (an asynchronous run stages them: see `staged`).
//!
//! With `staged`, this is the binding's only unsafe code: it turns a
//! TypedArray's data pointer into Rust slices so that kernels read and write
//! JavaScript memory in place, without copies.

use std::marker::PhantomData;
use std::ops::Range;
use std::ptr::{self, NonNull};

use napi::bindgen_prelude::{JsValue, Unknown};
use napi::sys;
use pixchain::{PixelType, check_disjoint};

use crate::failure::Failure;

/// A TypedArray's kind and memory, valid for the call that received it (`'call`).
#[derive(Debug)]
pub struct JsPixels<'call> {
    env: sys::napi_env,
    value: sys::napi_value,
    kind: i32,
    data: NonNull<u8>,
    len: usize,
    /// Backed by a SharedArrayBuffer, whose memory is never detached.
    shared: bool,
    /// Lent as writable: on wasm its bytes go back to JavaScript on drop.
    written: bool,
    _call: PhantomData<&'call ()>,
}

/// On wasm, emnapi gives native code a copy of a TypedArray's bytes in the
/// module's memory, made once per ArrayBuffer: `read_typed_array` refreshes it
/// from JavaScript, and a written array's copy goes back when it is dropped.
#[cfg(target_family = "wasm")]
pub fn sync_memory(env: sys::napi_env, value: sys::napi_value, js_to_wasm: bool, len: usize) {
    unsafe extern "C" {
        fn emnapi_sync_memory(
            env: sys::napi_env,
            js_to_wasm: bool,
            arraybuffer_or_view: *mut sys::napi_value,
            byte_offset: usize,
            length: usize,
        ) -> sys::napi_status;
    }
    if len > 0 {
        let mut value = value;
        // SAFETY: `env` and `value` are live on the JavaScript thread (the
        // callers' contract), and `len` bytes fit in the view.
        unsafe { emnapi_sync_memory(env, js_to_wasm, &mut value, 0, len) };
    }
}

impl Drop for JsPixels<'_> {
    fn drop(&mut self) {
        #[cfg(target_family = "wasm")]
        if self.written {
            sync_memory(self.env, self.value, false, self.len);
        }
    }
}

impl<'call> JsPixels<'call> {
    /// Reads the TypedArray behind `value`; `role` names it in errors.
    ///
    /// Call it after every other argument has been converted: converting an
    /// object may run JavaScript getters, which could detach this memory.
    pub fn new(value: &Unknown<'call>, role: &'static str) -> Result<Self, Failure> {
        let raw = value.value();
        let mut is_typed_array = false;
        // SAFETY: `raw.env` and `raw.value` come from the current callback and are live.
        let status = unsafe { sys::napi_is_typedarray(raw.env, raw.value, &mut is_typed_array) };
        if status != sys::Status::napi_ok || !is_typed_array {
            return Err(Failure::NotPixels(format!(
                "{role}: expected a TypedArray or Buffer, got {}",
                describe(value)
            )));
        }
        let (kind, data, len, shared) = read_typed_array(raw.env, raw.value)?;
        Ok(Self {
            env: raw.env,
            value: raw.value,
            kind,
            data,
            len,
            shared,
            written: false,
            _call: PhantomData,
        })
    }

    /// Refuses an array whose element kind does not hold `pixel_type` samples.
    pub fn expect_pixels(&self, pixel_type: PixelType, role: &'static str) -> Result<(), Failure> {
        let fits = match pixel_type {
            PixelType::U8 => matches!(
                self.kind,
                sys::TypedarrayType::uint8_array | sys::TypedarrayType::uint8_clamped_array
            ),
            PixelType::U16 => self.kind == sys::TypedarrayType::uint16_array,
            PixelType::I16 => self.kind == sys::TypedarrayType::int16_array,
            PixelType::F32 => self.kind == sys::TypedarrayType::float32_array,
        };
        if !fits {
            let expected = match pixel_type {
                PixelType::U8 => "a Buffer, Uint8Array or Uint8ClampedArray",
                PixelType::U16 => "a Uint16Array",
                PixelType::I16 => "an Int16Array",
                PixelType::F32 => "a Float32Array",
            };
            return Err(Failure::NotPixels(format!(
                "{role}: expected {expected} for {pixel_type} pixels, got {}",
                kind_name(self.kind)
            )));
        }
        Ok(())
    }

    /// Bytes of memory in the array.
    pub fn byte_len(&self) -> usize {
        self.len
    }

    fn addresses(&self) -> Range<usize> {
        let start = self.data.as_ptr() as usize;
        start..start + self.len
    }

    /// The bytes, to read.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `data` points to `len` bytes of a live ArrayBuffer (or is
        // dangling with `len == 0`). JavaScript cannot run, and so cannot
        // write, detach or free them, before the synchronous call that owns
        // `'call` returns, and no `&mut` to them exists: `bytes_mut_apart`
        // takes `self` mutably and checks the other arrays it reads apart.
        unsafe { std::slice::from_raw_parts(self.data.as_ptr(), self.len) }
    }

    /// The bytes to write, refused with `ERR_PIXCHAIN_ALIAS` when they share
    /// any memory with one of `inputs`, whose bytes are read meanwhile
    /// (`&[]` when nothing else is read).
    pub fn bytes_mut_apart(&mut self, inputs: &[&JsPixels<'call>]) -> Result<&mut [u8], Failure> {
        self.check_apart(inputs)?;
        self.written = true;
        // SAFETY: as in `bytes`; `&mut self` makes this the only writable view
        // of this array, and the only other views of JavaScript memory held
        // meanwhile are those of `inputs`, just checked to be disjoint.
        Ok(unsafe { std::slice::from_raw_parts_mut(self.data.as_ptr(), self.len) })
    }
}

impl JsPixels<'_> {
    /// The element kind, as N-API numbers it.
    pub fn kind(&self) -> i32 {
        self.kind
    }

    /// Whether the memory is a SharedArrayBuffer's, which cannot be detached.
    pub fn is_shared(&self) -> bool {
        self.shared
    }

    /// The memory's address and length, for a run that holds the array.
    pub fn raw_parts(&self) -> (NonNull<u8>, usize) {
        (self.data, self.len)
    }

    /// The environment and value, to hold the array past this call.
    pub fn handle(&self) -> (sys::napi_env, sys::napi_value) {
        (self.env, self.value)
    }

    /// Refuses memory shared with any of `inputs`, which a run reads while
    /// writing this (`ERR_PIXCHAIN_ALIAS`).
    pub fn check_apart(&self, inputs: &[&JsPixels<'_>]) -> Result<(), Failure> {
        for input in inputs {
            check_disjoint(input.addresses(), self.addresses())?;
        }
        Ok(())
    }
}

/// A TypedArray's element kind, data and byte length, now, and whether its
/// memory is a SharedArrayBuffer's. A detached or empty array may report a
/// null pointer: it has no bytes.
pub fn read_typed_array(
    env: sys::napi_env,
    value: sys::napi_value,
) -> Result<(i32, NonNull<u8>, usize, bool), Failure> {
    let (mut kind, mut length, mut data) = (0, 0usize, ptr::null_mut());
    let (mut buffer, mut offset) = (ptr::null_mut(), 0usize);
    // SAFETY: `env` and `value` are live on the JavaScript thread (the
    // callers' contract); every out-pointer is a valid local.
    let status = unsafe {
        sys::napi_get_typedarray_info(
            env,
            value,
            &mut kind,
            &mut length,
            &mut data,
            &mut buffer,
            &mut offset,
        )
    };
    if status != sys::Status::napi_ok {
        return Err(Failure::NotPixels(
            "pixels: could not read the TypedArray's memory".into(),
        ));
    }
    // N-API has no test for a SharedArrayBuffer before Node 24: a
    // TypedArray's buffer that is not an ArrayBuffer is one.
    let mut is_array_buffer = true;
    // SAFETY: `buffer` was just returned for this `env`.
    let status = unsafe { sys::napi_is_arraybuffer(env, buffer, &mut is_array_buffer) };
    let shared = !buffer.is_null() && status == sys::Status::napi_ok && !is_array_buffer;
    let len = length * element_size(kind);
    #[cfg(target_family = "wasm")]
    sync_memory(env, value, true, len);
    match NonNull::new(data.cast::<u8>()).filter(|_| len > 0) {
        Some(data) => Ok((kind, data, len, shared)),
        None => Ok((kind, NonNull::dangling(), 0, shared)),
    }
}

fn element_size(kind: i32) -> usize {
    match kind {
        sys::TypedarrayType::int16_array | sys::TypedarrayType::uint16_array => 2,
        sys::TypedarrayType::int32_array
        | sys::TypedarrayType::uint32_array
        | sys::TypedarrayType::float32_array => 4,
        sys::TypedarrayType::float64_array
        | sys::TypedarrayType::bigint64_array
        | sys::TypedarrayType::biguint64_array => 8,
        // Unknown kinds count one byte per element, never reaching past the view.
        _ => 1,
    }
}

fn kind_name(kind: i32) -> &'static str {
    match kind {
        sys::TypedarrayType::int8_array => "Int8Array",
        sys::TypedarrayType::uint8_array => "Uint8Array",
        sys::TypedarrayType::uint8_clamped_array => "Uint8ClampedArray",
        sys::TypedarrayType::int16_array => "Int16Array",
        sys::TypedarrayType::uint16_array => "Uint16Array",
        sys::TypedarrayType::int32_array => "Int32Array",
        sys::TypedarrayType::uint32_array => "Uint32Array",
        sys::TypedarrayType::float32_array => "Float32Array",
        sys::TypedarrayType::float64_array => "Float64Array",
        sys::TypedarrayType::bigint64_array => "BigInt64Array",
        sys::TypedarrayType::biguint64_array => "BigUint64Array",
        _ => "a TypedArray of another kind",
    }
}

fn describe(value: &Unknown<'_>) -> &'static str {
    use napi::ValueType;
    match value.get_type() {
        Ok(ValueType::Undefined) => "undefined",
        Ok(ValueType::Null) => "null",
        Ok(ValueType::Boolean) => "a boolean",
        Ok(ValueType::Number) => "a number",
        Ok(ValueType::String) => "a string",
        Ok(ValueType::Function) => "a function",
        Ok(ValueType::BigInt) => "a bigint",
        Ok(ValueType::Symbol) => "a symbol",
        _ => "an object that is not a TypedArray",
    }
}
