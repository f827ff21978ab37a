import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { COMPLEX_MODES, COMPLEX_MODE_LABELS, type ComplexMode } from '@shared/constants';
import { placesApi, type Street } from '../../../../api/places';
import { placesAdminApi, type Community } from '../../../../api/residency';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { SelectField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import { coord, pickLocation } from '../../location';
import { useManagedComplexes } from '../../scope';
import '../../admin.scss';

/** 场所管理: the complexes one runs, and a form for a new one (district, or within one's street). */
export default function PlacesPage() {
  const user = useSessionGate();
  const complexes = useManagedComplexes(user);
  const [streets, setStreets] = useState<Street[]>([]);
  const [streetPick, setStreetPick] = useState(-1);
  const [communities, setCommunities] = useState<Community[]>([]);
  const [communityPick, setCommunityPick] = useState(-1);
  const [name, setName] = useState('');
  const [mode, setMode] = useState<ComplexMode>('flagship');
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [hotline, setHotline] = useState('');
  const [busy, run] = useAction();

  useEffect(() => {
    if (!user) return;
    placesApi
      .streets()
      .then((all) => {
        const mine = user.role === 'street_admin' ? all.filter((s) => s.id === user.streetId) : all;
        setStreets(mine);
        if (mine.length === 1) setStreetPick(0);
      })
      .catch(() => undefined);
  }, [user]);
  const street = streets[streetPick];
  useEffect(() => {
    setCommunityPick(-1);
    if (street) placesAdminApi.communities(street.id).then(setCommunities).catch(() => setCommunities([]));
  }, [street]);

  const locate = async () => {
    const p = await pickLocation();
    if (!p) return;
    setLat(String(p.lat));
    setLng(String(p.lng));
    if (!address) setAddress(p.address);
  };
  const create = () => {
    if (!street) return hint('请选择街道');
    const la = coord(lat);
    const ln = coord(lng);
    if (Number.isNaN(la) || Number.isNaN(ln)) return hint('请填写经纬度');
    return run(
      () =>
        placesAdminApi.createComplex({
          streetId: street.id,
          communityId: communities[communityPick]?.id ?? null,
          name: name.trim(),
          mode,
          address: address.trim(),
          lat: la,
          lng: ln,
          ...(hotline.trim() ? { hotline: hotline.trim() } : {}),
        }),
      '已创建',
      { then: ({ id }) => Taro.navigateTo({ url: ROUTES.placeEdit(id) }) },
    );
  };

  return (
    <PageShell>
      <Text className="xfh-heading">场所管理</Text>
      <View className="xfh-card" id="complex-new">
        <Text className="xfh-section-title">新建民生综合体</Text>
        <SelectField id="new-street" label="街道" options={streets.map((s) => s.name)} index={streetPick} onChange={setStreetPick} />
        <SelectField id="new-community" label="村社（选填）" options={communities.map((c) => c.name)} index={communityPick} onChange={setCommunityPick} empty="该街道还没有登记村社" />
        <FormField id="new-name" name="name" label="名称" value={name} onInput={setName} maxlength={64} placeholder="例如：文新街道某某社区民生综合体" />
        <ChoiceChips id="new-mode" label="模式" options={COMPLEX_MODES.map((m) => ({ value: m, label: COMPLEX_MODE_LABELS[m] }))} value={mode} onChange={(v) => setMode(v as ComplexMode)} />
        <FormField id="new-address" name="address" label="地址（主阵地）" value={address} onInput={setAddress} maxlength={200} />
        {process.env.TARO_ENV === 'weapp' && <ActionButton variant="secondary" onClick={locate}>在地图上选择位置</ActionButton>}
        <View className="xfh-adm-row">
          <FormField id="new-lat" name="lat" label="纬度" value={lat} onInput={setLat} placeholder="30.2800" />
          <FormField id="new-lng" name="lng" label="经度" value={lng} onInput={setLng} placeholder="120.1000" />
        </View>
        <FormField id="new-hotline" name="hotline" label="服务热线（选填）" value={hotline} onInput={setHotline} maxlength={32} />
        <ActionButton id="new-create" loading={busy} onClick={create}>创建并继续添加站点</ActionButton>
      </View>

      <Text className="xfh-section-title">我管理的综合体{complexes ? `（${complexes.length}）` : ''}</Text>
      <StatusView loading={complexes === null} empty={complexes?.length === 0 ? '还没有综合体' : null} />
      {complexes?.map((c) => (
        <View key={c.id} className="xfh-card xfh-adm-item" id={`place-${c.id}`} onClick={() => Taro.navigateTo({ url: ROUTES.placeEdit(c.id) })}>
          <View className="xfh-adm-item__head">
            <Text className="xfh-adm-item__title">{c.name}</Text>
            <Text className="xfh-tag">{COMPLEX_MODE_LABELS[c.mode]}</Text>
          </View>
          <Text className="xfh-muted">{c.address} · 编辑 ›</Text>
        </View>
      ))}
    </PageShell>
  );
}
