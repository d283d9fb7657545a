import type { PixelType } from './types';
/** A default that depends on the input frame's pixel type: one value per type. */
export type DefaultPerType = {
    readonly [T in PixelType]: number | string;
};
/**
 * What an option is when it is not given: a number, a name (border, kind,
 * order, pixel type), a list of numbers, one value per input pixel type,
 * another option's value (`{ sameAs }`), or a value worked out from
 * another option (`{ from }`: a Gaussian's `ksize` from its `sigma`).
 */
export type OptionDefault = number | string | readonly number[] | DefaultPerType | {
    readonly sameAs: string;
} | {
    readonly from: string;
};
/** Per kernel name (`'gaussianBlur'`, `'addWeighted'`, …), its defaulted options in the order it lists them. */
export type KernelDefaults = {
    readonly [kernel: string]: {
        readonly [option: string]: OptionDefault;
    };
};
/**
 * The default of every option that has one, per kernel, as the core applies
 * it when the option is absent. Options that must be given (a Gaussian's
 * `sigma` without `ksize`) or go together (`invert`'s range) are not listed.
 */
export declare function kernelDefaults(): KernelDefaults;
