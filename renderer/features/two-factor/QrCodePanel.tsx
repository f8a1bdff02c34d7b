import { useEffect, useState } from 'react';
import { buildQrMatrix, darkModulesPath, QUIET_ZONE_MODULES, type QrMatrix } from './qrModules';

const PIXELS_PER_MODULE = 5;

/** Dark modules on white with a quiet zone in both themes: scanners expect that contrast, not the page's colours. */
export function QrCodePanel({ otpauthUri, accountLabel }: { otpauthUri: string; accountLabel: string }) {
  const [matrix, setMatrix] = useState<{ uri: string; value: QrMatrix } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    buildQrMatrix(otpauthUri)
      .then((value) => {
        if (current) {
          setMatrix({ uri: otpauthUri, value });
        }
      })
      .catch(() => {
        if (current) {
          setFailed(true);
        }
      });
    return () => {
      current = false;
    };
  }, [otpauthUri]);

  if (failed) {
    return <p className="qr-placeholder">The QR code could not be drawn. Enter the setup key below instead.</p>;
  }
  if (!matrix || matrix.uri !== otpauthUri) {
    return (
      <p className="qr-placeholder" aria-busy="true">
        Drawing the QR code…
      </p>
    );
  }
  const extent = matrix.value.size + 2 * QUIET_ZONE_MODULES;
  return (
    <svg
      className="qr-code"
      data-testid="setup-qr"
      role="img"
      aria-label={`QR code for ${accountLabel}. Scan it with your authenticator app.`}
      width={extent * PIXELS_PER_MODULE}
      height={extent * PIXELS_PER_MODULE}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#ffffff" />
      <path d={darkModulesPath(matrix.value)} fill="#000000" />
    </svg>
  );
}
