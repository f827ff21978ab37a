import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { projectsApi, type Project } from '../../../../api/projects';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { aria } from '../../../../a11y';
import { formatDay, shanghaiToday } from '../../../../time';
import { downloadPdf } from '../../../../api/files';
import { useRemote } from '../../../../refresh';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { myComplexId } from '../../../../stores/place';
import './index.scss';

/** 民生项目 of a complex: what was decided and how far it has got (推进中 first). */
export default function ProjectListPage() {
  const user = useSessionGate();
  const params = useRouter().params;
  const staff = !!user && user.role !== 'resident' && user.role !== 'branch_admin';
  // staff opened from the 工作台 to-do see the first complex they run
  const complexId = Number(params.complexId) || (staff ? user.complexIds?.[0] : null) || myComplexId() || null;
  const { data, error, reload } = useRemote(!!user, () => projectsApi.list({ complexId }), [complexId]);

  return (
    <PageShell className="xfh-projects">
      <Text className="xfh-heading">民生项目</Text>
      <Text className="xfh-muted">居民提出、议事会决定的事，一件件办到底。办完后请关注的居民来评议。</Text>
      {staff && (
        <Text className="xfh-muted" style={{ display: 'block' }}>
          立项：在意见办理、议事会议程（采纳的议题）或票决结果页点「立项跟踪」，来源自动带入。
        </Text>
      )}
      {staff && complexId && (
        <ActionButton id="project-notice-sheet" variant="secondary" onClick={() => downloadPdf(`/complexes/${complexId}/notice-sheet.pdf?month=${shanghaiToday().slice(0, 7)}`, `公告栏月报-${shanghaiToday().slice(0, 7)}.pdf`).catch(() => undefined)}>
          打印本月公告栏（PDF）
        </ActionButton>
      )}
      {!data ? (
        <StatusView loading={!error} error={error} onRetry={reload} />
      ) : data.items.length === 0 ? (
        <StatusView empty="还没有民生项目" />
      ) : (
        <View id="project-list" {...aria('list')}>
          {data.items.map((p: Project) => (
            <View key={p.id} className="xfh-card xfh-projects__item" id={`project-${p.id}`} {...aria('listitem')} onClick={() => Taro.navigateTo({ url: ROUTES.project(p.id) })}>
              <View className="xfh-projects__head">
                <Text className="xfh-projects__title">{p.title}</Text>
                <Text className={`xfh-projects__status xfh-projects__status--${p.status}`}>{p.statusLabel}</Text>
              </View>
              <View className="xfh-projects__bar" {...aria('progressbar', { label: `已完成 ${p.milestonesDone}/${p.milestonesTotal} 个节点` })}>
                <View className="xfh-projects__fill" style={{ width: `${p.milestonesTotal ? Math.round((p.milestonesDone / p.milestonesTotal) * 100) : p.status === 'done' ? 100 : 0}%` }} />
              </View>
              <Text className="xfh-muted">
                节点 {p.milestonesDone}/{p.milestonesTotal} · 计划 {formatDay(p.dueDate)} 完成 · {p.followerCount} 人关注
              </Text>
              {p.overdueMilestones > 0 && <Text className="xfh-projects__overdue">有 {p.overdueMilestones} 个节点逾期</Text>}
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
