// The pure QR encoder inside the `qrcode` package (no canvas, no Node built-ins), usable in both
// the WeChat and the browser builds.
declare module 'qrcode/lib/core/qrcode' {
  export function create(text: string | Array<{ data: Uint8Array; mode: 'byte' }>, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): {
    modules: { size: number; data: Uint8Array | boolean[] };
  };
}
