import { Image } from '@tarojs/components';

/**
 * A photo (an uploaded or picked picture) that fills its box. In the browser it is a plain <img>
 * so the alternative text reaches screen readers (Taro's H5 Image does not pass it to its inner
 * img); the class sets the size and `object-fit: cover`.
 */
export default function Photo({ src, alt, className }: { src: string; alt: string; className?: string }) {
  if (process.env.TARO_ENV === 'h5') return <img src={src} alt={alt} className={className} />;
  return <Image src={src} className={className} mode="aspectFill" ariaLabel={alt} />;
}
