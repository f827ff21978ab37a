const INTERACTIVE = new Set(['button', 'link', 'switch', 'radio', 'checkbox', 'tab']);

/**
 * ARIA attributes for Taro components (their types do not list them). The H5 build renders them
 * for screen readers, and interactive roles become keyboard-focusable; WeChat's templates drop
 * them.
 */
export function aria(role: string | null, attrs: Record<string, string | number | boolean> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (role) out.role = role;
  if (role && INTERACTIVE.has(role) && process.env.TARO_ENV === 'h5') out.tabIndex = 0;
  for (const [k, v] of Object.entries(attrs)) out[`aria-${k}`] = typeof v === 'boolean' ? String(v) : v;
  return out;
}

/** The alt text of an <Image>'s inner <img> in the H5 build (Taro puts aria-label on the host only). */
export function imgAlt(alt: string): Record<string, unknown> {
  return process.env.TARO_ENV === 'h5' ? { nativeProps: { alt } } : {};
}
