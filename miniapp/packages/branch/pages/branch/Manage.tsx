import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { branchApi, type BranchDetail } from '../../../../api/branch';
import { placesApi, type ComplexSummary } from '../../../../api/places';
import ActionButton from '../../../../components/ActionButton';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

/**
 * What the branch itself and district admins change on a branch page: the secretary and
 * contact; district admins also manage the member accounts and the paired complexes.
 */
export default function ManageBranch({ branch, isDistrictAdmin, onChanged }: { branch: BranchDetail; isDistrictAdmin: boolean; onChanged: () => void }) {
  const [secretary, setSecretary] = useState(branch.secretary);
  const [contact, setContact] = useState(branch.contact);
  const [phone, setPhone] = useState('');
  const { data: complexes } = useRemote(isDistrictAdmin, () => placesApi.complexes().catch((): ComplexSummary[] => []), []);
  const [pick, setPick] = useState(0);

  const [, run] = useAction(onChanged);

  const unpaired = (complexes ?? []).filter((c) => !branch.complexIds.includes(c.id));
  return (
    <View id="manage-branch">
      <Text className="xfh-section-title">支部资料</Text>
      <View className="xfh-card">
        <Text className="xfh-branch__field-label">支部书记</Text>
        <Input className="xfh-branch__input" nativeProps={{ 'aria-label': '支部书记' }} value={secretary} maxlength={32} onInput={(e) => setSecretary(e.detail.value)} />
        <Text className="xfh-branch__field-label" style={{ marginTop: '16px' }}>联系电话</Text>
        <Input className="xfh-branch__input" nativeProps={{ 'aria-label': '联系电话' }} value={contact} maxlength={32} onInput={(e) => setContact(e.detail.value)} />
        <ActionButton variant="secondary" onClick={() => run(() => branchApi.updateBranch(branch.id, { secretary: secretary.trim(), contact: contact.trim() }), '已保存')}>
          保存资料
        </ActionButton>
      </View>

      {isDistrictAdmin && (
        <>
          <Text className="xfh-section-title">管理员账号</Text>
          <View className="xfh-card">
            {(branch.members ?? []).map((m) => (
              <View key={m.id} className="xfh-branch__person">
                <Text>{m.realName || m.nickname} {m.phoneMasked ?? ''}</Text>
                <ActionButton variant="danger" className="xfh-branch__person-action" onClick={() => run(() => branchApi.removeMember(branch.id, m.id), '已移除')}>
                  移除
                </ActionButton>
              </View>
            ))}
            <Input className="xfh-branch__input" style={{ marginTop: '12px' }} type="number" maxlength={11} nativeProps={{ 'aria-label': '新管理员手机号' }} placeholder="新管理员的手机号" value={phone} onInput={(e) => setPhone(e.detail.value)} />
            <ActionButton variant="secondary" onClick={() => run(() => branchApi.addMember(branch.id, phone.trim()), '已添加').then(() => setPhone(''))}>
              添加管理员
            </ActionButton>
          </View>

          <Text className="xfh-section-title">结对管理</Text>
          <View className="xfh-card">
            {branch.complexes.map((c) => (
              <View key={c.id} className="xfh-branch__person">
                <Text>{c.name}</Text>
                <ActionButton variant="danger" className="xfh-branch__person-action" onClick={() => run(() => branchApi.removePair(branch.id, c.id), '已解除')}>
                  解除
                </ActionButton>
              </View>
            ))}
            {unpaired.length > 0 && (
              <>
                <Picker mode="selector" range={unpaired.map((c) => c.name)} value={Math.min(pick, unpaired.length - 1)} onChange={(e) => setPick(Number(e.detail.value))}>
                  <View className="xfh-branch__picker" style={{ marginTop: '12px' }}>{unpaired[Math.min(pick, unpaired.length - 1)].name}</View>
                </Picker>
                <ActionButton variant="secondary" onClick={() => run(() => branchApi.addPair(branch.id, unpaired[Math.min(pick, unpaired.length - 1)].id), '已结对')}>
                  新增结对
                </ActionButton>
              </>
            )}
          </View>
        </>
      )}
    </View>
  );
}
