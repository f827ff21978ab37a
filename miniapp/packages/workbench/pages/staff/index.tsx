import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { placesApi, type Street } from '../../../../api/places';
import { staffApi, type StaffMember } from '../../../../api/residency';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { SelectField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { aria } from '../../../../a11y';
import { ROLE_LABELS, type MANAGED_STAFF_ROLES } from '@shared/constants';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import { canManagePlaces, useManagedComplexes } from '../../scope';
import '../../admin.scss';

type NewRole = (typeof MANAGED_STAFF_ROLES)[number];

/**
 * 人员: the staff of one complex (its workers and its street's admins). District admins — and a
 * street admin within their street — add someone by phone, or remove them.
 */
export default function StaffPage() {
  const user = useSessionGate();
  const complexes = useManagedComplexes(user);
  const wanted = Number(useRouter().params.complexId) || null;
  const [pick, setPick] = useState(0);
  // opened from a complex's page: start on that complex
  useEffect(() => {
    const i = wanted && complexes ? complexes.findIndex((c) => c.id === wanted) : -1;
    if (i >= 0) setPick(i);
  }, [wanted, complexes]);
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<NewRole>('worker');
  const [streetPick, setStreetPick] = useState(-1);
  // the worker whose complexes are being changed, and the complexes ticked for them
  const [editing, setEditing] = useState<number | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const complex = complexes?.[pick];
  const admin = canManagePlaces(user);

  const { data, error, reload: load } = useRemote(!!complex, () => staffApi.ofComplex(complex!.id), [complex?.id]);
  const items = data?.items ?? null;
  const { data: streetList } = useRemote<Street[]>(user?.role === 'district_admin', () => placesApi.streets(), [user?.role]);
  const streets = streetList ?? [];
  const [busy, run] = useAction(load);
  const [, act] = useAction(load);

  const add = () => {
    if (!complex) return;
    if (!/^1[3-9]\d{9}$/.test(phone.trim())) return hint('请输入 11 位手机号');
    const streetId = role === 'street_admin' ? streets[streetPick]?.id : undefined;
    if (role === 'street_admin' && !streetId) return hint('请选择街道');
    return run(async () => {
      await staffApi.add({ phone: phone.trim(), role, ...(role === 'worker' ? { complexIds: [complex.id] } : { streetId }), ...(name.trim() ? { realName: name.trim() } : {}) });
      setPhone('');
      setName('');
    }, '已添加');
  };
  const remove = (m: StaffMember) =>
    act(() => staffApi.remove(m.userId), '已移除', { confirm: { title: '移除工作人员', content: `确定移除「${m.name}」吗？移除后对方立即无法再处理工作。`, danger: true, confirmText: '移除', cancelText: '取消' } });

  const startEdit = (m: StaffMember) => {
    setEditing(m.userId);
    setPicked(m.complexIds.filter((cid) => complexes?.some((c) => c.id === cid)));
  };
  const toggle = (cid: number) => setPicked((p) => (p.includes(cid) ? p.filter((x) => x !== cid) : [...p, cid]));
  const saveComplexes = (m: StaffMember) => {
    if (picked.length === 0) return hint('请至少选择一个综合体');
    return run(async () => {
      await staffApi.change(m.userId, { complexIds: picked });
      setEditing(null);
    }, '已保存');
  };

  return (
    <PageShell>
      <Text className="xfh-heading">人员管理</Text>
      <StatusView loading={complexes === null} empty={complexes?.length === 0 ? '您还没有负责的综合体' : null} />
      {complexes && complexes.length > 0 && <SelectField id="staff-complex" label="综合体" options={complexes.map((c) => c.name)} index={pick} onChange={setPick} />}

      <StatusView loading={!!complex && items === null && !error} error={error} onRetry={load} empty={items?.length === 0 ? '这个综合体还没有工作人员' : null} />
      <View id="staff-list">
        {items?.map((m) => (
          <View key={m.userId} className="xfh-card xfh-adm-item" id={`staff-${m.userId}`}>
            <View className="xfh-adm-item__head">
              <Text className="xfh-adm-item__title">{m.name}</Text>
              <Text className="xfh-tag">{ROLE_LABELS[m.role]}</Text>
            </View>
            <Text className="xfh-muted">{m.phoneMasked ?? ''}{m.role === 'worker' ? ` · 负责 ${m.complexIds.length} 个综合体` : ''}</Text>
            {admin && m.userId !== user?.id && (m.role === 'worker' || user?.role === 'district_admin') && (
              <ActionButton id={`staff-remove-${m.userId}`} variant="danger" onClick={() => remove(m)}>移除</ActionButton>
            )}
            {admin && m.userId !== user?.id && m.role === 'worker' && editing !== m.userId && (
              <ActionButton id={`staff-complexes-${m.userId}`} variant="secondary" onClick={() => startEdit(m)}>修改负责的综合体</ActionButton>
            )}
            {editing === m.userId && complexes && (
              <View id={`staff-complexes-edit-${m.userId}`}>
                <Text className="xfh-muted">选择对方负责的综合体（可多选）：</Text>
                <View className="xfh-chips" id={`staff-complexes-pick-${m.userId}`} {...aria('group', { label: '负责的综合体' })}>
                  {complexes.map((c) => (
                    <View
                      key={c.id}
                      id={`staff-complexes-pick-${m.userId}-${c.id}`}
                      className={`xfh-chips__item${picked.includes(c.id) ? ' xfh-chips__item--on' : ''}`}
                      onClick={() => toggle(c.id)}
                      {...aria('checkbox', { checked: picked.includes(c.id) })}
                    >
                      <Text>{c.name}</Text>
                    </View>
                  ))}
                </View>
                <ActionButton id={`staff-complexes-save-${m.userId}`} loading={busy} onClick={() => saveComplexes(m)}>保存</ActionButton>
                <ActionButton id={`staff-complexes-cancel-${m.userId}`} variant="secondary" onClick={() => setEditing(null)}>取消</ActionButton>
              </View>
            )}
          </View>
        ))}
      </View>

      {admin && complex && (
        <View className="xfh-card" id="staff-add">
          <Text className="xfh-section-title">添加工作人员</Text>
          {user?.role === 'district_admin' && (
            <ChoiceChips id="staff-role" label="岗位" options={[{ value: 'worker', label: `本综合体工作人员` }, { value: 'street_admin', label: '镇街管理员' }]} value={role} onChange={(v) => setRole(v as NewRole)} />
          )}
          {role === 'street_admin' && <SelectField id="staff-street" label="街道" options={streets.map((s) => s.name)} index={streetPick} onChange={setStreetPick} />}
          <FormField id="staff-phone" name="phone" label="手机号" value={phone} onInput={setPhone} placeholder="对方登录用的手机号" maxlength={11} type="number" />
          <FormField id="staff-name" name="name" label="姓名（选填）" value={name} onInput={setName} maxlength={32} />
          <ActionButton id="staff-add-go" loading={busy} onClick={add}>{role === 'worker' ? '添加为本综合体工作人员' : '添加为镇街管理员'}</ActionButton>
        </View>
      )}
    </PageShell>
  );
}
