import { Button } from '@tarojs/components';
import type { ButtonProps } from '@tarojs/components';
import { aria } from '../../a11y';

type Variant = 'primary' | 'secondary' | 'danger';

/** The app's button: full width, ≥ 60 px tall in elder mode (see .xfh-button in app.scss). */
export default function ActionButton({ variant = 'primary', className, disabled, ...rest }: ButtonProps & { variant?: Variant }) {
  const classes = ['xfh-button', variant !== 'primary' ? `xfh-button--${variant}` : '', disabled ? 'xfh-button--disabled' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  // Taro's H5 button greys its text out whenever the disabled attribute is present, even as
  // "false": only set it when the button really is disabled.
  return <Button {...aria('button')} {...rest} disabled={disabled ? true : undefined} className={classes} />;
}
