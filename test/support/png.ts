import assert from 'node:assert/strict';

/** The width and height a PNG declares in its header, after checking its signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
