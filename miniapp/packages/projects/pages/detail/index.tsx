import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { photoSrc } from '../../../../api/roundtable';
import { projectsApi, uploadProjectPhoto, type ProjectFull } from '../../../../api/projects';
import { PROJECT_LIMITS } from '@shared/projects';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import Photo from '../../../../components/Photo';
import StatusView from '../../../../components/StatusView';
import { aria } from '../../../../a11y';
import { formatDateTime, formatDay } from '../../../../time';
import { useRemote } from '../../../../refresh';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import './index.scss';

const STARS = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${n} 星` }));
const SOURCE_LABELS: Record<string, string> = { opinion: '居民意见', agenda_item: '议事会议题', vote: '居民票决' };

type Entry =
  | { kind: 'milestone'; at: string; m: ProjectFull['milestones'][number] }
  | { kind: 'update'; at: string; u: ProjectFull['updates'][number] };

/** One project: its milestones and updates as a timeline, following, and 评议 at the end. */
export default function ProjectDetailPage() {
  const user = useSessionGate();
  const id = Number(useRouter().params.id);
  const { data: p, error, reload } = useRemote<ProjectFull>(!!user, () => projectsApi.detail(id), [id]);
  const [busy, run] = useAction(reload);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [stars, setStars] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  // photos for the update being written: staged on the server as soon as they are picked
  const [photos, setPhotos] = useState<Array<{ path: string; id: number }>>([]);
  const [uploading, setUploading] = useState(false);

  if (!p) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={reload} />
      </PageShell>
    );
  }

  const open = p.status === 'planned' || p.status === 'in_progress';
  // The timeline: milestones done (at their time) and updates, newest first; then what is still to do.
  const entries: Entry[] = [
    ...p.milestones.filter((m) => m.doneAt).map((m) => ({ kind: 'milestone' as const, at: m.doneAt!, m })),
    ...p.updates.map((u) => ({ kind: 'update' as const, at: u.createdAt, u })),
  ].sort((a, b) => (a.at < b.at ? 1 : -1));
  const todo = p.milestones.filter((m) => !m.doneAt);

  /** In WeChat, ask (inside this tap) whether we may send milestone and completion messages. */
  const askSubscription = async () => {
    const tpl = p.subscribeTemplateId;
    if (process.env.TARO_ENV !== 'weapp' || !tpl) return;
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [tpl], entityIds: [] } as never)) as unknown as Record<string, string>;
      if (res[tpl] === 'accept') await projectsApi.subscribe([tpl]);
    } catch {
      // declined or not supported: in-app messages still arrive
    }
  };

  const pickPhotos = async () => {
    let paths: string[];
    try {
      paths = (await Taro.chooseImage({ count: PROJECT_LIMITS.photos - photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths;
    } catch {
      return; // cancelled
    }
    setUploading(true);
    const added: Array<{ path: string; id: number }> = [];
    try {
      for (const path of paths.slice(0, PROJECT_LIMITS.photos - photos.length)) added.push({ path, id: (await uploadProjectPhoto(id, path)).id });
    } catch (e) {
      hint((e as Error).message || '照片上传失败');
    } finally {
      setPhotos((ps) => [...ps, ...added]);
      setUploading(false);
    }
  };
  const post = async () => {
    if (!text.trim()) return hint('请填写进展内容');
    if (uploading) return hint('照片还在上传，请稍候');
    if (await run(() => projectsApi.postUpdate(id, text.trim(), photos.map((ph) => ph.id)), '进展已发布')) {
      setText('');
      setPhotos([]);
    }
  };
  const rate = async () => {
    if (!stars) return hint('请先选择星级');
    await run(() => projectsApi.rate(id, stars, comment.trim()), '感谢您的评议');
  };

  return (
    <PageShell className="xfh-project">
      <View className="xfh-card">
        <View className="xfh-project__head">
          <Text className="xfh-heading" id="project-title">
            {p.title}
          </Text>
          <Text className={`xfh-project__status xfh-project__status--${p.status}`} id="project-status">
            {p.statusLabel}
          </Text>
        </View>
        <Text className="xfh-project__line">负责：{p.owner.name}</Text>
        <Text className="xfh-project__line">计划 {formatDay(p.dueDate)} 完成 · 节点 {p.milestonesDone}/{p.milestonesTotal}</Text>
        {p.shelvedReason && <Text className="xfh-project__line">搁置原因：{p.shelvedReason}</Text>}
        {p.overdueMilestones > 0 && <Text className="xfh-project__overdue">有 {p.overdueMilestones} 个节点已逾期</Text>}
        <Text className="xfh-muted">
          {p.complexName} · {p.followerCount} 人关注{p.visibility === 'private' ? ' · 不公开' : ''}
        </Text>
        {p.following ? (
          <ActionButton id="project-unfollow" variant="secondary" loading={busy} onClick={() => run(() => projectsApi.unfollow(id), '已取消关注')}>
            已关注（点此取消）
          </ActionButton>
        ) : null}
        {p.following && process.env.TARO_ENV === 'weapp' && p.subscribeTemplateId ? (
          <ActionButton id="project-subscribe" variant="secondary" onClick={askSubscription}>
            微信提醒我节点和结项
          </ActionButton>
        ) : null}
        {p.following ? null : (
          <ActionButton
            id="project-follow"
            variant="secondary"
            loading={busy}
            onClick={async () => {
              await askSubscription();
              await run(() => projectsApi.follow(id), '已关注，进展会通知您');
            }}
          >
            关注这件事
          </ActionButton>
        )}
      </View>

      {p.canRate && (
        <View className="xfh-card xfh-project__rate" id="project-rate">
          <Text className="xfh-section-title">项目已完成，请您评议</Text>
          <ChoiceChips id="project-stars" label="满意程度（1–5 星）" options={STARS} value={stars} onChange={setStars} />
          <FormField id="project-rate-comment" name="comment" label="说说您的看法（可选）" value={comment} onInput={setComment} maxlength={500} multiline />
          <ActionButton id="project-rate-send" loading={busy} onClick={rate}>
            提交评议
          </ActionButton>
        </View>
      )}
      {(p.myRating || p.rating.count > 0) && (
        <View className="xfh-card xfh-project__rated">
          {p.myRating && (
            <Text className="xfh-project__line" id="project-my-rating">
              您的评议：{p.myRating.stars} 星{p.myRating.comment ? `，${p.myRating.comment}` : ''}
            </Text>
          )}
          {p.rating.count > 0 && (
            <Text className="xfh-muted">
              居民评议 {p.rating.average} 星（{p.rating.count} 人）
            </Text>
          )}
        </View>
      )}

      <Text className="xfh-section-title">来源</Text>
      <View className="xfh-card" {...aria('list')}>
        {p.sources.map((s) => (
          <View key={`${s.type}-${s.id}`} className="xfh-project__source" {...aria('listitem')} onClick={() => s.type === 'opinion' && Taro.navigateTo({ url: ROUTES.opinion(s.id) })}>
            <Text className={s.type === 'opinion' ? 'xfh-link' : ''}>
              {SOURCE_LABELS[s.type]}：{s.title}
            </Text>
          </View>
        ))}
      </View>

      {todo.length > 0 && <Text className="xfh-section-title">待完成节点</Text>}
      {todo.map((m) => (
        <View key={m.id} className="xfh-card xfh-project__todo" id={`milestone-${m.id}`}>
          <Text className="xfh-project__line">
            ○ {m.title} · {formatDay(m.dueDate)}
            {m.overdue ? '（已逾期）' : ''}
          </Text>
          {p.canManage && open && (
            <ActionButton id={`milestone-done-${m.id}`} variant="secondary" loading={busy} onClick={() => run(() => projectsApi.milestoneDone(id, m.id), '节点已完成，已通知关注的居民')}>
              标记完成
            </ActionButton>
          )}
        </View>
      ))}

      {p.canManage && open && (
        <View className="xfh-card" id="project-manage">
          <Text className="xfh-section-title">发布进展</Text>
          <FormField id="project-update-text" name="text" label="进展内容（发布后不能修改）" value={text} onInput={setText} maxlength={1000} multiline />
          <Text className="xfh-project__line">现场照片（可选，最多 {PROJECT_LIMITS.photos} 张）</Text>
          <View className="xfh-project__photos" id="project-update-photos">
            {photos.map((ph, i) => (
              <View key={ph.id} className="xfh-project__pick">
                <Photo src={ph.path} className="xfh-project__img" alt={`待发布照片 ${i + 1}`} />
                <Text className="xfh-link" id={`project-photo-remove-${i}`} onClick={() => setPhotos(photos.filter((x) => x.id !== ph.id))}>
                  删除
                </Text>
              </View>
            ))}
          </View>
          {photos.length < PROJECT_LIMITS.photos && (
            <ActionButton id="project-update-photo" variant="secondary" loading={uploading} onClick={pickPhotos}>
              {uploading ? '照片上传中…' : '添加照片'}
            </ActionButton>
          )}
          <ActionButton id="project-update-send" loading={busy} onClick={post}>
            发布进展
          </ActionButton>
          {p.status === 'planned' && (
            <ActionButton id="project-start" variant="secondary" loading={busy} onClick={() => run(() => projectsApi.setStatus(id, 'in_progress'), '已开始推进')}>
              开始推进
            </ActionButton>
          )}
          {todo.length === 0 && (
            <ActionButton id="project-complete" loading={busy} onClick={() => run(() => projectsApi.setStatus(id, 'done'), '已结项，已请居民评议')}>
              全部完成，结项
            </ActionButton>
          )}
          <FormField id="project-shelve-reason" name="reason" label="搁置原因（搁置时必填）" value={reason} onInput={setReason} maxlength={200} />
          <ActionButton id="project-shelve" variant="danger" loading={busy} onClick={() => run(() => projectsApi.setStatus(id, 'shelved', reason.trim()), '已搁置')}>
            搁置项目
          </ActionButton>
        </View>
      )}
      {p.canManage && p.status === 'shelved' && (
        <ActionButton id="project-resume" variant="secondary" loading={busy} onClick={() => run(() => projectsApi.setStatus(id, 'in_progress'), '已恢复推进')}>
          恢复推进
        </ActionButton>
      )}

      <Text className="xfh-section-title">进展时间线</Text>
      {entries.length === 0 && <Text className="xfh-muted">还没有进展，办理中会在这里公布。</Text>}
      <View className="xfh-project__timeline" id="project-timeline" {...aria('list')}>
        {entries.map((e) => (
          <View key={e.kind === 'milestone' ? `m${e.m.id}` : `u${e.u.id}`} className="xfh-project__entry" {...aria('listitem')}>
            <View className={`xfh-project__dot ${e.kind === 'milestone' ? 'xfh-project__dot--done' : ''}`} />
            <View className="xfh-project__body">
              {e.kind === 'milestone' ? (
                <Text className="xfh-project__label">✓ 完成节点：{e.m.title}</Text>
              ) : (
                <>
                  <Text className="xfh-project__text">{e.u.text}</Text>
                  <View className="xfh-project__photos">
                    {e.u.photos.map((ph, i) => (
                      <Photo key={ph.id} src={photoSrc(ph.url)} className="xfh-project__img" alt={`进展照片 ${i + 1}`} />
                    ))}
                  </View>
                  <Text className="xfh-muted">{e.u.author.name}</Text>
                </>
              )}
              <Text className="xfh-muted">{formatDateTime(e.at)}</Text>
            </View>
          </View>
        ))}
      </View>
      {p.hotline && <Text className="xfh-muted">咨询电话：{p.hotline}</Text>}
    </PageShell>
  );
}
