import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import {
  buildQrMatrix,
  darkModulesPath,
  QUIET_ZONE_MODULES,
  type QrMatrix,
} from '../../../../renderer/features/two-factor/qrModules';

const URI =
  'otpauth://totp/Securus:al%20ice%26secret%3DX?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Securus&algorithm=SHA1&digits=6&period=30';

/** Paints the SVG path's squares into pixels, white around them, the way the screen shows it. */
function rasterize(matrix: QrMatrix, path: string, scale: number) {
  const extent = matrix.size + 2 * QUIET_ZONE_MODULES;
  const width = extent * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy += 1) {
      for (let dx = 0; dx < scale; dx += 1) {
        const offset = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        pixels.fill(0, offset, offset + 3);
      }
    }
  }
  return { pixels, width };
}

describe('QR modules', () => {
  it('draw a code that decodes to the exact otpauth URI', async () => {
    const matrix = await buildQrMatrix(URI);
    const { pixels, width } = rasterize(matrix, darkModulesPath(matrix), 4);
    expect(jsQR(pixels, width, width)?.data).toBe(URI);
  });

  it('leave a quiet zone of four modules on every side', async () => {
    const matrix = await buildQrMatrix(URI);
    const squares = [...darkModulesPath(matrix).matchAll(/M(\d+) (\d+)/g)].map(([, x, y]) => [Number(x), Number(y)]);
    const coordinates = squares.flat();
    expect(Math.min(...coordinates)).toBe(QUIET_ZONE_MODULES);
    expect(Math.max(...coordinates)).toBe(QUIET_ZONE_MODULES + matrix.size - 1);
  });
});
