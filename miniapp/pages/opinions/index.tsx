import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { opinionsApi, type OpinionSummary } from '../../api/roundtable';
import ActionButton from '../../components/ActionButton';
import MyComplexBar from '../../components/MyComplexBar';
import OpinionCard from '../../components/OpinionCard';
import PageShell from '../../components/PageShell';
import StatusView from '../../components/StatusView';
import { useShowLoad } from '../../refresh';
import { ROUTES } from '../../routes';
import { useSessionGate } from '../../session';
import { useMyComplex } from '../../stores/place';
import './index.scss';

const STEPS = [
  { mark: '1', title: '提出', body: '说出您的意见建议，公开或仅工作人员可见由您决定。' },
  { mark: '2', title: '办理', body: '2 个工作日内受理，15 天内答复，每一步都有记录。' },
  { mark: '3', title: '评议', body: '您对答复打分，不满意可以重新办理一次。' },
];

/** 民意: the round table's front door — submit, follow one's own, read and co-sign the neighbours'. */
export default function OpinionsPage() {
  const user = useSessionGate();
  const { complex, source, error, reload, choose } = useMyComplex(!!user);
  const [items, setItems] = useState<OpinionSummary[] | null>(null);
  const [hot, setHot] = useState<{ term: string; opinions: number }[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const staff = user?.role === 'worker' || user?.role === 'district_admin';

  const load = useCallback(async () => {
    if (!complex) return;
    setListError(null);
    try {
      const page = await opinionsApi.publicList({ complexId: complex.id, limit: 5 });
      setItems(page.items);
      const topics = await opinionsApi.hotTopics({ complexId: complex.id }).catch(() => null);
      // a word only one opinion used is a fragment, not a topic: show what several neighbours raised
      setHot(topics?.items.filter((t) => t.opinions >= 2).slice(0, 6) ?? []);
    } catch (e) {
      setListError((e as Error).message);
    }
  }, [complex]);

  useShowLoad(!!complex, load);

  const go = (url: string) => () => Taro.navigateTo({ url });

  return (
    <PageShell className="xfh-opinions">
      <Text className="xfh-heading">民意小圆桌</Text>
      <Text className="xfh-muted">问需于民、问计于民：决策—推动—评议</Text>
      <ActionButton id="opinion-submit-entry" onClick={go(ROUTES.opinionSubmit)}>
        我要提意见
      </ActionButton>
      <View className="xfh-opinions__grid">
        <ActionButton id="my-opinions-entry" variant="secondary" onClick={go(ROUTES.myOpinions)}>
          我的意见
        </ActionButton>
        <ActionButton id="meetings-entry" variant="secondary" onClick={go(ROUTES.meetings)}>
          议事会
        </ActionButton>
        <ActionButton id="votes-entry" variant="secondary" onClick={go(ROUTES.votes)}>
          投票表决
        </ActionButton>
        <ActionButton id="rate-entry" variant="secondary" onClick={go(ROUTES.rate)}>
          服务评议
        </ActionButton>
      </View>
      <ActionButton id="projects-entry" variant="secondary" onClick={go(ROUTES.projects(complex?.id))}>
        民生项目：看看办得怎么样
      </ActionButton>
      {staff && (
        <ActionButton id="opinion-inbox-entry" variant="secondary" onClick={go(ROUTES.opinionInbox)}>
          民意收件箱（工作人员）
        </ActionButton>
      )}

      <StatusView loading={!complex && !error} error={error} onRetry={reload} />
      {complex && <MyComplexBar complex={complex} source={source} onChoose={choose} />}

      {hot.length > 0 && (
        <View className="xfh-card" id="hot-topics">
          <Text className="xfh-section-title">近期大家关心</Text>
          <View className="xfh-opinions__hot">
            {hot.map((t) => (
              <Text key={t.term} className="xfh-tag xfh-tag--flagship xfh-opinions__hot-term">
                {`${t.term} · ${t.opinions} 条意见`}
              </Text>
            ))}
          </View>
        </View>
      )}

      <Text className="xfh-section-title">大家的意见</Text>
      <StatusView loading={!!complex && items === null && !listError} error={listError} onRetry={load} empty={items?.length === 0 ? '还没有公开的意见，来提第一条吧' : null} />
      {items?.map((o) => (
        <OpinionCard key={o.id} opinion={o} url={ROUTES.opinion(o.id)} />
      ))}
      {items && items.length > 0 && (
        <ActionButton variant="secondary" onClick={go(ROUTES.publicOpinions)}>
          查看全部、附议
        </ActionButton>
      )}

      <Text className="xfh-section-title">怎么办理</Text>
      <View className="xfh-opinions__steps">
        {STEPS.map((s) => (
          <View key={s.mark} className="xfh-card xfh-opinions__step">
            <Text className="xfh-opinions__mark">{s.mark}</Text>
            <View className="xfh-opinions__text">
              <Text className="xfh-opinions__title">{s.title}</Text>
              <Text>{s.body}</Text>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
