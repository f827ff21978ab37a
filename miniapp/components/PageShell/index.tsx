import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useEffect, useMemo } from 'react';
import { systemFontScale, useElderMode } from '../../stores/elderMode';
import { DialogHost } from '../ConfirmDialog';

interface Props {
  children: ReactNode;
  className?: string;
}

/**
 * The root of every page: applies elder mode (`xfh-elder`) and WeChat's font scale, which the
 * font-size tokens in app.scss read.
 */
export default function PageShell({ children, className }: Props) {
  const elder = useElderMode();
  const scale = useMemo(systemFontScale, []);
  useEffect(() => {
    // The H5 tab bar lives outside the page; let it follow elder mode too.
    if (process.env.TARO_ENV === 'h5') document.body.classList.toggle('xfh-elder-body', elder);
  }, [elder]);
  const classes = ['xfh-page', elder ? 'xfh-elder' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} style={scale !== 1 ? `--xfh-font-scale: ${scale}` : undefined}>
      {children}
      <DialogHost />
    </View>
  );
}
