export type { ErrorCode, PixchainError } from './lib/errors';
export type { AbortSignalLike, ImageSpec, LooseImageSpec, PixelArray, PixelArrayOf, PixelArrays, PixelType, RunAsyncOptions, } from './lib/types';
export type { AddWeightedOptions, Border, BoxBlurOptions, ChannelOrder, ClipOptions, ConvertOptions, ConvolveOptions, GammaOptions, GaussianBlurOptions, GrayscaleOptions, InvertOptions, LinearOptions, MedianBlurOptions, MultiplyOptions, NormalizeKind, NormalizeOptions, SobelOptions, ThresholdKind, ThresholdOptions, DilateOptions, ErodeOptions, MorphOp, MorphologyOptions, MorphShape, PercentileClipOptions, Interpolation, ResizeOptions, TensorLayout, ToTensorOptions, } from './lib/kernel-options';
export type { ClaheOptions, LaplacianOptions, ScharrOptions } from './lib/kernel-options';
export type { CropOptions, FlipDirection, FlipOptions, PadOptions, RotateOptions } from './lib/kernel-options';
export type { ExtractChannelOptions, PerChannel, ReorderChannelsOptions } from './lib/kernel-options';
export { KernelChain, type Retyped, type StepErrorCode } from './lib/kernel-chain';
export { ImageBuffers, type BufferStats, type ImageBuffersOptions, type LooseImageBuffersOptions } from './lib/image-buffers';
export { Pipeline, type OtherOperand, type PipelineOptions, type PipelineStats } from './lib/pipeline';
export type { FrameStream, FrameStreamOptions } from './lib/frame-stream';
export { absdiff, add, addWeighted, boxBlur, clip, convert, convolve, gamma, gaussianBlur, grayscale, invert, linear, medianBlur, multiply, normalize, otsuThreshold, sobel, subtract, threshold, thresholdOtsu, erode, dilate, morphology, resize, toTensor, toTensorBatch, type OneShotErrorCode, } from './lib/one-shot';
export { clahe, equalizeHist, laplacian, scharr } from './lib/one-shot';
export { crop, flip, pad, rotate, transpose } from './lib/one-shot';
export { cropView, type CropView, type Rect } from './lib/crop-view';
export { histogram, percentiles, stats, type HistogramOptions, type Stats } from './lib/measure';
export { extractChannel, mergeChannels, reorderChannels } from './lib/one-shot';
/**
 * Every kernel on the libuv thread pool, as promises: the same arguments as
 * the synchronous functions, then `{ signal }`; also `pixchain/promises`.
 */
export * as promises from './lib/promises';
export { kernelDefaults, type DefaultPerType, type KernelDefaults, type OptionDefault } from './lib/kernel-defaults';
export { getLimitInputPixels, getThreads, reportedNativeMemory, setLimitInputPixels, setSimdPath, setThreads, simdPath, simdPaths, type SimdPath, } from './lib/runtime';
export { readImage, writeImage, type DecodedImage, type ReadImageOptions, type WriteImageOptions, } from './lib/image-files';
export { rawImageName } from './lib/raw-names';
export type { ImageFormat } from './lib/image-formats';
export { addSteps, pipelineFromSteps, pipelineStepMethods, type PipelineStep, type PipelineStepMethod } from './lib/pipeline-steps';
export { processFiles, type FileDone, type FileFailure, type FileProgress, type ProcessFilesOptions, type ProcessFilesResult } from './lib/process-files';
