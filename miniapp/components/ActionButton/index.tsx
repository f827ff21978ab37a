import { Button } from '@tarojs/components';
import type { ButtonProps } from '@tarojs/components';
import { aria } from '../../a11y';

type Variant = 'primary' | 'secondary' | 'danger';

/** The app's button: full width, ≥ 60 px tall in elder mode (see .xfh-button in app.scss). */
export default function ActionButton({ variant = 'primary', className, ...rest }: ButtonProps & { variant?: Variant }) {
  const classes = ['xfh-button', variant !== 'primary' ? `xfh-button--${variant}` : '', className ?? ''].filter(Boolean).join(' ');
  return <Button {...aria('button')} {...rest} className={classes} />;
}
