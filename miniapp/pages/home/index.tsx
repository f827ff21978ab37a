import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { ComplexSummary, Street } from '../../api/places';
import { placesApi } from '../../api/places';
import ComplexCard from '../../components/ComplexCard';
import ElderModeSwitch from '../../components/ElderModeSwitch';
import PageShell from '../../components/PageShell';
import QuickEntries from '../../components/QuickEntries';
import SearchEntry from '../../components/SearchEntry';
import StatusView from '../../components/StatusView';
import StreetPicker from '../../components/StreetPicker';
import { featuresFor } from '../../features';
import { currentPosition, type Position } from '../../location';
import { ROUTES } from '../../routes';
import { useSessionGate } from '../../session';
import { answerElderModeOffer, isSignedIn, roleHint, shouldOfferElderMode } from '../../stores/auth';
import { useElderMode } from '../../stores/elderMode';
import { preferredStreet, rememberNearestComplex, setPreferredStreet } from '../../stores/place';
import { hasAcceptedPrivacy } from '../../stores/privacy';
import ActionButton from '../../components/ActionButton';
import './index.scss';

type Locating = 'pending' | 'found' | 'unavailable';

export default function HomePage() {
  const user = useSessionGate();
  const elder = useElderMode();
  const [locating, setLocating] = useState<Locating>('pending');
  const [position, setPosition] = useState<Position | null>(null);
  const [streets, setStreets] = useState<Street[]>([]);
  const [streetId, setStreetId] = useState<number | null>(preferredStreet());
  const [complexes, setComplexes] = useState<ComplexSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // First open: the session gate is about to show the privacy notice. Asking for the location
    // now would make WeChat raise onNeedPrivacyAuthorization too and stack a second notice.
    if (!hasAcceptedPrivacy()) return;
    currentPosition().then((pos) => {
      setPosition(pos);
      setLocating(pos ? 'found' : 'unavailable');
    });
  }, []);

  useEffect(() => {
    if (locating === 'unavailable' && streets.length === 0) {
      placesApi.streets().then(setStreets).catch(() => undefined);
    }
  }, [locating, streets.length]);

  // The list needs a session, not the profile: ask for it beside GET /me rather than after it.
  const signedIn = !!user || isSignedIn();
  // the role the profile had last time on this device: the entries need no wait for GET /me
  const [hintedRole] = useState(roleHint);
  const role = user?.role ?? hintedRole;
  const load = useCallback(async () => {
    if (locating === 'pending' || !signedIn) return;
    setError(null);
    try {
      const q = position ? { lat: position.lat, lng: position.lng } : { streetId: streetId ?? undefined };
      const list = await placesApi.complexes(q);
      setComplexes(list);
      // the other tabs use the nearest one too (after the resident's own choice or home)
      if (position && list[0]) rememberNearestComplex(list[0].id);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [locating, position, streetId, signedIn]);

  useEffect(() => {
    load();
  }, [load]);

  const pickStreet = (id: number | null) => {
    setStreetId(id);
    setPreferredStreet(id);
  };

  // Elder mode shows fewer cards per screen; the full list is one tap away.
  const limit = elder ? 3 : 6;
  const shown = complexes?.slice(0, limit) ?? [];

  return (
    <PageShell className="xfh-home">
      <View className="xfh-home__hello">
        <Text className="xfh-heading">您好{user?.nickname ? `，${user.nickname}` : ''}</Text>
        <Text className="xfh-muted">西湖区民生综合体 · 家门口的一站式服务</Text>
      </View>

      <SearchEntry />

      <ElderModeSwitch />

      {shouldOfferElderMode(user) && (
        <View className="xfh-card xfh-home__offer">
          <Text className="xfh-section-title">要不要试试长辈模式？</Text>
          <Text>字更大、按钮更大，每屏内容更少，看得更清楚。以后也可以在“我的”里随时切换。</Text>
          <ActionButton onClick={() => answerElderModeOffer(true).catch(() => undefined)}>
            开启长辈模式
          </ActionButton>
          <ActionButton variant="secondary" onClick={() => answerElderModeOffer(false).catch(() => undefined)}>
            暂不需要
          </ActionButton>
        </View>
      )}

      {/* What follows depends on who is signed in (the quick entries are per role): it appears in one
          go once the role is known (remembered from the last visit, else from GET /me), so nothing
          already on screen is pushed down by it. */}
      {!role ? (
        <StatusView loading />
      ) : (
        <>
          {featuresFor(role).length > 0 && (
            <View>
              <Text className="xfh-section-title">常用服务</Text>
              <QuickEntries features={featuresFor(role)} />
            </View>
          )}

          <Text className="xfh-section-title">{position ? '离您最近的综合体' : '民生综合体'}</Text>
          {locating === 'unavailable' && (
            <View className="xfh-home__streets">
              <Text className="xfh-muted">没有获取到您的位置，请选择您所在的街道：</Text>
              <StreetPicker streets={streets} selected={streetId} onSelect={pickStreet} />
            </View>
          )}
          <StatusView
            loading={locating === 'pending' || (!complexes && !error)}
            error={error}
            empty={complexes && complexes.length === 0 ? '这个街道暂时没有综合体信息' : null}
            onRetry={load}
          />
          <View id="complex-list">
            {shown.map((c) => (
              <ComplexCard key={c.id} complex={c} />
            ))}
          </View>
          {complexes && complexes.length > limit && (
            <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.complexList })}>
              查看全部 {complexes.length} 个综合体
            </ActionButton>
          )}
        </>
      )}
    </PageShell>
  );
}
