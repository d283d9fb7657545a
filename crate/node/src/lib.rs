//! Node.js binding of pixchain: converts JavaScript values into core types,
//! forwards to the core, and turns core errors into JavaScript errors with
//! stable codes. No kernel logic and no buffer policy live here.

mod async_run;
mod external_memory;
mod failure;
mod image_buffers;
mod js_memory;
mod kernel_defaults;
mod kernel_task;
mod measure;
mod merge_channels;
mod ops;
mod option_args;
mod pipeline;
mod pipeline_run;
mod run_kernel;
mod runtime;
mod spec;
mod staged;
