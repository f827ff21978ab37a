import { Button, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** A hotline as a big call button: tel: link in the browser, makePhoneCall in WeChat. */
export default function Hotline({ phone, label = '拨打热线' }: { phone: string; label?: string }) {
  const digits = phone.replace(/[^\d+]/g, '');
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className="xfh-button xfh-button--secondary xfh-button--link" href={`tel:${digits}`}>
        <Text>{`${label} ${phone}`}</Text>
      </a>
    );
  }
  return (
    // The user may cancel WeChat's call sheet ("makePhoneCall:fail cancel"): nothing to do then.
    <Button className="xfh-button xfh-button--secondary" onClick={() => Taro.makePhoneCall({ phoneNumber: digits }).catch(() => undefined)}>
      {`${label} ${phone}`}
    </Button>
  );
}
