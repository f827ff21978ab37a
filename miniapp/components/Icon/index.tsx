import { Image } from '@tarojs/components';
import { aria } from '../../a11y';
import { ICON_PATHS } from './paths.generated';
import './index.scss';

export type IconName = keyof typeof ICON_PATHS;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** base64 of an ASCII string (the SVGs are ASCII): no btoa in the mini-program runtime */
function base64(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const [a, b, c] = [s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2)];
    const n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (Number.isNaN(b) ? '=' : B64[(n >> 6) & 63]) + (Number.isNaN(c) ? '=' : B64[n & 63]);
  }
  return out;
}

const cache = new Map<string, string>();
/** An SVG as a data URI (WeChat's image takes base64 data URIs, not inline SVG). */
export function svgUri(svg: string): string {
  let uri = cache.get(svg);
  if (!uri) {
    uri = `data:image/svg+xml;base64,${base64(svg)}`;
    cache.set(svg, uri);
  }
  return uri;
}

/** The icon's own SVG, stroked in `color`, to place inside a larger picture. */
export const iconSvg = (name: IconName, color: string, x = 0, y = 0, size = 24) =>
  `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${ICON_PATHS[name]}</svg>`;

export const iconUri = (name: IconName, color: string) =>
  svgUri(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">${iconSvg(name, color)}</svg>`);

interface Props {
  name: IconName;
  color?: string;
  /** s 32px, m 44px (default), l 56px of the 750 design width; elder mode scales them */
  size?: 's' | 'm' | 'l';
  className?: string;
}

/** A line icon from @tabler/icons (scripts/icons.mjs); decorative, so hidden from screen readers. */
export default function Icon({ name, color = '#1d6b57', size = 'm', className = '' }: Props) {
  return <Image className={`xfh-icon xfh-icon--${size} ${className}`} src={iconUri(name, color)} mode="aspectFit" {...aria(null, { hidden: true })} />;
}
