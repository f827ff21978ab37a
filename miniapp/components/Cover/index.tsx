import { Image } from '@tarojs/components';
import { aria } from '../../a11y';
import { iconSvg, svgUri, type IconName } from '../Icon';
import './index.scss';

interface Look {
  icon: IconName;
  from: string;
  to: string;
}

// Default pictures: a category's own colour and icon, so a list of activities or rewards is
// not a wall of text. Dark enough for the white icon; no text inside (it would not scale).
const LOOKS: Array<[RegExp, Look]> = [
  [/党|支部/, { icon: 'branch', from: '#b42318', to: '#d8582c' }],
  [/医|健康|义诊|体检/, { icon: 'health', from: '#1b6f8f', to: '#2f97b8' }],
  [/助老|养老|老人|长者/, { icon: 'elder', from: '#9a4a00', to: '#c96f12' }],
  [/文体|运动|健身|太极|球/, { icon: 'sport', from: '#1d6b57', to: '#2f9a7c' }],
  [/音乐|合唱|舞/, { icon: 'music', from: '#6a3fa0', to: '#8f63c4' }],
  [/教育|课|讲座|学/, { icon: 'school', from: '#2b4f9a', to: '#4a72c2' }],
  [/安全|消防|反诈/, { icon: 'shield', from: '#4a5260', to: '#6b7585' }],
  [/物业|维修|修/, { icon: 'tools', from: '#5b5e2a', to: '#838741' }],
  [/理发|剪/, { icon: 'scissors', from: '#7a3b5e', to: '#a5587f' }],
  [/厨房|餐|食/, { icon: 'kitchen', from: '#9a4a00', to: '#c96f12' }],
  [/超市|券|购/, { icon: 'cart', from: '#1b6f8f', to: '#2f97b8' }],
  [/书|阅读/, { icon: 'book', from: '#2b4f9a', to: '#4a72c2' }],
];
const ACTIVITY: Look = { icon: 'activity', from: '#1d6b57', to: '#2f9a7c' };
const REWARD: Look = { icon: 'gift', from: '#9a4a00', to: '#c96f12' };

export function lookOf(text: string, fallback: Look): Look {
  return LOOKS.find(([re]) => re.test(text))?.[1] ?? fallback;
}

function coverSvg(look: Look, w: number, h: number): string {
  const s = Math.round(h * 0.5);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${look.from}"/><stop offset="1" stop-color="${look.to}"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#g)"/>` +
    `<circle cx="${w - h * 0.15}" cy="${h * 0.1}" r="${h * 0.55}" fill="#ffffff" fill-opacity="0.08"/>` +
    `<circle cx="${w * 0.08}" cy="${h}" r="${h * 0.45}" fill="#ffffff" fill-opacity="0.06"/>` +
    iconSvg(look.icon, '#ffffff', (w - s) / 2, (h - s) / 2, s) +
    `</svg>`
  );
}

interface Props {
  /** what picks the picture: an activity's category, a reward's name and kind */
  text: string;
  kind: 'activity' | 'reward';
  className?: string;
}

/** The default cover of an activity (per category) or picture of a reward; decorative. */
export default function Cover({ text, kind, className = '' }: Props) {
  const look = lookOf(text, kind === 'activity' ? ACTIVITY : REWARD);
  const [w, h] = kind === 'activity' ? [320, 120] : [120, 120];
  return <Image className={`xfh-cover xfh-cover--${kind} ${className}`} src={svgUri(coverSvg(look, w, h))} mode="aspectFill" lazyLoad {...aria(null, { hidden: true })} />;
}
