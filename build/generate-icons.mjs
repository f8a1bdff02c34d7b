#!/usr/bin/env node
// Renders build/icon.svg with Chromium into every size the installers need, then packs the Windows .ico and the
// macOS .icns from those PNGs (both formats may embed PNG data as is). Run after changing the SVG:
//   node build/generate-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const here = new URL('.', import.meta.url).pathname;
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// icns types that hold PNG data: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x), ic11 32 (16@2x), ic12 64 (32@2x), ic13 256 (128@2x), ic14 512 (256@2x).
const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const pngs = new Map();
for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES, 1024])) {
  await page.setViewportSize({ width: size, height: size });
  const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
  await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
  pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
}
await browser.close();

mkdirSync(join(here, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) {
  writeFileSync(join(here, 'icons', `${size}x${size}.png`), pngs.get(size));
}
writeFileSync(join(here, 'icon.png'), pngs.get(1024));
writeFileSync(join(here, 'icon.ico'), ico(ICO_SIZES.map((size) => [size, pngs.get(size)])));
writeFileSync(join(here, 'icon.icns'), icns(ICNS_TYPES.map(([type, size]) => [type, pngs.get(size)])));
console.log(`icons written to ${here}: icon.png, icon.ico, icon.icns, icons/{${LINUX_SIZES.join(',')}}`);

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

function icns(images) {
  const chunks = images.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
