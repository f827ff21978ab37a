import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { create } from 'qrcode/lib/core/qrcode';
import { aria } from '../../../../a11y';
import { meetingsApi } from '../../../../api/roundtable';
import './index.scss';

const REFRESH_MS = 30_000;

/**
 * The venue check-in QR a worker's phone shows at the meeting: a fresh signed code every 30 s
 * (each is valid for 60 s), drawn as a grid so it needs no canvas in WeChat or the browser.
 */
export default function VenueQr({ meetingId }: { meetingId: number }) {
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const fetchCode = () =>
      meetingsApi
        .venueCode(meetingId)
        .then((c) => alive && (setCode(c.code), setError(null)))
        .catch((e: Error) => alive && setError(e.message));
    fetchCode();
    const timer = setInterval(fetchCode, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [meetingId]);

  const rows = useMemo(() => {
    if (!code) return [];
    // Bytes, not a string: the string path needs TextEncoder, which WeChat's JS engine may lack.
    // The code is ASCII (kind.id.time.signature).
    const bytes = Uint8Array.from(code, (ch) => ch.charCodeAt(0));
    const { size, data } = create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
    return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => !!data[r * size + c]));
  }, [code]);

  if (error) return <Text className="xfh-error">{error}</Text>;
  return (
    <View className="xfh-venue-qr">
      <View className="xfh-venue-qr__grid" {...aria('img', { label: '签到二维码' })}>
        {rows.map((row, r) => (
          <View key={r} className="xfh-venue-qr__row">
            {row.map((dark, c) => (
              <View key={c} className={dark ? 'xfh-venue-qr__cell xfh-venue-qr__cell--dark' : 'xfh-venue-qr__cell'} />
            ))}
          </View>
        ))}
      </View>
      <Text className="xfh-muted">请居民用微信扫码签到；每 30 秒自动更新</Text>
      {code && (
        <Text className="xfh-venue-qr__code" id="venue-code" selectable>
          {code}
        </Text>
      )}
    </View>
  );
}
