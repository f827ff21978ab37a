#!/usr/bin/env node
// Draws the demo photos of the complexes (民生综合体) with sharp, so the demo never ships
// anyone's real picture: a building front, a garden and an activity room, as 960 × 540 JPEGs in
// server/src/domain/places/demo-photos/. Run `node scripts/demo-photos.mjs` and commit the output;
// the demo seeder (domain/places/demo.ts) copies them into UPLOAD_DIR.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'server/src/domain/places/demo-photos');
const W = 960;
const H = 540;

const sky = (a, b) => `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#sky)"/>`;
const tree = (x, y, s) => `<rect x="${x - 6 * s}" y="${y}" width="${12 * s}" height="${50 * s}" fill="#6b4a2b"/><circle cx="${x}" cy="${y - 10 * s}" r="${38 * s}" fill="#2f7d4f"/><circle cx="${x - 24 * s}" cy="${y + 8 * s}" r="${26 * s}" fill="#3c9160"/><circle cx="${x + 26 * s}" cy="${y + 6 * s}" r="${28 * s}" fill="#358a58"/>`;

function windows(x0, y0, cols, rows, w, h, gap) {
  let s = '';
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) s += `<rect x="${x0 + c * (w + gap)}" y="${y0 + r * (h + gap)}" width="${w}" height="${h}" rx="4" fill="${(r + c) % 3 ? '#bfe0f2' : '#f6e7a8'}"/>`;
  return s;
}

const SCENES = {
  // the building front: a low civic block with a green band and a glass entrance
  front: `${sky('#8ec9ea', '#e8f4fb')}
    <rect x="0" y="430" width="${W}" height="110" fill="#c9cfc2"/>
    <rect x="120" y="150" width="720" height="290" fill="#f2efe6"/>
    <rect x="120" y="150" width="720" height="34" fill="#1d6b57"/>
    ${windows(150, 210, 9, 2, 58, 52, 20)}
    <rect x="410" y="340" width="140" height="100" fill="#7fb7d1"/><rect x="478" y="340" width="4" height="100" fill="#f2efe6"/>
    ${tree(70, 380, 1)}${tree(900, 385, 0.9)}`,
  // the garden beside it: lawn, path, benches, trees
  garden: `${sky('#a6d6ef', '#f1f8fc')}
    <rect x="0" y="300" width="${W}" height="240" fill="#8cc36a"/>
    <path d="M380 540 C 440 420, 520 380, 600 300 L 660 300 C 600 390, 540 440, 520 540 Z" fill="#e6d9bd"/>
    ${tree(150, 280, 1.3)}${tree(320, 260, 1)}${tree(760, 270, 1.2)}${tree(880, 300, 0.9)}
    <rect x="180" y="420" width="120" height="14" rx="4" fill="#8a5a33"/><rect x="190" y="434" width="8" height="24" fill="#5c3b21"/><rect x="282" y="434" width="8" height="24" fill="#5c3b21"/>
    <rect x="700" y="440" width="120" height="14" rx="4" fill="#8a5a33"/><rect x="710" y="454" width="8" height="24" fill="#5c3b21"/><rect x="802" y="454" width="8" height="24" fill="#5c3b21"/>`,
  // the activity room: warm wall, window, a table with chairs
  room: `<rect width="${W}" height="${H}" fill="#f6ead8"/>
    <rect x="0" y="390" width="${W}" height="150" fill="#c99a6b"/>
    <rect x="560" y="70" width="300" height="220" rx="8" fill="#bfe0f2" stroke="#ffffff" stroke-width="14"/>
    <rect x="706" y="70" width="8" height="220" fill="#ffffff"/>
    <rect x="90" y="90" width="320" height="180" rx="10" fill="#1d6b57"/><rect x="110" y="110" width="280" height="140" rx="6" fill="#2f9a7c"/>
    <rect x="220" y="360" width="520" height="26" rx="6" fill="#8a5a33"/><rect x="250" y="386" width="16" height="90" fill="#6b4a2b"/><rect x="694" y="386" width="16" height="90" fill="#6b4a2b"/>
    ${[180, 320, 460, 600, 760].map((x) => `<rect x="${x}" y="330" width="60" height="70" rx="10" fill="#9a4a00"/>`).join('')}`,
};

mkdirSync(out, { recursive: true });
for (const [name, body] of Object.entries(SCENES)) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`;
  const info = await sharp(Buffer.from(svg)).jpeg({ quality: 72, mozjpeg: true }).toFile(path.join(out, `${name}.jpg`));
  console.log(`${name}.jpg ${info.width}×${info.height} ${(info.size / 1024).toFixed(1)} KB`);
}
