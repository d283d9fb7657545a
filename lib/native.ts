// Loads the native addon before anything uses it, so that a platform without
// one gets an error naming the package it needs rather than the loader's
// list of every package it tried.

import { pixchainError } from './errors'

// Typed here, so that the declaration needs no @types/node: the CommonJS
// module's own `require`, and Node's `process`.
declare const require: (id: string) => unknown
declare const process: {
  platform: string
  arch: string
  report?: { getReport(): unknown }
}

/** The name of the prebuilt addon package for this platform, as napi-rs names them. */
export function platformPackage(): string {
  const { platform, arch } = process
  const abi = platform === 'linux' ? (isMusl() ? '-musl' : '-gnu') : platform === 'win32' ? '-msvc' : ''
  return `pixchain-${platform}-${arch}${abi}`
}

function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined
  return report?.header?.glibcVersionRuntime === undefined
}

try {
  require('../binding')
} catch (cause) {
  const name = platformPackage()
  const error = pixchainError(
    'ERR_PIXCHAIN_ADDON',
    `pixchain: expected the native addon for ${process.platform}-${process.arch}, got none: ` +
      `install ${name} beside pixchain (npm install ${name}; a lockfile made on another platform ` +
      `or --omit=optional leaves it out), or build it from source with npm run build`,
  )
  throw Object.assign(error, { cause })
}
