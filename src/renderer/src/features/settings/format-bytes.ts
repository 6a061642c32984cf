const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** A file size for people: 1 decimal from KB on, binary multiples as the OS file managers show them. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
