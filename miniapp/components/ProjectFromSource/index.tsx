import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { ProjectSourceType } from '@shared/projects';
import { projectsApi, type ProjectOfSource } from '../../api/projects';
import { ROUTES } from '../../routes';
import ActionButton from '../ActionButton';

interface Props {
  sourceType: ProjectSourceType;
  sourceId: number;
  complexId: number;
  /** the project's suggested name: the opinion's title, the agenda item, the vote's winning option */
  title: string;
}

/**
 * 立项跟踪 where a decision is made (an opinion taken up, an agenda item adopted, a vote's winner):
 * one tap opens the create form with the source filled in; once the decision is a project, the
 * button leads to it instead. Staff pages only.
 */
export default function ProjectFromSource({ sourceType, sourceId, complexId, title }: Props) {
  const [found, setFound] = useState<ProjectOfSource['project'] | undefined>(undefined);
  const load = useCallback(() => {
    projectsApi.bySource(sourceType, sourceId).then((r) => setFound(r.project), () => setFound(null));
  }, [sourceType, sourceId]);
  useEffect(load, [load]);
  useDidShow(load);

  const id = `project-from-${sourceType}-${sourceId}`;
  if (found === undefined) return null;
  if (found) {
    return (
      <View className="xfh-project-source">
        <ActionButton id={id} variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.project(found.id) })}>
          已立项（{found.statusLabel}），查看进展
        </ActionButton>
        <Text className="xfh-muted" id={`${id}-title`}>
          项目：{found.title}
        </Text>
      </View>
    );
  }
  return (
    <View className="xfh-project-source">
      <ActionButton id={id} onClick={() => Taro.navigateTo({ url: ROUTES.projectCreate({ sourceType, sourceId, complexId, title }) })}>
        立项跟踪
      </ActionButton>
      <Text className="xfh-muted">办成民生项目：定负责人和节点，提出、附议、参会和投票的居民会自动关注进展。</Text>
    </View>
  );
}
