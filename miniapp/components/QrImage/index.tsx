import { Image } from '@tarojs/components';

/**
 * A QR code picture (a data-URL PNG from the server). In the browser it is a plain <img> so the
 * alternative text reaches screen readers (Taro's H5 Image does not pass it to its inner img).
 */
export default function QrImage({ src, alt, className }: { src: string; alt: string; className?: string }) {
  if (process.env.TARO_ENV === 'h5') return <img src={src} alt={alt} className={className} />;
  return <Image src={src} className={className} mode="aspectFit" ariaLabel={alt} />;
}
