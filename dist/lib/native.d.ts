import type * as Binding from '../binding';
import { type BinaryOpName, type OpName } from './options';
export type { NativeBinaryOp, NativeImageBuffers, NativePipeline } from '../binding';
/** The name of the prebuilt addon package for this platform, as napi-rs names them. */
export declare function platformPackage(): string;
/** The native addon: its classes and functions. */
export declare const native: typeof Binding;
/** A spec as the addon takes it, checked (`ERR_PIXCHAIN_SPEC`), channels defaulting to 1. */
export declare function nativeSpec(spec: unknown): Binding.NativeImageSpec;
/** A spec's checked `[width, height, channels, type]`, channels defaulting to 1. */
export declare function specValues(spec: unknown): [number, number, number, string];
/** A kernel and its checked options, tagged as the addon takes them. */
export declare function nativeOp(op: OpName, options: unknown): Binding.NativeOp;
/** A kernel's checked options as `native.runKernel` takes them: values in `opFields()` order. */
export declare function nativeOpFields(op: OpName, options: unknown): unknown[];
/** A two-image kernel and its checked options, tagged as the addon takes them. */
export declare function nativeBinaryOp(op: BinaryOpName, options: unknown): Binding.NativeBinaryOp;
