import { Input, Label, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { VOLUNTEER_APPLICATION_LABELS, VOLUNTEER_SKILLS, VOLUNTEER_SKILL_LABELS, type VolunteerSkill } from '@shared/volunteer';
import { placesApi, type ComplexSummary } from '../../../../api/places';
import { volunteerApi, type MyVolunteering } from '../../../../api/volunteer';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';
import { myComplexId } from '../../../../stores/place';
import '../../styles.scss';

function Chip({ id, on, label, onToggle }: { id: string; on: boolean; label: string; onToggle: () => void }) {
  return (
    <View id={id} className={`xfh-vp-chip ${on ? 'xfh-vp-chip--on' : ''}`} {...aria('checkbox', { checked: on, label })} onClick={onToggle}>
      <Text>{on ? '✓ ' : ''}{label}</Text>
    </View>
  );
}

const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/** Volunteer registration: real name, skills, the complexes to serve, consent to the agreement. */
export default function RegisterPage() {
  useSessionGate();
  const [mine, setMine] = useState<MyVolunteering | null>(null);
  const [complexes, setComplexes] = useState<ComplexSummary[] | null>(null);
  const [realName, setRealName] = useState('');
  const [skills, setSkills] = useState<VolunteerSkill[]>([]);
  const [complexIds, setComplexIds] = useState<number[]>([]);
  const [agreed, setAgreed] = useState(false);
  const [busy, run] = useAction();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([volunteerApi.mine(), placesApi.complexes()])
      .then(([m, cs]) => {
        setMine(m);
        setComplexes(cs);
        if (m.registration) {
          setRealName(m.registration.realName);
          setSkills(m.registration.skills as VolunteerSkill[]);
          setComplexIds(m.registration.complexes.map((c) => c.complexId));
        } else {
          const home = myComplexId();
          setComplexIds([home ?? cs[0]?.id].filter((x): x is number => !!x));
        }
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const submit = () => {
    if (!/^[\u4e00-\u9fa5·]{2,16}$/.test(realName.trim())) return setError('请填写 2–16 个汉字的真实姓名');
    if (skills.length === 0) return setError('请至少选择一项技能');
    if (complexIds.length === 0) return setError('请至少选择一个服务的综合体');
    if (!agreed) return setError('请阅读并同意志愿者服务协议');
    setError(null);
    return run(() => volunteerApi.register({ realName: realName.trim(), skills, complexIds, agreementVersion: mine!.agreementVersion }), '已提交，等待审核', {
      then: async () => setMine(await volunteerApi.mine()),
    });
  };

  if (!mine || !complexes) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} />
      </PageShell>
    );
  }

  return (
    <PageShell>
      {mine.registration && (
        <View className="xfh-card" id="registration-status">
          <Text className="xfh-section-title">审核状态</Text>
          {mine.registration.complexes.map((c) => (
            <View key={c.id} className="xfh-vp-item__head">
              <Text>{c.complexName}</Text>
              <Text className={`xfh-vp-status ${c.status === 'approved' ? '' : 'xfh-vp-status--warn'}`}>
                {VOLUNTEER_APPLICATION_LABELS[c.status]}
                {c.reason ? `：${c.reason}` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}

      <View className="xfh-vp-field">
        <Label className="xfh-vp-field__label" for="real-name">真实姓名</Label>
        <Input
          id="real-name"
          className="xfh-vp-input"
          value={realName}
          maxlength={16}
          placeholder="用于志愿服务证明"
          onInput={(e) => setRealName(e.detail.value)}
          nativeProps={{ 'aria-label': '真实姓名' }}
        />
      </View>

      <View className="xfh-vp-field">
        <Text className="xfh-vp-field__label">我能提供的服务（可多选）</Text>
        <View className="xfh-vp-chips" {...aria('group', { label: '技能' })}>
          {VOLUNTEER_SKILLS.map((s) => (
            <Chip key={s} id={`skill-${s}`} on={skills.includes(s)} label={VOLUNTEER_SKILL_LABELS[s]} onToggle={() => setSkills(toggle(skills, s))} />
          ))}
        </View>
      </View>

      <View className="xfh-vp-field">
        <Text className="xfh-vp-field__label">愿意服务的综合体</Text>
        <View className="xfh-vp-chips" {...aria('group', { label: '服务的综合体' })}>
          {complexes.map((c) => (
            <Chip key={c.id} id={`complex-${c.id}`} on={complexIds.includes(c.id)} label={c.name.replace('民生综合体', '')} onToggle={() => setComplexIds(toggle(complexIds, c.id))} />
          ))}
        </View>
      </View>

      <View className="xfh-card">
        <Text className="xfh-muted">
          志愿者服务协议（{mine.agreementVersion} 版）：本人自愿参加幸福荟志愿服务，按约定时间到岗，服从综合体工作人员安排，尊重服务对象隐私；服务时长经工作人员确认后记入幸福荟积分。
        </Text>
        <Chip id="agree-volunteer" on={agreed} label="我已阅读并同意志愿者服务协议" onToggle={() => setAgreed(!agreed)} />
      </View>

      {error && <Text className="xfh-error" {...aria('alert')}>{error}</Text>}
      <ActionButton id="submit-registration" loading={busy} onClick={submit}>
        {mine.registration ? '更新注册信息' : '提交注册'}
      </ActionButton>
    </PageShell>
  );
}
