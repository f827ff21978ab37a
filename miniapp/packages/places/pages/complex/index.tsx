import { aria, imgAlt } from '../../../../a11y';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { placesApi, type ComplexDetail } from '../../../../api/places';
import { bookingApi, type ActivitySummary } from '../../../../api/booking';
import ActivityCard from '../../../../components/ActivityCard';
import Hotline from '../../../../components/Hotline';
import ModeTag from '../../../../components/ModeTag';
import PageShell from '../../../../components/PageShell';
import SpaceGroups from '../../../../components/SpaceGroups';
import StatusView from '../../../../components/StatusView';
import { formatDistance } from '../../../../format';
import { myComplexId, setMyComplexId } from '../../../../stores/place';
import { meApi } from '../../../../api/me';
import { complexPhotoSrc } from '../../../../api/residency';
import { isSignedIn, loadMe, useUser } from '../../../../stores/auth';
import { ROUTES } from '../../../../routes';
import { COMPLEX_MODE_HINTS, RESIDENCY_STATUS_LABELS } from '@shared/constants';
import { Image } from '@tarojs/components';
import ActionButton from '../../../../components/ActionButton';
import { useRemote } from '../../../../refresh';
import { useAction } from '../../../../useAction';
import './index.scss';

export default function ComplexPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const remote = useRemote<ComplexDetail>(
    id > 0,
    async () => {
      const c = await placesApi.complex(id);
      Taro.setNavigationBarTitle({ title: c.name });
      return c;
    },
    [id],
  );
  const { data: complex, reload: load } = remote;
  const error = id > 0 ? remote.error : '没有找到这个综合体';
  const { data: activities } = useRemote<ActivitySummary[]>(id > 0, () => bookingApi.activities({ complexId: id, limit: 5 }).then((p) => p.items, () => []), [id]);
  const user = useUser();
  const residency = user?.residency;
  // signed in, "mine" is the claimed home on the server; otherwise the one remembered here
  const [localMine, setLocalMine] = useState(myComplexId() === id);
  const isMine = residency ? residency.complexId === id : localMine;
  const [busy, run] = useAction();

  const facilityNames = useMemo(
    () => Object.fromEntries((complex?.facilities ?? []).map((f) => [f.id, f.name])),
    [complex],
  );

  const makeMine = () => {
    setMyComplexId(id);
    setLocalMine(true);
    // not signed in: remembered on this device only, nothing to send
    if (!isSignedIn()) return run(async () => undefined, '已设为我的综合体');
    // a claim: staff of this complex verify it (我的 → 我的综合体 shows the 认证码)
    return run(
      async () => {
        await meApi.update({ homeComplexId: id });
        await loadMe();
      },
      '已设为我的综合体，待认证',
      { plain: true },
    );
  };

  if (!complex) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={id > 0 ? load : undefined} />
      </PageShell>
    );
  }

  const facilities = [...complex.facilities].sort((a, b) => Number(b.isMain) - Number(a.isMain) || a.distanceM - b.distanceM);

  return (
    <PageShell className="xfh-complex">
      <View className="xfh-complex__head">
        <Text className="xfh-heading" id="complex-name">{complex.name}</Text>
        <View className="xfh-complex__mode">
          <ModeTag mode={complex.mode} />
          <Text className="xfh-muted xfh-complex__mode-hint">{COMPLEX_MODE_HINTS[complex.mode]}</Text>
        </View>
      </View>

      <View className="xfh-card xfh-complex__info">
        <View className="xfh-complex__row">
          <Text className="xfh-complex__label">地址</Text>
          <Text className="xfh-complex__value">{[complex.streetName, complex.communityName, complex.address].filter(Boolean).join(' · ')}</Text>
        </View>
        <View className="xfh-complex__row">
          <Text className="xfh-complex__label">开放时间</Text>
          <Text className="xfh-complex__value">{complex.openingHours || '请电话咨询'}</Text>
        </View>
        {complex.hotline && (
          <View className="xfh-complex__row">
            <Text className="xfh-complex__label">服务热线</Text>
            <Text className="xfh-complex__value">{complex.hotline}</Text>
          </View>
        )}
        {complex.hotline && <Hotline phone={complex.hotline} />}
        {isMine ? (
          <View className="xfh-complex__mine-row" onClick={() => residency && Taro.navigateTo({ url: ROUTES.residency })}>
            <Text className="xfh-complex__mine" id="complex-mine">✓ 这是我的综合体</Text>
            {residency && residency.complexId === id && <Text className="xfh-tag" id="complex-residency">{RESIDENCY_STATUS_LABELS[residency.status]}</Text>}
          </View>
        ) : (
          <ActionButton id="make-mine" loading={busy} onClick={makeMine}>
            设为我的综合体
          </ActionButton>
        )}
      </View>

      {complex.photos && complex.photos.length > 0 && (
        <View className="xfh-complex__photos" id="complex-photos" {...aria('region', { label: '综合体照片' })} {...(process.env.TARO_ENV === 'h5' ? { tabIndex: 0 } : {})}>
          {complex.photos.map((p) => (
            <Image key={p.id} className="xfh-complex__photo" src={complexPhotoSrc(p.url)} mode="aspectFill" ariaLabel={`${complex.name}照片`} {...imgAlt(`${complex.name}照片`)} />
          ))}
        </View>
      )}

      {complex.description && (
        <View className="xfh-card">
          <Text>{complex.description}</Text>
        </View>
      )}

      <Text className="xfh-section-title">服务站点（{facilities.length}）</Text>
      <View className="xfh-card xfh-complex__facilities">
        {facilities.map((f) => (
          <View key={f.id} className="xfh-complex__facility">
            <View className="xfh-complex__facility-head">
              <Text className="xfh-complex__facility-name">{f.name}</Text>
              {f.isMain ? (
                <Text className="xfh-tag xfh-tag--flagship">主阵地</Text>
              ) : (
                <Text className="xfh-complex__facility-distance">距主阵地 {formatDistance(f.distanceM)}</Text>
              )}
            </View>
            <Text className="xfh-muted">{f.address}</Text>
          </View>
        ))}
      </View>

      <Text className="xfh-section-title">近期活动</Text>
      <View id="complex-activities">
        <StatusView loading={activities === null} empty={activities?.length === 0 ? '近期没有活动，可以先看看下面的服务空间' : null} />
        {activities?.map((a) => <ActivityCard key={a.id} a={a} onClick={() => Taro.navigateTo({ url: ROUTES.activity(a.id) })} />)}
      </View>

      <Text className="xfh-section-title" id="spaces-title">“7+X”服务空间（{complex.spaces.length}）</Text>
      <SpaceGroups spaces={complex.spaces} facilityNames={facilityNames} />
    </PageShell>
  );
}
