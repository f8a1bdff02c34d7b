import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Locator } from '@playwright/test';

/** Reads the QR code on screen the way a phone camera does: from pixels, not from the DOM. */
export async function decodeQrOnScreen(qr: Locator): Promise<string | null> {
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  return decoded?.data ?? null;
}
