import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { OPINION_CATEGORIES, OPINION_LIMITS, type OpinionVisibility } from '@shared/opinions';
import { ApiError, opinionsApi, pressKey, uploadOpinionPhoto } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import MyComplexBar from '../../../../components/MyComplexBar';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { useMyComplex } from '../../../../stores/place';
import { useAction } from '../../../../useAction';
import { guessCategory, titleFrom } from './category';
import './index.scss';

const CATEGORY_OPTIONS = OPINION_CATEGORIES.map((c) => ({ value: c, label: c }));
const VISIBILITY_OPTIONS = [
  { value: 'public' as const, label: '公开，邻居可附议' },
  { value: 'private' as const, label: '仅工作人员可见' },
];

/**
 * 我要提意见: category, title, what happened, public or private, up to 3 photos. Works the same in
 * elder mode (bigger type and buttons from PageShell): the defaults let a senior type and send.
 */
export default function SubmitOpinionPage() {
  const user = useSessionGate();
  const { complex, source, error, reload, choose } = useMyComplex(!!user);
  // preset from what the resident writes until they pick one themselves
  const [picked, setPicked] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [visibility, setVisibility] = useState<OpinionVisibility>('public');
  const [photos, setPhotos] = useState<string[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, run] = useAction();
  const templates = useRef<string[]>([]);
  // One key per filled-in form: a retried press after a network failure does not submit twice.
  const key = useRef(pressKey());

  useEffect(() => {
    opinionsApi.meta().then((m) => (templates.current = m.subscribeTemplateIds)).catch(() => undefined);
  }, []);

  const pickPhotos = async () => {
    try {
      const r = await Taro.chooseImage({ count: OPINION_LIMITS.photos - photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      setPhotos([...photos, ...r.tempFilePaths].slice(0, OPINION_LIMITS.photos));
    } catch {
      // cancelled
    }
  };

  /** WeChat asks the user, inside this tap, whether we may send progress messages. */
  const askSubscription = async () => {
    if (process.env.TARO_ENV !== 'weapp' || templates.current.length === 0) return;
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: templates.current, entityIds: [] } as never)) as unknown as Record<string, string>;
      const accepted = templates.current.filter((t) => res[t] === 'accept');
      if (accepted.length) await opinionsApi.subscribe(accepted);
    } catch {
      // declined or not supported: in-app messages still arrive
    }
  };

  const category = picked ?? guessCategory(`${title} ${content}`);

  const submit = () => {
    const errs: Record<string, string> = {};
    if (!content.trim()) errs.content = '请说说是什么事';
    setFields(errs);
    if (Object.keys(errs).length || !complex || busy) return;
    return run(
      async () => {
        await askSubscription();
        const r = await opinionsApi.submit(
          { category, title: title.trim() || titleFrom(content, OPINION_LIMITS.title), content: content.trim(), complexId: complex.id, visibility },
          key.current,
        );
        let failed = 0;
        for (const p of photos) await uploadOpinionPhoto(r.id, p).catch(() => failed++);
        return { ...r, failed };
      },
      (r) => (r.failed ? `已提交，${r.failed} 张照片未上传` : r.status === 'pending_review' ? '已提交，内容审核中' : '提交成功'),
      {
        plain: (r) => r.failed > 0,
        then: (r) => {
          key.current = pressKey();
          Taro.redirectTo({ url: ROUTES.opinion(r.id) });
        },
        onError: (e) => {
          const err = e as ApiError;
          const details = (err.details as { fields?: Record<string, string> } | undefined)?.fields;
          if (details) setFields(details);
          if (err.code === 'content_rejected') setFields({ content: err.message });
        },
      },
    );
  };

  return (
    <PageShell className="xfh-submit">
      <Text className="xfh-heading">我要提意见</Text>
      <StatusView loading={!complex && !error} error={error} onRetry={reload} />
      {complex && <MyComplexBar complex={complex} source={source} onChoose={choose} />}

      <View className="xfh-submit__form">
        <FormField id="opinion-content" name="content" label="什么事，您希望怎么解决" value={content} onInput={setContent} placeholder="在哪里、什么情况、您希望怎么解决" maxlength={OPINION_LIMITS.content} multiline error={fields.content} />
        <FormField id="opinion-title" name="title" label="标题（可不填，自动取第一句）" value={title} onInput={setTitle} placeholder="例如：楼道灯坏了" maxlength={OPINION_LIMITS.title} error={fields.title} />
      </View>

      <Text className="xfh-section-title">是哪方面的事？</Text>
      <Text className="xfh-muted">已按您写的内容选好，不对可以改</Text>
      <ChoiceChips id="opinion-category" label="意见分类" options={CATEGORY_OPTIONS} value={category} onChange={setPicked} />

      <Text className="xfh-section-title">谁能看到</Text>
      <ChoiceChips id="opinion-visibility" label="公开范围" options={VISIBILITY_OPTIONS} value={visibility} onChange={setVisibility} />

      <Text className="xfh-section-title">照片（可选，最多 {OPINION_LIMITS.photos} 张）</Text>
      <View className="xfh-submit__photos">
        {photos.map((p, i) => (
          <View key={p} className="xfh-submit__photo">
            <Image src={p} mode="aspectFill" className="xfh-submit__img" ariaLabel={`第 ${i + 1} 张照片`} />
            <Text className="xfh-link" onClick={() => setPhotos(photos.filter((x) => x !== p))}>
              删除
            </Text>
          </View>
        ))}
      </View>
      {photos.length < OPINION_LIMITS.photos && (
        <ActionButton variant="secondary" onClick={pickPhotos}>
          添加照片
        </ActionButton>
      )}

      <ActionButton id="opinion-send" loading={busy} onClick={submit}>
        提交
      </ActionButton>
      <Text className="xfh-muted">提交后 2 个工作日内受理，15 天内答复。办理进展会通知您。</Text>
    </PageShell>
  );
}
