import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { OPINION_RATING_LABELS, OPINION_RATINGS, type OpinionRating } from '@shared/opinions';
import { opinionsApi, photoSrc, pressKey, type OpinionDetail } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import OpinionStatus from '../../../../components/OpinionStatus';
import OpinionTimeline from '../../../../components/OpinionTimeline';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import './index.scss';

const RATING_OPTIONS = OPINION_RATINGS.map((r) => ({ value: r, label: OPINION_RATING_LABELS[r] }));

/** One opinion: what was asked, the answer, the timeline, 附议 — and the submitter's evaluation. */
export default function OpinionDetailPage() {
  const user = useSessionGate();
  const id = Number(useRouter().params.id);
  const { data: o, error, reload: load } = useRemote<OpinionDetail>(!!user, () => opinionsApi.detail(id), [id]);
  const [rating, setRating] = useState<OpinionRating | null>(null);
  const [comment, setComment] = useState('');
  const [busy, run] = useAction(load);
  const [, runCosign] = useAction(load);
  const key = useRef(pressKey());

  const evaluate = () => {
    if (busy) return;
    if (!rating) return hint('请先选择满意、基本满意或不满意');
    return run(
      async () => {
        const r = await opinionsApi.evaluate(id, rating, comment.trim(), key.current);
        key.current = pressKey();
        return r;
      },
      (r) => (r.status === 'in_progress' ? '已转回重新办理' : '感谢您的评价'),
      {
        then: () => {
          setRating(null);
          setComment('');
        },
      },
    );
  };

  const cosign = () => runCosign(() => opinionsApi.cosign(id), null);

  if (!o) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-opinion">
      <View className="xfh-card">
        <View className="xfh-opinion__head">
          <Text className="xfh-heading" id="opinion-title">
            {o.title}
          </Text>
          <OpinionStatus status={o.status} id="opinion-status" />
        </View>
        <Text className="xfh-muted">
          {o.category} · {o.complexName} · {o.submitterName} · {formatDateTime(o.submittedAt)}
        </Text>
        <Text className="xfh-opinion__content">{o.content}</Text>
        <View className="xfh-opinion__photos">
          {o.photos.map((p, i) => (
            <Image key={p.id} src={photoSrc(p.url)} mode="aspectFill" className="xfh-opinion__img" ariaLabel={`照片 ${i + 1}`} onClick={() => Taro.previewImage({ urls: o.photos.map((x) => photoSrc(x.url)), current: photoSrc(p.url) })} />
          ))}
        </View>
        <Text className="xfh-muted">附议 {o.cosignCount} 人{o.visibility === 'private' ? ' · 仅工作人员可见' : ''}</Text>
      </View>

      {o.status === 'pending_review' && <Text className="xfh-card xfh-muted">内容正在人工审核，通过后进入受理流程。</Text>}
      {o.rejectReason && (
        <View className="xfh-card" id="opinion-reject-reason">
          <Text className="xfh-section-title">{o.status === 'blocked' ? '审核未通过' : '不予受理的理由'}</Text>
          <Text>{o.rejectReason}</Text>
        </View>
      )}
      {o.reply && (
        <View className="xfh-card xfh-opinion__reply" id="opinion-reply">
          <Text className="xfh-section-title">答复</Text>
          <Text>{o.reply}</Text>
          {o.ratingLabel && <Text className="xfh-muted">您的评价：{o.ratingLabel}{o.ratingComment ? `，${o.ratingComment}` : ''}</Text>}
        </View>
      )}

      {o.actions.includes('evaluate') && (
        <View className="xfh-card" id="opinion-evaluate">
          <Text className="xfh-section-title">您对答复满意吗？</Text>
          <ChoiceChips id="opinion-rating" label="满意度" options={RATING_OPTIONS} value={rating} onChange={setRating} />
          {rating === 'unsatisfied' && o.reopenCount === 0 && <Text className="xfh-muted">选择“不满意”，这件事会转回重新办理一次。</Text>}
          <FormField id="opinion-rating-comment" name="comment" label="说说您的看法（可选）" value={comment} onInput={setComment} maxlength={500} multiline />
          <ActionButton id="opinion-evaluate-send" loading={busy} onClick={evaluate}>
            提交评价
          </ActionButton>
        </View>
      )}

      {o.viewer === 'public' && o.status !== 'closed' && o.status !== 'rejected' && (
        o.cosignedByMe ? (
          <Text className="xfh-card" id="opinion-cosigned">您已附议</Text>
        ) : (
          <ActionButton id="opinion-cosign" variant="secondary" onClick={cosign}>
            我也关心，附议
          </ActionButton>
        )
      )}
      {o.project && (
        <ActionButton id="opinion-project" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.project(o.project!.id) })}>
          已立项：{o.project.title}（查看进展）
        </ActionButton>
      )}
      {o.viewer === 'staff' && !o.project && ['accepted', 'assigned', 'in_progress', 'replied', 'closed'].includes(o.status) && (
        <ActionButton id="opinion-make-project" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.projectCreate({ sourceType: 'opinion', sourceId: o.id, complexId: o.complexId, title: o.title }) })}>
          立项推进
        </ActionButton>
      )}
      {o.viewer === 'staff' && (
        <ActionButton id="opinion-handle" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.opinionHandle(o.id) })}>
          去办理
        </ActionButton>
      )}

      <Text className="xfh-section-title">办理进度</Text>
      <OpinionTimeline entries={o.timeline} />
    </PageShell>
  );
}
