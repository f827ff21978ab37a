import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../../../a11y';
import { FAMILY_RELATIONS, familyApi, type FamilyLink } from '../../../../api/family';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { formatDateTime } from '../../../../time';
import './index.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

interface Shown {
  code: string;
  expiresAt: string;
  /** who it is for, or null for an open code */
  who: string | null;
}

/**
 * 亲情代办. As a senior: who may act for me, requests waiting for my consent (my device shows the
 * code), what they did for me. As a family member: ask to link with a senior, enter the code the
 * senior's device shows, then act for them.
 */
export default function FamilyPage() {
  useSessionGate();
  const { data: links, error, reload: load } = useRemote(true, () => familyApi.links());
  const [shown, setShown] = useState<Shown | null>(null);
  const [codes, setCodes] = useState<Record<number, string>>({});
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState<string | null>(null);
  /** the request went out: now the family member enters the code the senior's device shows */
  const [sent, setSent] = useState<string | null>(null);
  const [askCode, setAskCode] = useState('');
  const [, run] = useAction(load);
  const [, fetch] = useAction();

  const showCode = (link: FamilyLink | null) =>
    fetch(async () => {
      const c = await familyApi.issueCode(link?.id);
      setShown({ code: c.code, expiresAt: c.expiresAt, who: link ? link.other.nickname : null });
    }, null);
  const unlink = (link: FamilyLink) =>
    run(
      async () => {
        await familyApi.unlink(link.id);
        setShown(null);
      },
      null,
      {
        confirm: {
          title: link.status === 'pending' ? '拒绝这个申请？' : '解除亲情代办？',
          content: link.status === 'pending' ? `${link.other.nickname}将不能为您代办` : `解除后${link.other.nickname}不能再为${link.as === 'senior' ? '您' : 'TA'}代办，也看不到相关记录`,
          danger: true,
          confirmText: link.status === 'pending' ? '拒绝' : '解除',
          cancelText: '再想想',
        },
      },
    );
  const confirmCode = (link: FamilyLink) => run(() => familyApi.confirm(link.id, (codes[link.id] ?? '').trim()), '关联成功');
  const ask = () => relation && fetch(async () => setSent((await familyApi.requestLink(phone.trim(), relation)).message), null);
  const linkWithCode = () =>
    relation &&
    run(
      async () => {
        await familyApi.requestLink(phone.trim(), relation, askCode.trim());
        setPhone('');
        setAskCode('');
        setSent(null);
      },
      '关联成功',
    );

  const mine = links?.filter((l) => l.as === 'senior') ?? [];
  const seniors = links?.filter((l) => l.as === 'family') ?? [];

  return (
    <PageShell className="xfh-elder xfh-family">
      <StatusView loading={!links && !error} error={error} onRetry={load} />

      {shown && (
        <View className="xfh-card xfh-family__code" id="family-code" {...aria('status', { live: 'polite' })}>
          <Text>{shown.who ? `请把确认码告诉${shown.who}` : '请把确认码告诉您的家人'}</Text>
          <Text className="xfh-family__digits">{shown.code}</Text>
          <Text className="xfh-muted">{`${formatDateTime(shown.expiresAt)} 前有效，只能用一次。不认识的人要确认码，请不要给。`}</Text>
        </View>
      )}

      <Text className="xfh-section-title">能帮我代办的家人</Text>
      {links && mine.length === 0 && <Text className="xfh-muted">还没有关联家人。</Text>}
      {mine.map((l) => (
        <View key={l.id} className="xfh-card xfh-family__link" id={`link-${l.id}`}>
          <Text className="xfh-family__name">{`${l.other.nickname}（${l.relation}）`}</Text>
          <Text className="xfh-muted">{l.status === 'active' ? `已关联 · ${l.other.phoneMasked ?? ''}` : `申请关联 · ${l.other.phoneMasked ?? ''}`}</Text>
          {l.status === 'pending' && (
            <ActionButton id={`link-${l.id}-agree`} onClick={() => showCode(l)}>
              同意并显示确认码
            </ActionButton>
          )}
          <ActionButton variant="danger" onClick={() => unlink(l)}>
            {l.status === 'pending' ? '拒绝' : '解除关联'}
          </ActionButton>
        </View>
      ))}
      <ActionButton variant="secondary" id="family-open-code" onClick={() => showCode(null)}>
        家人就在身边：显示确认码
      </ActionButton>
      <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.proxyActions })}>
        家人为我代办的记录
      </ActionButton>

      <Text className="xfh-section-title">我关联的长辈</Text>
      {links && seniors.length === 0 && <Text className="xfh-muted">还没有关联长辈。</Text>}
      {seniors.map((l) => (
        <View key={l.id} className="xfh-card xfh-family__link" id={`senior-${l.id}`}>
          <Text className="xfh-family__name">{`${l.other.nickname}（我是TA的${l.relation}）`}</Text>
          {l.status === 'active' ? (
            <>
              <ActionButton id={`senior-${l.id}-care`} onClick={() => Taro.navigateTo({ url: ROUTES.elderCareFor(l.seniorId) })}>
                为TA申请养老服务
              </ActionButton>
              <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.familySenior(l.seniorId) })}>
                查看TA的积分和申请
              </ActionButton>
            </>
          ) : (
            <>
              <Text className="xfh-muted">请长辈在自己的手机上打开“亲情代办”，点“同意并显示确认码”，把 6 位数字告诉您。</Text>
              <Input
                id={`senior-${l.id}-code`}
                className="xfh-family__input"
                type="number"
                maxlength={6}
                placeholder="输入 6 位确认码"
                value={codes[l.id] ?? ''}
                onInput={(e) => setCodes({ ...codes, [l.id]: e.detail.value })}
              />
              <ActionButton id={`senior-${l.id}-confirm`} disabled={(codes[l.id] ?? '').length !== 6} onClick={() => confirmCode(l)}>
                确认关联
              </ActionButton>
            </>
          )}
          <ActionButton variant="danger" onClick={() => unlink(l)}>
            {l.status === 'pending' ? '撤回申请' : '解除关联'}
          </ActionButton>
        </View>
      ))}

      <View className="xfh-card xfh-family__ask">
        <Text className="xfh-section-title">关联一位长辈</Text>
        <Text className="xfh-muted">关联后可以帮长辈申请养老服务、预约活动、查看积分；每次代办长辈都看得到。</Text>
        <Input id="family-phone" className="xfh-family__input" type="number" maxlength={11} placeholder="长辈的手机号" value={phone} onInput={(e) => setPhone(e.detail.value)} />
        <Text className="xfh-muted">您是长辈的：</Text>
        <View className="xfh-family__relations" id="family-relation">
          {FAMILY_RELATIONS.map((r, i) => (
            <View
              key={r}
              id={`family-relation-${i}`}
              className={`xfh-family__relation${relation === r ? ' xfh-family__relation--on' : ''}`}
              onClick={() => setRelation(r)}
              {...aria('button', { label: r, pressed: relation === r })}
            >
              <Text>{r}</Text>
            </View>
          ))}
        </View>
        <ActionButton id="family-ask" disabled={phone.trim().length !== 11 || !relation} onClick={ask}>
          发送关联申请
        </ActionButton>
        {sent && (
          <Text className="xfh-muted" id="family-sent" {...aria('status', { live: 'polite' })}>
            {sent}
          </Text>
        )}
        <Text className="xfh-muted">长辈同意后，把TA手机上显示的 6 位确认码填在这里。工作人员绝不会向长辈索要确认码。</Text>
        <Input
          id="family-code-input"
          className="xfh-family__input"
          type="number"
          maxlength={6}
          placeholder="输入 6 位确认码"
          value={askCode}
          onInput={(e) => setAskCode(e.detail.value)}
        />
        <ActionButton id="family-link" disabled={phone.trim().length !== 11 || !relation || askCode.trim().length !== 6} onClick={linkWithCode}>
          确认关联
        </ActionButton>
      </View>
    </PageShell>
  );
}
