import CopyCode from '../../../../components/CopyCode';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import QrImage from '../../../../components/QrImage';
import StatusView from '../../../../components/StatusView';
import './index.scss';

/** The check-in code on the worker's screen: a fresh one every 30 seconds (each is valid 60). */
export default function RotatingCode({ load }: { load: () => Promise<{ code: string; dataUrl: string; refreshSeconds: number }> }) {
  const [qr, setQr] = useState<{ dataUrl: string; code: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const tick = async () => {
      try {
        const r = await load();
        if (!live) return;
        setQr(r);
        setError(null);
        timer = setTimeout(tick, r.refreshSeconds * 1000);
      } catch (e) {
        if (!live) return;
        setError((e as Error).message);
        timer = setTimeout(tick, 5000);
      }
    };
    tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one timer loop per mount; tick re-reads the props it needs
  }, []);
  return (
    <View className="xfh-card xfh-rotating" id="checkin-qr">
      <StatusView loading={!qr && !error} error={error} />
      {qr && <QrImage className="xfh-rotating__img" src={qr.dataUrl} alt="现场签到二维码" />}
      <Text className="xfh-muted">请居民用「扫码签到」扫描；每 30 秒自动更新</Text>
      {qr && process.env.TARO_ENV === 'h5' && <CopyCode code={qr.code} />}
    </View>
  );
}

