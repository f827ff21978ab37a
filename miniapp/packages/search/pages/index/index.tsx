import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { SEARCH_TYPE_LABELS } from '@shared/search';
import { aria } from '../../../../a11y';
import { searchApi, type SearchGroup, type SearchHit, type SearchType } from '../../../../api/search';
import ActionButton from '../../../../components/ActionButton';
import Icon, { type IconName } from '../../../../components/Icon';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { usePagedRemote } from '../../../../refresh';
import { TAB_ROUTES } from '../../../../routes';
import '../../../../components/Chips/index.scss';
import './index.scss';

const TYPE_ICONS: Record<SearchType, IconName> = { activity: 'activity', service: 'branch', space: 'space', complex: 'complex', reward: 'gift' };
const SUGGESTIONS = ['太极', '健身房', '理发', '义诊', '阳光社区'];

/** 搜索: activities, party-branch services, spaces, complexes and rewards; a type's "更多" pages through it. */
export default function SearchPage() {
  const router = useRouter();
  const [text, setText] = useState(router.params.q ? decodeURIComponent(router.params.q) : '');
  // the query as sent (the box may hold more since) and the one type it is narrowed to, if any
  const [asked, setAsked] = useState(text.trim());
  const [type, setType] = useState<SearchType | undefined>(undefined);
  // narrowed to a type, the results page on as the user scrolls down
  const paged = usePagedRemote(
    !!asked,
    async (cursor?: string) => {
      const r = await searchApi.search(asked, type, cursor);
      const g = type ? r.groups[0] : undefined;
      return { groups: r.groups, items: g?.items ?? [], nextCursor: g?.nextCursor ?? null };
    },
    [asked, type],
  );
  const { error, hasMore, loadingMore: more } = paged;
  const first = asked ? paged.page : null;
  const groups: SearchGroup[] | null = first && type ? first.groups.slice(0, 1).map((g) => ({ ...g, items: paged.items ?? g.items })) : (first?.groups ?? null);

  const run = (q: string, t?: SearchType) => {
    const query = q.trim();
    if (!query) return;
    if (query === asked && t === type) return void paged.reload();
    setAsked(query);
    setType(t);
  };

  const open = (h: SearchHit) => {
    const path = h.link.split('?')[0];
    if (TAB_ROUTES.includes(path)) Taro.switchTab({ url: path });
    else Taro.navigateTo({ url: h.link });
  };

  const total = groups?.reduce((n, g) => n + g.items.length, 0) ?? 0;

  return (
    <PageShell className="xfh-search">
      <View className="xfh-search__bar" {...aria('search')}>
        <Input
          id="search-input"
          className="xfh-search__input"
          value={text}
          placeholder="活动、场地、综合体、兑换…"
          confirmType="search"
          maxlength={40}
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => run(text)}
          nativeProps={{ 'aria-label': '搜索内容' }}
        />
        <ActionButton id="search-submit" className="xfh-search__go" size="mini" onClick={() => run(text)}>
          搜索
        </ActionButton>
      </View>

      {!asked && (
        <View className="xfh-search__hints">
          <Text className="xfh-muted">试试搜：</Text>
          {SUGGESTIONS.map((s) => (
            <Text key={s} className="xfh-chip" onClick={() => { setText(s); run(s); }} {...aria('button')}>
              {s}
            </Text>
          ))}
        </View>
      )}

      {type && (
        <View className="xfh-search__scope">
          <Text>{`只看「${SEARCH_TYPE_LABELS[type]}」`}</Text>
          <Text id="search-all" className="xfh-link" onClick={() => run(asked)} {...aria('button')}>
            看全部结果
          </Text>
        </View>
      )}

      <StatusView
        loading={!!asked && !groups && !error}
        error={error}
        onRetry={() => run(asked, type)}
        empty={asked && groups && total === 0 ? `没有找到与「${asked}」有关的内容，换个词试试` : null}
        emptyAction={{ label: '清空重新输入', onClick: () => { setText(''); setAsked(''); } }}
      />

      {groups?.map((g) =>
          g.items.length === 0 ? null : (
            <View key={g.type} className="xfh-card xfh-search__group" id={`search-group-${g.type}`}>
              <Text className="xfh-search__group-title">{g.label}</Text>
              {g.items.map((h) => (
                <View key={`${h.type}-${h.id}`} id={`hit-${h.type}-${h.id}`} className="xfh-search__hit" onClick={() => open(h)} {...aria('link')}>
                  <View className="xfh-search__hit-icon">
                    <Icon name={TYPE_ICONS[h.type]} />
                  </View>
                  <View className="xfh-search__hit-text">
                    <Text className="xfh-search__hit-title">{h.title}</Text>
                    <Text className="xfh-muted">{h.subtitle}</Text>
                  </View>
                </View>
              ))}
              {!type && g.items.length >= 5 && (
                <Text id={`search-more-${g.type}`} className="xfh-link xfh-search__more" onClick={() => run(asked, g.type)} {...aria('button')}>
                  {`更多${g.label} ›`}
                </Text>
              )}
              {type && hasMore && <Text className="xfh-muted">{more ? '正在加载…' : '上滑加载更多'}</Text>}
            </View>
          ),
        )}
    </PageShell>
  );
}
