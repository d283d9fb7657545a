// The machine a report was measured on, so reports from different machines
// are never compared by accident.

import { readFileSync } from 'node:fs'
import os from 'node:os'

function distribution() {
  try {
    const release = readFileSync('/etc/os-release', 'utf8')
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? null
  } catch {
    return null
  }
}

export function machineInfo() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model?.trim() || 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    distribution: distribution(),
    platform: process.platform,
    arch: process.arch,
    node: process.version,
  }
}
