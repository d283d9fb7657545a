// Runs scripts/cross/smoke.cjs on a package folder under another Node or
// CPU, and here on dist's own addon: the outputs must be the same bits.

import path from 'node:path'

import { root, run } from './toolchain.mjs'

/** `node`: the command line that runs Node there (qemu first, if any). Returns what was checked. */
export function smokeMatchesDist(folder, node) {
  const script = path.join(root, 'scripts', 'cross', 'smoke.cjs')
  const there = JSON.parse(run(node[0], [...node.slice(1), script, folder]))
  const here = JSON.parse(run(process.execPath, [script, path.join(root, 'dist')]))
  if (JSON.stringify(there.digests) !== JSON.stringify(here.digests)) {
    throw new Error(`the outputs differ from dist's addon here:\n${JSON.stringify(there.digests)}\n${JSON.stringify(here.digests)}`)
  }
  return `paths ${there.paths.join(', ')} (${there.arch}) give the outputs of dist's addon here bit for bit (7 kernels × 4 types × 1 and 3 channels, a pipeline), runAsync, an error code`
}
