/** The quiet zone the QR specification asks for: four modules of white on every side. */
export const QUIET_ZONE_MODULES = 4;

export interface QrMatrix {
  size: number;
  isDark: (row: number, column: number) => boolean;
}

/**
 * Draws the QR code locally: the secret inside the otpauth URI never leaves this window. `qrcode` is imported
 * only here, when setup starts, so it stays out of the first load.
 */
export async function buildQrMatrix(otpauthUri: string): Promise<QrMatrix> {
  const { create } = await import('qrcode');
  const { modules } = create(otpauthUri, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, column) => modules.get(row, column) === 1 };
}

/** One SVG path of unit squares for the dark modules, offset by the quiet zone. */
export function darkModulesPath(matrix: QrMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row += 1) {
    for (let column = 0; column < matrix.size; column += 1) {
      if (matrix.isDark(row, column)) {
        parts.push(`M${column + QUIET_ZONE_MODULES} ${row + QUIET_ZONE_MODULES}h1v1h-1z`);
      }
    }
  }
  return parts.join('');
}
