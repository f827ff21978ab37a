import { Button } from '@tarojs/components';
import type { ButtonProps } from '@tarojs/components';
import { aria } from '../../a11y';

type Variant = 'primary' | 'secondary' | 'danger' | 'danger-solid';

/** The app's button: full width, ≥ 60 px tall in elder mode (see .xfh-button in app.scss). */
export default function ActionButton({ variant = 'primary', className, disabled, loading, ...rest }: ButtonProps & { variant?: Variant }) {
  const classes = ['xfh-button', variant !== 'primary' ? `xfh-button--${variant}` : '', disabled ? 'xfh-button--disabled' : '', className ?? ''].filter(Boolean).join(' ');
  // Taro's H5 button reflects `false` as an attribute (disabled="false"), and its own CSS then
  // greys the text out: pass the flags only when they are on.
  const flags = { ...(disabled ? { disabled: true } : {}), ...(loading ? { loading: true } : {}) };
  return <Button {...aria('button', disabled ? { disabled: true } : {})} {...rest} {...flags} className={classes} />;
}
