import { imgAlt } from '../../../../a11y';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { COMPLEX_MODES, COMPLEX_MODE_LABELS, SPACE_TYPES, SPACE_TYPE_LABELS, STAR_MOON_MAX_M, type ComplexMode, type SpaceType } from '@shared/constants';
import { placesApi, type ComplexDetail } from '../../../../api/places';
import type { ApiError } from '../../../../api/request';
import { complexPhotoSrc, placesAdminApi, uploadComplexPhoto } from '../../../../api/residency';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { SelectField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { formatDistance } from '../../../../format';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { coord, pickLocation } from '../../location';
import { hint, useAction } from '../../../../useAction';
import '../../admin.scss';

/** One complex: its details, its sites (main + satellites / chain), spaces and photos. */
export default function PlaceEditPage() {
  useSessionGate();
  const id = Number(useRouter().params.id);
  const [c, setC] = useState<ComplexDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [mode, setMode] = useState<ComplexMode>('flagship');
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [hotline, setHotline] = useState('');
  const [hours, setHours] = useState('');
  // the server's per-field messages for the 基本信息 form
  const [fields, setFields] = useState<Record<string, string>>({});
  // new facility
  const [fName, setFName] = useState('');
  const [fAddress, setFAddress] = useState('');
  const [fLat, setFLat] = useState('');
  const [fLng, setFLng] = useState('');
  // new space
  const [sFacility, setSFacility] = useState(0);
  const [sName, setSName] = useState('');
  const [sType, setSType] = useState(0);
  const [sBookable, setSBookable] = useState<'yes' | 'no'>('no');
  const [sCapacity, setSCapacity] = useState('');
  // the space being edited in place
  const [eSpace, setESpace] = useState<number | null>(null);
  const [eName, setEName] = useState('');
  const [eCapacity, setECapacity] = useState('');
  const [eFields, setEFields] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    setError(null);
    try {
      const d = await placesApi.complex(id);
      setC(d);
      setName(d.name);
      setMode(d.mode);
      setAddress(d.address);
      setLat(String(d.lat));
      setLng(String(d.lng));
      setHotline(d.hotline ?? '');
      setHours(d.openingHours ?? '');
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id]);
  useEffect(() => {
    load();
  }, [load]);

  const [busy, run] = useAction(load);

  if (!c) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }

  const locate = async () => {
    const p = await pickLocation();
    if (!p) return;
    setFLat(String(p.lat));
    setFLng(String(p.lng));
    if (!fName) setFName(p.name);
    if (!fAddress) setFAddress(p.address);
  };
  const addFacility = async () => {
    const lat = coord(fLat);
    const lng = coord(fLng);
    if (Number.isNaN(lat) || Number.isNaN(lng)) return hint('请填写经纬度');
    const done = await run(() => placesAdminApi.addFacility(id, { name: fName.trim(), address: fAddress.trim(), lat, lng }), '站点已添加');
    if (done) {
      setFName('');
      setFAddress('');
      setFLat('');
      setFLng('');
    }
  };
  const addSpace = async () => {
    const f = c.facilities[sFacility];
    if (!f) return;
    const done = await run(
      () => placesAdminApi.addSpace(f.id, { name: sName.trim(), type: SPACE_TYPES[sType] as SpaceType, bookable: sBookable === 'yes', capacity: Number(sCapacity) || 0 }),
      '空间已添加',
    );
    if (done) setSName('');
  };
  const editSpace = (sp: { id: number; name: string; capacity: number | null }) => {
    setESpace(sp.id);
    setEName(sp.name);
    setECapacity(String(sp.capacity ?? 0));
    setEFields({});
  };
  const saveSpace = (spaceId: number) => {
    const cap = Number(eCapacity.trim() || '0');
    if (!Number.isInteger(cap) || cap < 0) {
      setEFields({ capacity: '请填写 0 或正整数' });
      return;
    }
    setEFields({});
    return run(
      async () => {
        await placesAdminApi.updateSpace(spaceId, { name: eName.trim(), capacity: cap });
        setESpace(null);
      },
      '已保存',
      {
        onError: (e) => {
          const err = e as ApiError;
          const f = (err.details as { fields?: Record<string, string> } | undefined)?.fields;
          if (f) setEFields(f);
          else if (err.code === 'name_taken') setEFields({ name: err.message });
        },
      },
    );
  };
  const removeSpace = (spaceId: number) =>
    run(() => placesAdminApi.removeSpace(spaceId), '已处理', { confirm: { title: '删除空间', content: '有预约记录的空间会归档保留，不再开放预约。确定吗？', danger: true, confirmText: '删除', cancelText: '取消' } });
  const addPhoto = async () => {
    try {
      const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      if (r.tempFilePaths[0]) await run(() => uploadComplexPhoto(id, r.tempFilePaths[0]), '照片已上传');
    } catch {
      // cancelled
    }
  };
  const save = () => {
    const la = coord(lat);
    const ln = coord(lng);
    if (Number.isNaN(la) || Number.isNaN(ln)) {
      setFields({ lat: '请填写经纬度' });
      return;
    }
    setFields({});
    return run(() => placesAdminApi.updateComplex(id, { name: name.trim(), mode, address: address.trim(), lat: la, lng: ln, openingHours: hours.trim(), hotline: hotline.trim() }), '已保存', {
      onError: (e) => {
        const err = e as ApiError;
        const f = (err.details as { fields?: Record<string, string> } | undefined)?.fields;
        if (f) setFields(f);
        else if (err.code === 'name_taken') setFields({ name: err.message });
        else if (err.code === 'too_far') setFields({ lat: err.message });
      },
    });
  };
  const archive = () =>
    run(() => placesAdminApi.updateComplex(id, { archived: true }), '已归档', { confirm: { title: '归档综合体', content: '归档后居民将看不到这个综合体，历史记录保留。确定吗？', danger: true, confirmText: '归档', cancelText: '取消' } });

  return (
    <PageShell>
      <Text className="xfh-heading" id="place-name">{c.name}</Text>
      <Text className="xfh-muted">{COMPLEX_MODE_LABELS[c.mode]} · {c.streetName} · {c.address}</Text>

      <View className="xfh-card">
        <Text className="xfh-section-title">基本信息</Text>
        <FormField id="edit-name" name="name" label="名称" value={name} onInput={setName} maxlength={64} error={fields.name} />
        <ChoiceChips id="edit-mode" label="模式" options={COMPLEX_MODES.map((m) => ({ value: m, label: COMPLEX_MODE_LABELS[m] }))} value={mode} onChange={(v) => setMode(v as ComplexMode)} />
        {fields.mode && <Text className="xfh-error">{fields.mode}</Text>}
        <FormField id="edit-address" name="address" label="地址（主阵地）" value={address} onInput={setAddress} maxlength={200} error={fields.address} />
        <View className="xfh-adm-row">
          <FormField id="edit-lat" name="lat" label="纬度" value={lat} onInput={setLat} error={fields.lat} />
          <FormField id="edit-lng" name="lng" label="经度" value={lng} onInput={setLng} error={fields.lng} />
        </View>
        <Text className="xfh-muted">修改地址或坐标会同时移动主阵地。</Text>
        <FormField id="edit-hours" name="openingHours" label="开放时间" value={hours} onInput={setHours} maxlength={100} error={fields.openingHours} />
        <FormField id="edit-hotline" name="hotline" label="服务热线" value={hotline} onInput={setHotline} maxlength={32} error={fields.hotline} />
        <ActionButton id="edit-save" variant="secondary" loading={busy} onClick={save}>保存</ActionButton>
      </View>

      <Text className="xfh-section-title">服务站点（{c.facilities.length}）</Text>
      <View id="place-facilities">
        {c.facilities.map((f) => (
          <View key={f.id} className="xfh-card xfh-adm-item" id={`facility-${f.id}`}>
            <View className="xfh-adm-item__head">
              <Text className="xfh-adm-item__title">{f.name}</Text>
              <Text className="xfh-muted">{f.isMain ? '主阵地' : `距主阵地 ${formatDistance(f.distanceM)}`}</Text>
            </View>
            <Text className="xfh-muted">{f.address}</Text>
            {!f.isMain && <ActionButton id={`facility-remove-${f.id}`} variant="danger" onClick={() => run(() => placesAdminApi.removeFacility(f.id), '已处理')}>删除站点</ActionButton>}
          </View>
        ))}
      </View>
      <View className="xfh-card" id="facility-new">
        <Text className="xfh-section-title">{c.mode === 'star_moon' ? '添加卫星点' : '添加站点'}</Text>
        {c.mode === 'star_moon' && <Text className="xfh-muted">星月式的卫星点须在主阵地 {STAR_MOON_MAX_M} 米以内。</Text>}
        <FormField id="facility-name" name="name" label="名称" value={fName} onInput={setFName} maxlength={64} />
        <FormField id="facility-address" name="address" label="地址" value={fAddress} onInput={setFAddress} maxlength={200} />
        {process.env.TARO_ENV === 'weapp' && <ActionButton id="facility-locate" variant="secondary" onClick={locate}>在地图上选择位置</ActionButton>}
        <View className="xfh-adm-row">
          <FormField id="facility-lat" name="lat" label="纬度" value={fLat} onInput={setFLat} />
          <FormField id="facility-lng" name="lng" label="经度" value={fLng} onInput={setFLng} />
        </View>
        <ActionButton id="facility-add" loading={busy} onClick={addFacility}>添加站点</ActionButton>
      </View>

      <Text className="xfh-section-title">“7+X”服务空间（{c.spaces.length}）</Text>
      <View id="place-spaces">
        {c.spaces.map((s) => (
          <View key={s.id} className="xfh-card xfh-adm-item" id={`space-${s.id}`}>
            <View className="xfh-adm-item__head">
              <Text className="xfh-adm-item__title">{s.name}</Text>
              <Text className="xfh-muted">{SPACE_TYPE_LABELS[s.type]}{s.bookable ? ` · 可预约 ${s.capacity ?? 0} 人` : ''}</Text>
            </View>
            {eSpace === s.id ? (
              <View id={`space-edit-${s.id}`}>
                <FormField id={`space-edit-name-${s.id}`} label="名称" value={eName} onInput={setEName} maxlength={64} error={eFields.name} />
                <FormField id={`space-edit-capacity-${s.id}`} label="容量（人）" value={eCapacity} onInput={setECapacity} type="number" error={eFields.capacity} />
                <ActionButton id={`space-edit-save-${s.id}`} loading={busy} onClick={() => saveSpace(s.id)}>保存</ActionButton>
                <ActionButton id={`space-edit-cancel-${s.id}`} variant="secondary" onClick={() => setESpace(null)}>取消</ActionButton>
              </View>
            ) : (
              <ActionButton id={`space-edit-open-${s.id}`} variant="secondary" onClick={() => editSpace(s)}>修改名称和容量</ActionButton>
            )}
            <ActionButton id={`space-remove-${s.id}`} variant="danger" onClick={() => removeSpace(s.id)}>删除空间</ActionButton>
          </View>
        ))}
      </View>
      <View className="xfh-card" id="space-new">
        <Text className="xfh-section-title">添加空间</Text>
        <SelectField id="space-facility" label="所在站点" options={c.facilities.map((f) => f.name)} index={sFacility} onChange={setSFacility} />
        <SelectField id="space-type" label="类型" options={SPACE_TYPES.map((t) => SPACE_TYPE_LABELS[t])} index={sType} onChange={setSType} />
        <FormField id="space-name" name="name" label="名称" value={sName} onInput={setSName} maxlength={64} />
        <ChoiceChips id="space-bookable" label="是否可预约" options={[{ value: 'no', label: '不可预约' }, { value: 'yes', label: '可预约' }]} value={sBookable} onChange={(v) => setSBookable(v as 'yes' | 'no')} />
        <FormField id="space-capacity" name="capacity" label="容量（人）" value={sCapacity} onInput={setSCapacity} type="number" />
        <ActionButton id="space-add" loading={busy} onClick={addSpace}>添加空间</ActionButton>
      </View>

      <Text className="xfh-section-title">照片</Text>
      <View className="xfh-card">
        {c.photos?.map((p) => <Image key={p.id} src={complexPhotoSrc(p.url)} mode="widthFix" style={{ width: '100%' }} ariaLabel="综合体照片" {...imgAlt('综合体照片')} />)}
        <ActionButton id="photo-add" variant="secondary" onClick={addPhoto}>上传照片</ActionButton>
      </View>

      <ActionButton id="place-staff" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.staffOf(id) })}>这个综合体的工作人员</ActionButton>
      <ActionButton id="place-archive" variant="danger" onClick={archive}>归档这个综合体</ActionButton>
    </PageShell>
  );
}
